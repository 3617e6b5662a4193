"""The decisions list as a table model that stays quick with 100,000 decisions.

It holds only the ids the filter selects (one query) and fetches the rows shown, a page of ids at a
time, off the GUI thread, caching them. Results of an older filter are dropped. ``data()`` never
raises and never queries: a row not fetched yet shows an ellipsis until its page arrives.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from sqlalchemy.orm import Session

from secretariat_app.core.enums import CLOSED_STATUSES, Status
from secretariat_app.core.i18n import LANGUAGE_NAMES, N_, _, format_date, get_language, ngettext, roman
from secretariat_app.core.services.decision_list import (
    DecisionRow,
    SearchIndex,
    SortKey,
    count_decisions,
    decision_ids,
    decision_rows,
)
from secretariat_app.core.services.queries import AsOf, DecisionFilter, as_of
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.icons import OVERDUE_BACKGROUND, OVERDUE_COLOUR, STALLED_BACKGROUND, status_icon
from secretariat_app.ui.tasks import TaskHandle
from secretariat_app.ui.views.common import stalled_since_text

log = logging.getLogger(__name__)

PAGE_SIZE = 100
INDEX_DELAY_MS = 200
AFTER_PAINT_FALLBACK_MS = 250
ROWS_KEPT = 2000
ID_ROLE = Qt.ItemDataRole.UserRole + 1

#: (sort key, column title marked for translation)
COLUMNS: list[tuple[SortKey, str]] = [
    (SortKey.CODE, N_("Code")),
    (SortKey.FORUM, N_("Forum")),
    (SortKey.TEXT, N_("Decision")),
    (SortKey.STATUS, N_("Status")),
    (SortKey.LEAD, N_("Executor")),
    (SortKey.DEADLINE, N_("Deadline")),
    (SortKey.OVERDUE, N_("Days overdue")),
]
OVERDUE_MARK = "⚠"
STALLED_MARK = "⏸"
_LANGUAGE_TAGS = {"ru": "RU", "kk": "KK", "en": "EN"}
#: the one mark of a decision without a text in the interface language
MISSING_MARK = "†"
MISSING_LEGEND = N_("† in italics: no text in this language yet; the text in another language is shown.")
OUTDATED_LEGEND = N_("✎: the translation may be outdated.")
SEARCH_LEGEND = N_("KK:, RU:, EN: while searching, the text in the language the search found.")

Index = QModelIndex | QPersistentModelIndex
# the roles ``data()`` answers, as plain ints: a paint asks for a dozen roles per cell, and
# comparing ints is quicker than looking up Qt's enum members each time
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ROLES = frozenset(
    (int(ID_ROLE), _DISPLAY, _DECORATION, _TOOLTIP, _FONT, _FOREGROUND, _BACKGROUND, _ACCESSIBLE)
)


def status_text(status: Status, stalled: bool) -> str:
    """What the Status column shows: the status's symbol and name, and whether it stalled."""
    word = f"{status.symbol} {status.label()}"
    return "{word} · {stalled}".format(word=word, stalled=_("stalled")) if stalled else word


def status_texts() -> list[str]:
    """Every text the Status column can show in the current language (to size the column)."""
    return [status_text(s, False) for s in Status] + [
        status_text(s, True) for s in Status if s not in CLOSED_STATUSES
    ]


class _Loaded(NamedTuple):
    """What a reload hands the GUI thread: ``ids`` may be only the first page of ``shown``."""

    ids: list[int]
    shown: int
    total: int
    rows: dict[int, DecisionRow]
    when: AsOf
    #: rows fetched before that are still right, and what they depend on
    kept: dict[int, DecisionRow]
    rows_key: tuple


class DecisionsModel(QAbstractTableModel):
    """Rows of decisions for a filter, a sort order and an as-of date."""

    #: (shown, total) after a new id list arrived
    loaded = Signal(int, int)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.filter = DecisionFilter()
        self.as_of_date: dt.date | None = None
        self.sort_key = SortKey.CODE
        self.descending = False
        self.total = 0
        self._filter_given = False
        self._ids: list[int] = []
        self._rows: dict[int, DecisionRow] = {}
        self._rows_key: tuple | None = None  # (language, as-of date, stalled threshold) of the rows
        #: the date since which an open decision needs a report not to be stalled (known once loaded)
        self.stalled_since: dt.date | None = None
        self._wanted_pages: set[int] = set()
        self._requested_pages: set[int] = set()
        self._generation = 0
        self._lang = get_language()
        # for typing: the ids without the free text, and the texts in memory (see SearchIndex)
        self._cache_lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._base: tuple[tuple, list[int]] | None = None
        self._count: int | None = None  # all decisions, for "shown of total"
        self._epoch = 0  # bumped when decisions change, so stale worker results are not cached
        self._index_lock = threading.Lock()
        self._after_paint: list[Callable[[], object]] = []
        self._after_paint_timer = QTimer(self)
        self._after_paint_timer.setSingleShot(True)
        self._after_paint_timer.setInterval(AFTER_PAINT_FALLBACK_MS)
        self._after_paint_timer.timeout.connect(self.rows_painted)
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_wanted_pages)

    # --- what the view asks -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][1])
        if horizontal and role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(COLUMNS):
            if COLUMNS[section][0] is SortKey.TEXT:  # the legend of the marks, once for the column
                return "\n".join((_(MISSING_LEGEND), _(OUTDATED_LEGEND), _(SEARCH_LEGEND)))
            return _(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # most of what a paint asks for: answer before any other work
            return None
        try:
            return self._data(index, role)
        except Exception:  # a view must never see an exception; log it once per call
            log.exception("decisions model data() failed")
            return None

    def _data(self, index: Index, role: int) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        decision_id = self._ids[index.row()]
        if role == ID_ROLE:
            return decision_id
        row = self._rows.get(decision_id)
        if row is None:
            self._want(index.row())
            return "…" if role == _DISPLAY and index.column() == 0 else None
        key = COLUMNS[index.column()][0]
        if role == _DISPLAY:
            return self._display(row, key)
        if role == _DECORATION and key is SortKey.STATUS:
            return status_icon(row.status)
        if role == _TOOLTIP:
            return self._tooltip(row, key)
        if role == _FONT and key is SortKey.TEXT and row.text_missing:
            font = QFont()
            font.setItalic(True)
            return font
        if role == _FOREGROUND and row.days_overdue and key in (SortKey.OVERDUE, SortKey.DEADLINE):
            return QBrush(QColor(OVERDUE_COLOUR))
        if role == _BACKGROUND:
            if row.days_overdue:
                return QBrush(QColor(OVERDUE_BACKGROUND))
            if row.stalled:
                return QBrush(QColor(STALLED_BACKGROUND))
        if role == _ACCESSIBLE:
            return self._tooltip(row, key) or self._display(row, key)
        return None

    def _display(self, row: DecisionRow, key: SortKey) -> str:
        if key is SortKey.CODE:
            return row.code
        if key is SortKey.FORUM:
            return roman(row.forum_number)
        if key is SortKey.TEXT:
            return self._text_shown(row)
        if key is SortKey.STATUS:
            return status_text(row.status, row.stalled)
        if key is SortKey.LEAD:  # who is behind, when someone is: never a lead who has finished
            return f"{OVERDUE_MARK} " + ", ".join(row.late) if row.late else row.lead
        if key is SortKey.DEADLINE:
            return format_date(row.deadline, style="short") if row.deadline else "—"
        if key is SortKey.OVERDUE:
            return f"{OVERDUE_MARK} {row.days_overdue}" if row.days_overdue else ""
        return ""

    def _text_shown(self, row: DecisionRow) -> str:
        """The text in the interface language; the text in the language a search matched, tagged
        with that language; a missing text as another language's text after one mark (†, in
        italics, explained once in the column's tooltip)."""
        shown_lang, text = (
            row.text_matching(self.filter.text, self._lang) if self.filter.text else ("", row.text)
        )
        text = " ".join(text.split())
        if shown_lang and shown_lang != self._lang:
            return f"{_LANGUAGE_TAGS[shown_lang]}: {text}"
        if row.text_missing:
            return f"{MISSING_MARK} {text or _('no text')}"
        return "✎ " + text if row.text_outdated else text

    def _tooltip(self, row: DecisionRow, key: SortKey) -> str:
        parts = []
        if key is SortKey.TEXT:
            if row.text_missing:
                parts.append(_(MISSING_LEGEND))
            if row.text_outdated:
                parts.append(_("The translation may be outdated."))
            if row.texts:  # every language written, so the other side's wording is at hand
                parts.extend(f"{LANGUAGE_NAMES.get(lang, lang)}: {text}" for lang, text in row.texts)
            else:
                parts.append(row.text)
        if row.days_overdue:
            parts.append(
                ngettext("Overdue by {n} day", "Overdue by {n} days", row.days_overdue).format(
                    n=row.days_overdue
                )
            )
        if row.stalled:
            parts.append(_("Stalled: {since}.").format(since=stalled_since_text(self.stalled_since)))
        if key is SortKey.LEAD and row.late:
            parts.append(_("Late: {names}.").format(names=", ".join(row.late)))
            if row.lead:
                parts.append(_("Lead executor: {name}.").format(name=row.lead))
        return "\n".join(parts)

    def decision_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, decision_id: int) -> int:
        try:
            return self._ids.index(decision_id)
        except ValueError:
            return -1

    def is_row_loaded(self, row: int) -> bool:
        return 0 <= row < len(self._ids) and self._ids[row] in self._rows

    def row_data(self, row: int) -> DecisionRow | None:
        decision_id = self.decision_id(row)
        return self._rows.get(decision_id) if decision_id is not None else None

    # --- loading ------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.sort_key = COLUMNS[column][0]
            self.descending = order == Qt.SortOrder.DescendingOrder
            self.reload()

    def set_filter(self, flt: DecisionFilter, as_of_date: dt.date | None = None) -> None:
        self.filter = flt
        self.as_of_date = as_of_date
        self._filter_given = True
        self.reload()

    def reload(self) -> None:
        """Select the ids again (and the first page of rows with them). Nothing is selected before
        the page gives its filter: setting up the header sorts, and that query would be wasted."""
        if not self._filter_given:
            return
        self._generation += 1
        generation = self._generation
        flt, when_date, key, descending = self.filter, self.as_of_date, self.sort_key, self.descending
        lang = get_language()
        database = self.context.database
        # a row depends on the language, the as-of date and the stalled threshold (a setting of the
        # database), not on the filter: while they stay, the rows already fetched are kept (a few
        # pages' worth), so a keystroke that keeps the first rows found fetches nothing
        day = when_date or dt.date.today()
        cached = dict(self._rows) if len(self._rows) <= ROWS_KEPT else {}
        cached_key = self._rows_key

        def work(_handle: TaskHandle) -> _Loaded:
            with database.reader() as session:
                when = as_of(session, when_date)
                rows_key = (lang, day, when.stalled_since)
                kept = cached if rows_key == cached_key else {}
                total = self._total(session)
                if self._needs_query(flt, when, key, descending, lang):
                    # a new filter or sort: its first page alone, the whole list follows once
                    # that is on screen (a tenth of a second for 100,000 ids)
                    ids = decision_ids(session, flt, when, key, descending, lang, limit=PAGE_SIZE)
                    shown = len(ids) if len(ids) < PAGE_SIZE else count_decisions(session, flt, when)
                else:
                    ids = self._select_ids(session, flt, when, key, descending, lang)
                    shown = len(ids)
                first = {i: kept[i] for i in ids[:PAGE_SIZE] if i in kept}
                first.update(
                    decision_rows(session, [i for i in ids[:PAGE_SIZE] if i not in kept], lang, when)
                )
            return _Loaded(ids, shown, total, first, when, kept, rows_key)

        def done(result: _Loaded) -> None:
            if generation != self._generation:
                return
            self.beginResetModel()
            self._ids, self.total, self._lang = result.ids, result.total, lang
            self._rows, self._rows_key = result.kept | result.rows, result.rows_key
            self.stalled_since = result.when.stalled_since
            self._wanted_pages.clear()
            self._requested_pages = {0}
            self.endResetModel()
            self.loaded.emit(result.shown, result.total)
            if len(result.ids) < result.shown:
                self.after_paint(
                    lambda: self._load_all_ids(generation, flt, result.when, key, descending, lang)
                )
            # building the index holds the interpreter for a while: let the rows be painted first
            QTimer.singleShot(INDEX_DELAY_MS, self, self._prepare_search_index)

        self.context.runner.run(work, done)

    def after_paint(self, work: Callable[[], object]) -> None:
        """Run ``work`` once the rows just loaded are painted: a worker started before would hold
        the interpreter while the view asks for them. The view calls :meth:`rows_painted`; a timer
        stands in if it does not paint. (At once in tests, which run jobs inline.)"""
        if self.context.runner.synchronous:
            work()
            return
        self._after_paint.append(work)
        self._after_paint_timer.start()

    def rows_painted(self) -> None:
        """The view is painting: what waited runs as soon as that paint is done."""
        if self._after_paint:
            self._after_paint_timer.stop()
            waiting, self._after_paint = self._after_paint, []
            for work in waiting:
                QTimer.singleShot(0, self, work)

    def _load_all_ids(
        self, generation: int, flt: DecisionFilter, when: AsOf, key: SortKey, descending: bool, lang: str
    ) -> None:
        """The rest of the list after its first page: appended, so the rows shown stay put."""
        database = self.context.database

        def work(_handle: TaskHandle) -> list[int]:
            with database.reader() as session:
                return self._select_ids(session, flt, when, key, descending, lang)

        def done(ids: list[int]) -> None:
            if generation != self._generation or len(ids) <= len(self._ids):
                return
            self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
            self._ids = ids
            self.endInsertRows()

        self.context.runner.run(work, done)

    def _needs_query(
        self, flt: DecisionFilter, when: AsOf, key: SortKey, descending: bool, lang: str
    ) -> bool:
        """Runs in a worker: whether the ids without the free text must be selected anew (a free
        text is matched against the whole list, so only a filter without one can start small)."""
        if flt.text.strip():
            return False
        with self._cache_lock:
            base = self._base
        return base is None or base[0] != (replace(flt, text=""), when, key, descending, lang)

    def _select_ids(
        self, session: Session, flt: DecisionFilter, when: AsOf, key: SortKey, descending: bool, lang: str
    ) -> list[int]:
        """Runs in a worker. Typing changes only the free text: the ids selected without it are
        kept per filter and sort, and the text is matched in memory."""
        base_key = (replace(flt, text=""), when, key, descending, lang)
        with self._cache_lock:
            base, epoch = self._base, self._epoch
        if base is None or base[0] != base_key:
            base = (base_key, decision_ids(session, base_key[0], when, key, descending, lang))
            with self._cache_lock:
                if epoch == self._epoch:
                    self._base = base
        if not flt.text.strip():
            return list(base[1])
        return self._search_index(session).matching(base[1], flt.text)

    def _search_index(self, session: Session) -> SearchIndex:
        """Runs in a worker. Built once, by whichever worker needs it first: a keystroke that comes
        while the index is being built waits for it rather than building a second one."""
        with self._index_lock:
            with self._cache_lock:
                index, epoch = self._index, self._epoch
            if index is None:
                index = SearchIndex(session)
                with self._cache_lock:
                    if epoch == self._epoch:
                        self._index = index
            return index

    def _total(self, session: Session) -> int:
        """Runs in a worker. The number of all decisions changes only with the decisions: count
        once, not per keystroke."""
        with self._cache_lock:
            total, epoch = self._count, self._epoch
        if total is None:
            total = count_decisions(session)
            with self._cache_lock:
                if epoch == self._epoch:
                    self._count = total
        return total

    def _prepare_search_index(self) -> None:
        """Build the in-memory texts while the clerk reads the first rows, so that the first
        keystroke is quick too."""
        if self._index is not None or self.context.runner.synchronous:
            return
        database = self.context.database

        def work(_handle: TaskHandle) -> None:
            with database.reader() as session:
                self._search_index(session)

        self.context.runner.run(work, None, lambda error: log.warning("search index: %s", error))

    def forget_cached(self) -> None:
        """Decisions changed: the in-memory texts, the cached ids and the count are stale (and so is
        whatever a worker still busy computes: the epoch tells it not to keep its result)."""
        with self._cache_lock:
            self._index, self._base, self._count = None, None, None
            self._rows_key = None  # the rows fetched are stale too
            self._epoch += 1

    def language_changed(self) -> None:
        """Texts and names are fetched in the interface language: fetch the shown rows again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.reload()

    def _want(self, row: int) -> None:
        page = row // PAGE_SIZE
        if page not in self._requested_pages:
            self._wanted_pages.add(page)
            self._fetch_timer.start()

    def _fetch_wanted_pages(self) -> None:
        pages = sorted(self._wanted_pages - self._requested_pages)
        self._wanted_pages.clear()
        if not pages:
            return
        self._requested_pages.update(pages)
        generation = self._generation
        ids = [i for page in pages for i in self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]]
        lang, when_date, database = self._lang, self.as_of_date, self.context.database

        def work(_handle: TaskHandle) -> dict[int, DecisionRow]:
            with database.reader() as session:
                return decision_rows(session, ids, lang, as_of(session, when_date))

        def done(rows: dict[int, DecisionRow]) -> None:
            if generation != self._generation:
                return
            self._rows.update(rows)
            for page in pages:
                first = page * PAGE_SIZE
                last = min(first + PAGE_SIZE, len(self._ids)) - 1
                if last >= first:
                    self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

        def failed(error: BaseException) -> None:
            self._requested_pages.difference_update(pages)
            log.warning("could not fetch decision rows: %s", error)

        self.context.runner.run(work, done, failed)
