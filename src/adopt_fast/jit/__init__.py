"""The opt-in Pyston-lite JIT shim: one switch (ADOPT_FAST_JIT), inherited by child processes."""
