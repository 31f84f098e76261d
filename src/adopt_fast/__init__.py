"""adopt-fast: adopt Ruff and the Pyston-lite JIT safely, and measure the gain.

PYTEST_DONT_REWRITE: with ADOPT_FAST_JIT=pyston the start-up hook imports this package before
pytest loads the plugin, and pytest would warn that it cannot rewrite it (it has no asserts).
"""

# Kept free of imports: every hook start imports this package.
__version__ = "0.1.0"
