"""The bundle's entry point. It lives outside the source package so that PyInstaller analyses
the *installed* ``secretariat_app`` (with its compiled catalogs), not the checkout."""

from secretariat_app.cli.entry import main

raise SystemExit(main())
