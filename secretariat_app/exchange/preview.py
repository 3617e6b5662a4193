"""Which rows of a file an import adds, updates or leaves unchanged, sheet by sheet: what the
preview (``import --dry-run``, the window's import dialog) lists beside the counts."""

from __future__ import annotations

from dataclasses import dataclass

from secretariat_app.core.i18n import N_
from secretariat_app.exchange.columns import (
    AGENCIES,
    ASSIGNMENTS,
    DECISIONS,
    EXECUTOR_REPORT,
    FORUMS,
    PROGRESS,
)
from secretariat_app.exchange.compare import Counts

#: The kinds of record in the order a preview lists them, with the sheet each is read from.
KIND_SHEETS = {
    "agencies": AGENCIES,
    "forums": FORUMS,
    "decisions": DECISIONS,
    "assignments": ASSIGNMENTS,
    "progress": PROGRESS,
}
OUTCOMES = {"added": N_("new"), "updated": N_("changed"), "unchanged": N_("unchanged")}


@dataclass(frozen=True)
class RowGroup:
    """The rows of one sheet with one outcome: ``rows`` as the file numbers them."""

    kind: str
    sheet: str
    outcome: str
    rows: tuple[int, ...]

    @property
    def ranges(self) -> str:
        return row_ranges(self.rows)


def row_ranges(rows: tuple[int, ...] | list[int]) -> str:
    """Row numbers in short: ``2–4, 7, 9–12``."""
    parts: list[str] = []
    ordered = sorted(set(rows))
    first = 0
    while first < len(ordered):
        last = first
        while last + 1 < len(ordered) and ordered[last + 1] == ordered[last] + 1:
            last += 1
        parts.append(str(ordered[first]) if first == last else f"{ordered[first]}–{ordered[last]}")
        first = last + 1
    return ", ".join(parts)


def row_groups(counts: dict[str, Counts], kind_of_file: str) -> list[RowGroup]:
    """The non-empty groups, kind by kind and outcome by outcome (new, changed, unchanged)."""
    groups = []
    for kind, sheet in KIND_SHEETS.items():
        count = counts.get(kind)
        if count is None:
            continue
        if kind == "progress" and kind_of_file == "executor_report":
            sheet = EXECUTOR_REPORT
        for outcome in OUTCOMES:
            rows = count.rows.get(outcome, [])
            if rows:
                groups.append(RowGroup(kind, sheet, outcome, tuple(rows)))
    return groups
