"""Links to other decisions (confirms, extends the deadline of, supersedes) and the decision's
history: its deadline's changes and the corrections and removals of its progress entries, with
what they said before."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import LinkKind
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import _, format_date, roman
from secretariat_app.core.services.decision_snapshot import AmendmentRow, DeadlineRow, LinkRow
from secretariat_app.core.validation import parse_forum_number
from secretariat_app.ui.editor.common import error_label
from secretariat_app.ui.editor.timeline import MUTED, PENDING, entry_heading, entry_html

LINK_ROLE = Qt.ItemDataRole.UserRole


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


def link_text(link: LinkRow) -> str:
    relation = link.kind.label() if link.outgoing else link.kind.inverse_label()
    return "{relation} {code} ({forum})".format(
        relation=relation, code=link.code, forum=_("forum {number}").format(number=roman(link.forum_number))
    )


class LinksPanel(QWidget):
    """The links, the row that adds one (``link_requested``, also Enter in the field), the button
    that removes the chosen one (``remove_requested(LinkRow)``), and the history."""

    link_requested = Signal()
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links = QListWidget()
        self.links.currentRowChanged.connect(lambda _row: self._update_remove())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(MUTED)
        self.link_kind = QComboBox()
        for kind in LinkKind:
            self.link_kind.addItem(kind.label(), kind.value)
        self.link_target = QLineEdit()
        self.link_target.installEventFilter(self)
        self.link_button = QPushButton()
        self.link_button.clicked.connect(self.link_requested)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._remove_current)
        self.error = error_label()
        self.editable = True
        row = QHBoxLayout()
        row.addWidget(self.link_kind)
        row.addWidget(self.link_target, 1)
        row.addWidget(self.link_button)
        row.addWidget(self.remove_button)
        self.history_label = QLabel()
        self.history = QTextBrowser()
        self.history.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.links, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history, 1)
        self._deadline_changes: list[DeadlineRow] = []
        self._amendments: list[AmendmentRow] = []
        self.show_links([])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the field adds the link (and never saves the decision)."""
        if (
            watched is self.link_target
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            QTimer.singleShot(0, lambda: self.link_requested.emit())
            return True
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        for widget, name in (
            (self.links, _("Links to other decisions")),
            (self.link_kind, _("Kind of link")),
            (self.link_target, _("Earlier decision")),
            (self.history, _("History of the decision")),
        ):
            widget.setAccessibleName(name)
        self.empty.setText(
            _(
                "No links yet. A link records that this decision confirms, extends the deadline of, "
                "or supersedes another decision of this or an earlier forum: choose the kind, type "
                "the forum and the code (e.g. VI 1.1) and press Link."
            )
        )
        self.link_target.setPlaceholderText(_("Earlier decision, e.g. VI 1.1"))
        self.link_button.setText(_("Link"))
        self.remove_button.setText(_("Remove link…"))
        for button in (self.link_button, self.remove_button):
            button.setAccessibleName(button.text())
        self.history_label.setText(_("History: deadline changes, corrected and removed progress entries"))
        for index in range(self.link_kind.count()):
            self.link_kind.setItemText(index, LinkKind(self.link_kind.itemData(index)).label())
        for index in range(self.links.count()):
            item = self.links.item(index)
            link = item.data(LINK_ROLE)
            if isinstance(link, LinkRow):
                item.setText(self._item_text(link, bool(item.data(LINK_ROLE + 1))))
        self.show_history(self._deadline_changes, self._amendments)

    def _item_text(self, link: LinkRow, pending: bool) -> str:
        return link_text(link) + ("  — " + _("new, saved with the decision") if pending else "")

    def show_links(self, links: list[LinkRow], pending: frozenset[LinkRow] = frozenset()) -> None:
        self.links.clear()
        for link in links:
            item = QListWidgetItem(self._item_text(link, link in pending))
            item.setData(LINK_ROLE, link)
            item.setData(LINK_ROLE + 1, link in pending)
            self.links.addItem(item)
        self.links.setVisible(bool(links))
        self.empty.setVisible(not links)
        if links:
            self.links.setCurrentRow(0)
        self._update_remove()

    def current_link(self) -> LinkRow | None:
        item = self.links.currentItem()
        link = item.data(LINK_ROLE) if item is not None else None
        return link if isinstance(link, LinkRow) else None

    def _remove_current(self) -> None:
        link = self.current_link()
        if link is not None:
            self.remove_requested.emit(link)

    def _update_remove(self) -> None:
        self.remove_button.setEnabled(self.editable and self.current_link() is not None)

    def show_history(self, deadline_changes: list[DeadlineRow], amendments: list[AmendmentRow]) -> None:
        self._deadline_changes, self._amendments = list(deadline_changes), list(amendments)
        events: list[tuple[object, str]] = []
        for change in deadline_changes:
            text = _("{date}: {old} → {new}. {reason}").format(
                date=format_date(change.changed_at.date(), style="short"),
                old=format_date(change.old, style="short") or _("no deadline"),
                new=format_date(change.new, style="short") or _("no deadline"),
                reason=change.reason,
            )
            events.append(
                (
                    change.changed_at,
                    f"<p style='margin:2px 0'><b>{escape(_('Deadline'))}</b> {escape(text)}</p>",
                )
            )
        for amendment in amendments:
            when = format_date(amendment.at.date(), style="short")
            if amendment.removed:
                what = _("{date}, {who}: removed the entry “{entry}”. Reason: {reason}").format(
                    date=when,
                    who=amendment.actor,
                    entry=entry_heading(amendment.before),
                    reason=amendment.reason,
                )
                title = _("Before removal it said:")
            else:
                what = _("{date}, {who}: corrected the entry “{entry}”.").format(
                    date=when, who=amendment.actor, entry=entry_heading(amendment.before)
                )
                title = _("Before the correction it said:")
            events.append(
                (
                    amendment.at,
                    "<p style='margin:2px 0'><b>{what}</b></p><p style='margin:2px 0;{style}'>{title}</p>"
                    "<blockquote>{body}</blockquote>".format(
                        what=escape(what),
                        style=PENDING,
                        title=escape(title),
                        body=f"<p>{escape(entry_heading(amendment.before))}</p>"
                        + entry_html(amendment.before),
                    ),
                )
            )
        if not events:
            self.history.setHtml(f"<p style='{MUTED}'>{escape(_('No changes recorded yet.'))}</p>")
            return
        events.sort(key=lambda event: str(event[0]), reverse=True)
        self.history.setHtml("<hr>".join(html for _when, html in events))
