"""Translate flake8 / isort / black / pyupgrade / autoflake settings into Ruff settings.

`sources` reads each tool's configuration (with file:line for every value), the per-tool
modules translate it, and `translate.translate_project` combines them into one neutral
`RuffSettings` plus the list of what Ruff cannot express and why.
"""
