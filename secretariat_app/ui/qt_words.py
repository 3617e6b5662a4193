"""Qt's own words (the Yes/No/Cancel buttons of message boxes, file dialogs) in the interface
language: Qt ships its catalogs for Russian and Kazakh, which the app loads beside its own. Qt's
Kazakh catalog lacks a few words of its file dialog ("Look in:", "Files of type:"); those come from
our catalogs, through a small translator installed after Qt's, so no Qt dialog mixes languages.
Qt's locale follows too: a calendar opened in the Kazakh window names желтоқсан and дс, not December."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from secretariat_app.core.i18n import N_, tr

_installed: list[QTranslator] = []

#: the Qt locale of each interface language (month and day names, the week's first day)
QT_LOCALES = {"ru": "ru_RU", "kk": "kk_KZ", "en": "en_GB"}

#: (Qt's context, Qt's English text) of words some of Qt's catalogs lack, marked for our catalogs
MISSING_QT_WORDS: dict[tuple[str, str], str] = {
    ("QFileDialog", "Look in:"): N_("Look in:"),
    ("QFileDialog", "Files of type:"): N_("Files of type:"),
    ("QFileDialog", "Cancel"): N_("Cancel"),
    ("QFileDialog", "My Computer"): N_("My Computer"),
    ("QFileDialog", "Computer"): N_("Computer"),
    ("QFileDialog", "All Files (*.*)"): N_("All Files (*.*)"),
}


class MissingQtWords(QTranslator):
    """Answers Qt only for :data:`MISSING_QT_WORDS`, from our catalogs, in one language."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        msgid = MISSING_QT_WORDS.get((context, source))
        if msgid is None:
            return None  # null: not ours, Qt asks its own catalog (an empty string would blank it)
        return tr(msgid, self.lang)

    def isEmpty(self) -> bool:
        return False


def apply_qt_words(lang: str) -> None:
    """Replace the Qt translators by those for ``lang`` (English needs none) and make ``lang``'s
    locale the default every Qt widget created from now on (calendars, number fields) speaks."""
    QLocale.setDefault(QLocale(QT_LOCALES.get(lang, "en_GB")))
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
    missing = MissingQtWords(lang, app)  # installed last: asked first
    app.installTranslator(missing)
    _installed.append(missing)
