"""Links to other decisions (confirms, extends the deadline of, supersedes) and the history of the
decision's deadline."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import LinkKind
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import _, format_date, roman
from secretariat_app.core.services.decision_snapshot import DeadlineRow, LinkRow
from secretariat_app.core.validation import parse_forum_number
from secretariat_app.ui.editor.common import error_label


def parse_link_reference(text: str) -> tuple[int, str] | None:
    """The forum number and code of a typed reference such as ``VI 1.1`` or ``6 1.1``; the number
    is read by the core's parser, so the editor refuses what the core refuses (``VX``, ``IIII``, 0)."""
    parts = text.split()
    if len(parts) != 2:
        return None
    try:
        return parse_forum_number("link", parts[0]), parts[1]
    except ValidationError:
        return None


class LinksPanel(QWidget):
    """The links, the row that adds one (``link_requested``), and the deadline's changes."""

    link_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links = QListWidget()
        self.link_kind = QComboBox()
        for kind in LinkKind:
            self.link_kind.addItem(kind.label(), kind.value)
        self.link_target = QLineEdit()
        self.link_button = QPushButton()
        self.link_button.clicked.connect(self.link_requested)
        self.error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.link_kind)
        row.addWidget(self.link_target, 1)
        row.addWidget(self.link_button)
        self.history_label = QLabel()
        self.deadline_history = QListWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.links, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.history_label)
        layout.addWidget(self.deadline_history, 1)

    def retranslate(self) -> None:
        for widget, name in (
            (self.links, _("Links to other decisions")),
            (self.link_kind, _("Kind of link")),
            (self.link_target, _("Earlier decision")),
            (self.deadline_history, _("Deadline changes")),
        ):
            widget.setAccessibleName(name)
        self.link_target.setPlaceholderText(_("Earlier decision, e.g. VI 1.1"))
        self.link_button.setText(_("Link"))
        self.link_button.setAccessibleName(self.link_button.text())
        self.history_label.setText(_("Deadline changes:"))
        for index in range(self.link_kind.count()):
            self.link_kind.setItemText(index, LinkKind(self.link_kind.itemData(index)).label())

    def show_links(self, links: list[LinkRow], deadline_changes: list[DeadlineRow]) -> None:
        self.links.clear()
        for link in links:
            relation = link.kind.label() if link.outgoing else link.kind.inverse_label()
            self.links.addItem(
                "{relation} {code} ({forum})".format(
                    relation=relation,
                    code=link.code,
                    forum=_("forum {number}").format(number=roman(link.forum_number)),
                )
            )
        self.deadline_history.clear()
        for change in deadline_changes:
            self.deadline_history.addItem(
                _("{date}: {old} → {new}. {reason}").format(
                    date=format_date(change.changed_at.date(), style="short"),
                    old=format_date(change.old, style="short") or _("no deadline"),
                    new=format_date(change.new, style="short") or _("no deadline"),
                    reason=change.reason,
                )
            )
