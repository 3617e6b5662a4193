"""The decision's progress timeline: the executors' dated reports, newest first, each readable at
a glance (date, executor, status change, source letter, then what was done, the obstacles and the
next steps, each labelled, in both languages), with links to correct or remove it.

Reports not saved yet are marked as such: the editor saves them with everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from secretariat_app.core.i18n import _, format_date, get_language
from secretariat_app.core.names import name_in
from secretariat_app.core.services.decision_snapshot import ProgressRow
from secretariat_app.ui.editor.common import TEXT_LANGS, language_title

SAVED, NEW, CORRECTED, REMOVED = "saved", "new", "corrected", "removed"
MUTED = "color: #616161;"
PENDING = "color: #8a5a00;"


@dataclass(frozen=True)
class TimelineItem:
    """One report as shown: ``key`` names it in the links (``s12`` saved, ``n0`` new)."""

    key: str
    row: ProgressRow
    state: str = SAVED
    reason: str = ""  # why it will be removed
    amended: bool = False  # corrected or partly removed before: the history has the old text


def entry_heading(row: ProgressRow) -> str:
    """Date · executor · status change: how one report is named (the removal dialog, the history)."""
    lang = get_language()
    parts = [
        format_date(row.entry_date, style="short"),
        name_in(row.executor, lang) if row.executor else _("the decision as a whole"),
    ]
    if row.status is not None:
        parts.append(_("status → {status}").format(status=f"{row.status.symbol} {row.status.label()}"))
    return " · ".join(parts)


def entry_html(row: ProgressRow) -> str:
    """The body of a report: its source letter, then each labelled part in both languages."""
    html = []
    if row.letter_number or row.letter_date:
        html.append(
            "<p style='margin:2px 0'><b>{label}</b> {value}</p>".format(
                label=escape(_("Source:")),
                value=escape(
                    _("No. {number} of {date}").format(
                        number=row.letter_number or "—", date=format_date(row.letter_date, style="short")
                    )
                    if row.letter_date
                    else _("No. {number}").format(number=row.letter_number)
                ),
            )
        )
    present = [lang for lang in TEXT_LANGS if any(row.notes.get(lang, ("", "", "")))]
    cells = []
    for position, title in enumerate((_("What was done:"), _("Obstacles:"), _("Next steps:"))):
        texts = [row.notes.get(lang, ("", "", ""))[position] for lang in present]
        if not any(texts):
            continue
        cells.append(
            "<tr><td style='padding-right:8px' valign='top'><b>{title}</b></td>{cells}</tr>".format(
                title=escape(title),
                cells="".join(
                    "<td valign='top' style='padding-right:12px'>{}</td>".format(
                        escape(text).replace("\n", "<br>") or "—"
                    )
                    for text in texts
                ),
            )
        )
    if cells:
        head = "".join(
            f"<th align='left' style='{MUTED}'>{escape(language_title(lang))}</th>" for lang in present
        )
        html.append(
            f"<table cellspacing='0' cellpadding='1'><tr><th></th>{head}</tr>{''.join(cells)}</table>"
        )
    return "".join(html)


class ProgressTimeline(QWidget):
    """The reports and the button that adds one. Signals name the report by its key."""

    add_requested = Signal()
    correct_requested = Signal(str)
    remove_requested = Signal(str)
    restore_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[TimelineItem] = []
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # the links are actions: Tab reaches them, Enter follows
        self.browser.anchorClicked.connect(self._follow)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_requested)
        self.editable = True
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)

    def retranslate(self) -> None:
        self.browser.setAccessibleName(_("Progress history"))
        self.add_button.setText(_("Add progress entry…"))
        self.add_button.setAccessibleName(self.add_button.text())
        self.show_items(self.items)

    def _follow(self, url: QUrl) -> None:
        action, _sep, key = url.toString().partition(":")
        signal = {
            "correct": self.correct_requested,
            "remove": self.remove_requested,
            "restore": self.restore_requested,
        }.get(action)
        if signal is not None and key:
            signal.emit(key)

    def show_items(self, items: list[TimelineItem]) -> None:
        self.items = list(items)
        if not items:
            self.browser.setHtml(
                "<p style='{style}'>{text}</p>".format(
                    style=MUTED,
                    text=escape(
                        _(
                            "No progress entries yet. Record each report of an executor with "
                            "“Add progress entry…”: it is saved with the decision."
                        )
                    ),
                )
            )
            return
        blocks = [self._block(item) for item in sorted(items, key=_newest_first)]
        self.browser.setHtml("<hr>".join(blocks))

    def _block(self, item: TimelineItem) -> str:
        heading = escape(entry_heading(item.row))
        marks = {
            NEW: _("new, saved with the decision"),
            CORRECTED: _("corrected, saved with the decision"),
            REMOVED: _("removed when the decision is saved: {reason}").format(reason=item.reason),
        }
        mark = marks.get(item.state, "")
        note = f" <span style='{PENDING}'>({escape(mark)})</span>" if mark else ""
        if item.amended and item.state == SAVED:
            note += " <span style='{style}'>({text})</span>".format(
                style=MUTED, text=escape(_("corrected; the earlier text is in the history"))
            )
        body = entry_html(item.row)
        if item.state == REMOVED:
            body = f"<s>{body}</s>" if body else ""
            heading = f"<s>{heading}</s>"
        actions = []
        if self.editable:
            if item.state == REMOVED:
                actions.append((f"restore:{item.key}", _("Keep this entry")))
            else:
                actions.append((f"correct:{item.key}", _("Correct…")))
                actions.append((f"remove:{item.key}", _("Remove…")))
        links = " &nbsp; ".join(f"<a href='{href}'>{escape(text)}</a>" for href, text in actions)
        return f"<p style='margin:2px 0'><b>{heading}</b>{note}</p>{body}<p style='margin:2px 0'>{links}</p>"


def _newest_first(item: TimelineItem) -> tuple[int, int, int]:
    """Newest date first; on one day, the later entry (new ones last entered) first."""
    order = int(item.key[1:]) if item.key[1:].isdigit() else 0
    return (-item.row.entry_date.toordinal(), 0 if item.key.startswith("n") else 1, -order)
