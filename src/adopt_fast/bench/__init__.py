"""adopt-fast bench: interleaved runs (runner), statistics (stats), findings (compare),
reports (report) and per-interpreter environments (envs)."""
