"""One module per subcommand; each exposes plain typed functions that cli.py calls."""
