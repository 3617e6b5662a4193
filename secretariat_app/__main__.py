"""Allow ``python -m secretariat_app``."""

from secretariat_app.cli.entry import main

raise SystemExit(main())
