"""Allow ``python -m secretariat_app``."""

from secretariat_app.cli.main import main

raise SystemExit(main())
