"""Help → Keyboard shortcuts: the list is read from the window's own menus and actions, so it
can never promise a key that does nothing or miss one that was added."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.i18n import _
from secretariat_app.ui.editor.keys import EDITOR_KEYS, EDITOR_PLACE
from secretariat_app.ui.screen_fit import resize_to_fit


def plain(text: str) -> str:
    """A menu text without its mnemonic marks and trailing dots ("&Open database…" → "Open database")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def keys_of(action: QAction) -> str:
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())


def shortcut_rows(menus: list[QMenu]) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every visible action with a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu, f"{path} → {plain(submenu.title())}")
            elif action.isVisible() and not action.isSeparator() and action.shortcuts():
                rows.append((path, plain(action.text()), keys_of(action)))

    for menu in menus:
        walk(menu, plain(menu.title()))
    return rows


def editor_rows() -> list[tuple[str, str, str]]:
    """The decision editor's keys, from the table it makes its shortcuts from."""
    native = QKeySequence.SequenceFormat.NativeText
    return [(_(EDITOR_PLACE), _(key.label), key.sequence().toString(native)) for key in EDITOR_KEYS]


class ShortcutsDialog(QDialog):
    """The keys of every menu action, with the menu they are in."""

    def __init__(self, menus: list[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menus = menus
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        resize_to_fit(self, QSize(560, 520))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.intro.setText(
            _(
                "Every menu is also opened with Alt and its underlined letter. In lists, Enter opens "
                "the selected record; in dialogs, Enter does the main action and Esc closes."
            )
        )
        self.table.setHorizontalHeaderLabels([_("Menu"), _("Action"), _("Keys")])
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        rows = shortcut_rows(self.menus) + editor_rows()
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
