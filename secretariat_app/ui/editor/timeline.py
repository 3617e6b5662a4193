"""The decision's progress timeline: the executors' dated reports, newest first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from secretariat_app.core.i18n import _, format_date, get_language
from secretariat_app.core.names import name_in
from secretariat_app.core.services.decision_snapshot import ProgressRow
from secretariat_app.ui.editor.common import TEXT_LANGS


class ProgressTimeline(QWidget):
    """The reports and the button that adds one (``add_requested``)."""

    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = QListWidget()
        self.entries.setWordWrap(True)
        self.entries.setAlternatingRowColors(True)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entries, 1)
        layout.addLayout(row)

    def retranslate(self) -> None:
        self.entries.setAccessibleName(_("Progress history"))
        self.add_button.setText(_("Add progress entry…"))
        self.add_button.setAccessibleName(self.add_button.text())

    def show_entries(self, progress: list[ProgressRow]) -> None:
        lang = get_language()
        self.entries.clear()
        for entry in reversed(progress):  # newest first
            head = [format_date(entry.entry_date, style="short")]
            if entry.status is not None:
                head.append(f"{entry.status.symbol} {entry.status.label()}")
            head.append(name_in(entry.executor, lang) if entry.executor else _("the decision as a whole"))
            lines = [" · ".join(head)]
            for note_lang in TEXT_LANGS:
                done, obstacles, next_steps = entry.notes.get(note_lang, ("", "", ""))
                for text in (
                    done,
                    _("Obstacles: {text}").format(text=obstacles) if obstacles else "",
                    _("Next steps: {text}").format(text=next_steps) if next_steps else "",
                ):
                    if text:
                        lines.append(f"[{note_lang.upper()}] {text}")
            if entry.letter_number or entry.letter_date:
                lines.append(
                    _("Source: No. {number} of {date}").format(
                        number=entry.letter_number or "—",
                        date=format_date(entry.letter_date, style="short") or "—",
                    )
                )
            self.entries.addItem("\n".join(lines))
