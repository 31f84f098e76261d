"""Round-trip editors for users' files: every byte outside the intended change is kept."""
