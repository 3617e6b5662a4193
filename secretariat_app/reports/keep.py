"""A table kept with what closes it: the signature never stands alone on the last page.

ReportLab's ``KeepTogether`` moves its whole content to a new page when it does not fit, which
for a long table does nothing useful. :class:`TableWithClosing` splits the table as usual, but
when the closing block (a closing sentence, the signatures) would be left alone on the next page,
the table's last row is moved there with it.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether

#: leeway so that a split "just before the last row" does not fit the last row after all
_EPSILON = 1.0


class TableWithClosing(Flowable):
    def __init__(self, table: Flowable, closing: list[Flowable]) -> None:
        super().__init__()
        self.table = table
        self.closing = closing

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _w, table_height = self.table.wrap(availWidth, availHeight)
        closing_height = sum(f.wrap(availWidth, availHeight)[1] for f in self.closing)
        self.width, self.height = availWidth, table_height + closing_height
        return self.width, self.height

    def draw(self) -> None:
        """All of it fits here: the table, then the closing block under it."""
        y = self.height
        for flowable in (self.table, *self.closing):
            _w, height = flowable.wrap(self.width, self.height)
            y -= height
            flowable.drawOn(self.canv, 0, y)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        _w, table_height = self.table.wrap(availWidth, availHeight)
        if table_height > availHeight:  # the table goes on: keep its rest with the closing
            parts = list(self.table.split(availWidth, availHeight))
            if not parts:
                return []
            return [*parts[:-1], TableWithClosing(parts[-1], self.closing)]
        closing_height = sum(f.wrap(availWidth, availHeight)[1] for f in self.closing)
        if table_height + closing_height <= availHeight:
            return [self.table, *self.closing]
        heights = getattr(self.table, "_rowHeights", None) or [table_height]
        last_row = heights[-1]
        parts = list(self.table.split(availWidth, table_height - last_row - _EPSILON))
        if len(parts) < 2:  # a table of one row: it goes to the next page with the closing
            return [KeepTogether([self.table, *self.closing])]
        return [*parts[:-1], KeepTogether([parts[-1], *self.closing])]
