"""Where the files that ship beside the code live (catalogs, fonts, icons).

A source checkout or editable install finds them at the repository's top level; a frozen
build (PyInstaller) unpacks them next to the executable. ``SECRETARIAT_RESOURCES`` overrides both
for unusual layouts.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def project_root() -> Path:
    override = os.environ.get("SECRETARIAT_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return PACKAGE_DIR.parent


def translations_dir() -> Path:
    return project_root() / "translations"


def resources_dir() -> Path:
    return project_root() / "resources"


def package_data(name: str) -> Path:
    """A data file shipped inside the package itself (needed even without the resources tree)."""
    return PACKAGE_DIR / "data" / name
