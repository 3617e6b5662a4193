"""The first start: no database yet. Choose the interface language, then create a new database,
open an existing one, or explore the demo data."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.i18n import LANGUAGE_NAMES, LANGUAGES, _, get_language, set_language


class WelcomeChoice(Enum):
    NEW = "new"
    OPEN = "open"
    DEMO = "demo"


class WelcomeDialog(QDialog):
    """Returns the choice in ``choice`` (and ``path`` for an existing database)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: WelcomeChoice | None = None
        self.path = ""
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.language_label = QLabel()
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language.setCurrentIndex(self.language.findData(get_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_label.setBuddy(self.language)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.demo_button = QPushButton()
        self.new_button.clicked.connect(lambda: self._choose(WelcomeChoice.NEW))
        self.open_button.clicked.connect(self._open_existing)
        self.demo_button.clicked.connect(lambda: self._choose(WelcomeChoice.DEMO))
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(language_row)
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(40)
            layout.addWidget(button)
        self.retranslate()
        self.resize(520, 360)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Welcome"))
        self.title.setText(_("Welcome to Forum Secretariat"))
        self.intro.setText(
            _(
                "Here the secretariat records the forums, their decisions in Russian and Kazakh, "
                "who carries them out and how they progress. There is no database yet: choose how to begin."
            )
        )
        self.language_label.setText(_("Interface language:"))
        self.language.setAccessibleName(_("Interface language"))
        self.new_button.setText(_("Create a new database"))
        self.open_button.setText(_("Open an existing database…"))
        self.demo_button.setText(_("Explore the demo data"))
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setAccessibleName(button.text())

    @property
    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def _language_chosen(self) -> None:
        set_language(self.chosen_language)
        self.retranslate()

    def _choose(self, choice: WelcomeChoice) -> None:
        self.choice = choice
        self.accept()

    def _open_existing(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open database"), "", _("Databases (*.sqlite3 *.db);;All files (*)")
        )
        if path:
            self.path = path
            self._choose(WelcomeChoice.OPEN)
