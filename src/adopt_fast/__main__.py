"""`python -m adopt_fast`."""

from adopt_fast.cli import main

raise SystemExit(main())
