"""Help → About: the program's version, the versions of what it is built on, the open database
(where it is, its schema version) and the licences of the fonts it ships (read from the package's
``resources/fonts``)."""

from __future__ import annotations

import html
import platform
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QSize, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from secretariat_app.core.db import current_revision
from secretariat_app.core.i18n import _
from secretariat_app.core.resources import resources_dir
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.screen_fit import resize_to_fit


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"


def app_version() -> str:
    from secretariat_app import __version__

    return str(__version__)


def versions() -> list[tuple[str, str]]:
    import PySide6

    return [
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("SQLAlchemy", package_version("SQLAlchemy")),
        ("ReportLab", package_version("reportlab")),
    ]


def font_licence_files(folder: Path | None = None) -> list[Path]:
    """Licence texts beside the shipped fonts: ``*LICENSE*``, ``*LICENCE*`` and ``OFL*`` files."""
    folder = folder or resources_dir() / "fonts"
    if not folder.is_dir():
        return []
    found = {
        path
        for pattern in ("*LICENSE*", "*LICENCE*", "*License*", "OFL*", "*/OFL*", "*/*LICENSE*")
        for path in folder.glob(pattern)
        if path.is_file()
    }
    return sorted(found)


def font_licences_text(folder: Path | None = None) -> str:
    files = font_licence_files(folder)
    if not files:
        return _("No font licence files were found in the resources/fonts folder.")
    base = folder or resources_dir() / "fonts"
    parts = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError as error:
            text = str(error)
        parts.append(f"── {path.relative_to(base)} ──\n{text}")
    return "\n\n".join(parts)


def database_lines(context: AppContext | None) -> list[str]:
    """Where the open database is and its schema version (what a support call asks first)."""
    if context is None:
        return []
    database = context.database
    return [
        _("Database: {location}").format(location=database.display_name()),
        _("Schema version: {revision}").format(revision=current_revision(database) or "—"),
    ]


class AboutDialog(QDialog):
    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(self.heading.textFormat().RichText)
        self.fonts_title = QLabel()
        self.licences = QPlainTextEdit()
        self.licences.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.fonts_title)
        layout.addWidget(self.licences, 1)
        layout.addWidget(self.buttons)
        if context is not None:
            context.bus.language_changed.connect(self.retranslate)
        self.retranslate()
        resize_to_fit(self, QSize(620, 520))

    def retranslate(self) -> None:
        self.setWindowTitle(_("About Forum Secretariat"))
        rows = "".join(
            f"<tr><td>{html.escape(name)}</td><td>&nbsp;&nbsp;{html.escape(version)}</td></tr>"
            for name, version in versions()
        )
        self.heading.setText(
            "<h2>{title}</h2><p>{what}</p><p>{version}</p><p>{database}</p><p>{built}</p><table>{rows}</table>".format(
                title=html.escape(_("Forum Secretariat")),
                what=html.escape(
                    _(
                        "Decisions of the Forum of Interregional Cooperation of Kazakhstan and Russia and their execution."
                    )
                ),
                version=html.escape(_("Version {version}").format(version=app_version())),
                database="<br>".join(html.escape(line) for line in database_lines(self.context)),
                built=html.escape(_("Built on:")),
                rows=rows,
            )
        )
        self.fonts_title.setText(_("Licences of the fonts used in reports:"))
        self.licences.setAccessibleName(_("Licences of the fonts used in reports"))
        self.licences.setPlainText(font_licences_text())
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
