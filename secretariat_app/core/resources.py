"""Where the files that ship inside the package live: fonts, icons, the guide, compiled catalogs,
the regions reference and the migrations.

They are found with ``importlib.resources`` relative to the package itself, so an installed wheel,
an editable checkout and a frozen bundle (PyInstaller keeps the package's files under its own
folder) all work from any current folder, with nothing pointing back at a source tree. The
package is always installed as real files (never imported from a zip), and ReportLab, Alembic and
Qt want file paths, so the locations are returned as :class:`~pathlib.Path`.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

PACKAGE = "secretariat_app"


@cache
def package_dir() -> Path:
    return Path(str(files(PACKAGE)))


def package_path(*parts: str) -> Path:
    """A file or folder shipped inside the package, e.g. ``package_path("resources", "fonts")``."""
    return package_dir().joinpath(*parts)


def resources_dir() -> Path:
    """Fonts (with their licences), icons and the user guide."""
    return package_path("resources")


def package_data(name: str) -> Path:
    """A reference data file (``data/regions.json``)."""
    return package_path("data", name)


def compiled_catalogs_dir() -> Path:
    """``locale/<lang>/LC_MESSAGES/<domain>.mo``, written by the build (see ``setup.py``)."""
    return package_path("locale")


def source_catalogs_dir() -> Path | None:
    """The translators' ``.po`` files when the package runs from a source checkout (editable
    install), else ``None``: an installed package has only its compiled catalogs."""
    checkout = package_dir().parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "translations").is_dir():
        return checkout / "translations"
    return None
