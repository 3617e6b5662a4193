"""The decision editor's keys, written once: the editor makes its shortcuts from this table and
Help → Keyboard shortcuts lists it, so the list cannot promise a key the editor does not have."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QKeySequence

from secretariat_app.core.i18n import N_


class EditorKey(NamedTuple):
    name: str  # what the editor does (its slot is chosen by this name)
    label: str  # marked with N_, translated when shown
    keys: QKeySequence.StandardKey | str  # made into a QKeySequence only once Qt runs

    def sequence(self) -> QKeySequence:
        return QKeySequence(self.keys)


#: where these keys work, as the shortcut list names it
EDITOR_PLACE = N_("Decision editor")
EDITOR_KEYS = (
    EditorKey("save", N_("Save"), QKeySequence.StandardKey.Save),
    EditorKey("save_and_close", N_("Save and close"), "Ctrl+Return"),
    EditorKey("save_and_new", N_("Save and new"), "Ctrl+Shift+N"),
    EditorKey("cancel", N_("Cancel"), "Esc"),  # Qt's dialog key: asks before losing changes
)
