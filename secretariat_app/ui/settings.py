"""Window state (geometry, splitters, column widths) in QSettings, kept apart from the user's
preferences (``core.settings``). Every key is declared here, once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from secretariat_app.core.settings import config_dir

MAIN_WINDOW_GEOMETRY = "main_window/geometry"
MAIN_WINDOW_STATE = "main_window/state"
LAST_PAGE = "main_window/page"
DECISIONS_HEADER = "decisions/header"
EDITOR_GEOMETRY = "decision_editor/geometry"
EDITOR_TEXT_SPLITTER = "decision_editor/texts"
EDITOR_SPLITTER = "decision_editor/splitter"
#: the folder a report or an export was last written to (where the next one is offered)
LAST_OUTPUT_FOLDER = "files/last_output_folder"


def window_settings() -> QSettings:
    """An INI file beside the user's settings (so tests, which isolate that folder, stay apart)."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def _bytes(key: str) -> QByteArray | None:
    value = window_settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_geometry(widget: QWidget, key: str) -> None:
    window_settings().setValue(key, widget.saveGeometry())


def restore_geometry(widget: QWidget, key: str) -> bool:
    value = _bytes(key)
    return bool(value is not None and widget.restoreGeometry(value))


def save_splitter(splitter: QSplitter, key: str) -> None:
    window_settings().setValue(key, splitter.saveState())


def restore_splitter(splitter: QSplitter, key: str) -> None:
    value = _bytes(key)
    if value is not None:
        splitter.restoreState(value)


def save_header(header: QHeaderView, key: str) -> None:
    window_settings().setValue(key, header.saveState())


def restore_header(header: QHeaderView, key: str) -> None:
    value = _bytes(key)
    if value is not None:
        header.restoreState(value)


def value(key: str, default: str = "") -> str:
    stored = window_settings().value(key, default)
    return stored if isinstance(stored, str) else default


def set_value(key: str, stored: str) -> None:
    window_settings().setValue(key, stored)


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder when the system names none that exists."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def output_folder() -> Path:
    """Where a report or an export is offered: the folder last written to, if it still exists, else
    Documents (never the folder the program happened to be started from)."""
    last = value(LAST_OUTPUT_FOLDER)
    return Path(last) if last and Path(last).is_dir() else documents_folder()


def remember_output_folder(folder: Path) -> None:
    set_value(LAST_OUTPUT_FOLDER, str(folder))
