"""Logging to a rotating file in the user's log folder (its place is shown in error dialogs)."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from secretariat_app import APP_NAME


def log_dir() -> Path:
    override = os.environ.get("SECRETARIAT_LOG_DIR")
    return Path(override) if override else platformdirs.user_log_path(APP_NAME, appauthor=False)


def setup_logging(level: int = logging.INFO) -> Path:
    """Send log records to ``secretariat.log``; returns its path. Safe to call more than once."""
    path = log_dir() / "secretariat.log"
    root = logging.getLogger()
    if any(getattr(h, "_secretariat", False) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._secretariat = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
