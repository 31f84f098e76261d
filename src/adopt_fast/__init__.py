"""adopt-fast: adopt Ruff and the Pyston-lite JIT safely, and measure the gain."""

# Kept free of imports: every hook start imports this package.
__version__ = "0.1.0"
