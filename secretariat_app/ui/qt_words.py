"""Qt's own words (the Yes/No/Cancel buttons of message boxes, file dialogs) in the interface
language: Qt ships its catalogs for Russian and Kazakh, which the app loads beside its own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

_installed: list[QTranslator] = []


def apply_qt_words(lang: str) -> None:
    """Replace the Qt translator by the one for ``lang`` (English needs none)."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
        _installed.append(translator)
