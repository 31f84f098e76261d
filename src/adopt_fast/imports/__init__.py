"""Safe removal of unused imports on top of Ruff's F401: which ones to remove, which to keep.

`ruff_f401` runs the pinned Ruff and reads its diagnostics, `policy` decides per import,
`source_edits` applies Ruff's edits to the text, `plan` puts them together per file, and
`verify` proves a fix on the project's own test suite.
"""
