"""How a status looks wherever it is drawn — the decision list, the dashboard's charts, the PDF's
charts: its mark, its colour, the colour of a mark written on that colour, and the order statuses
are shown in. One palette, so a status looks the same on screen and on paper.

The fills go from dark to light and neighbours in :data:`STATUS_ORDER` differ in lightness, not
only in hue, so a grey-scale printout still tells them apart; the mark (``Status.symbol``) tells
them apart without any colour at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from secretariat_app.core.enums import Status

#: Done first, then work under way, then what has not begun, then what nobody acts on.
STATUS_ORDER: tuple[Status, ...] = (
    Status.IMPLEMENTED,
    Status.PARTIAL,
    Status.IN_PROGRESS,
    Status.NOT_STARTED,
    Status.NO_INFO,
    Status.CANCELLED,
    Status.FOR_INFORMATION,
)


@dataclass(frozen=True)
class StatusStyle:
    status: Status
    #: The fill, as ``#rrggbb``.
    colour: str
    #: A mark or text written on the fill: white on the dark fills, black on the light ones.
    ink: str

    @property
    def symbol(self) -> str:
        return self.status.symbol


_BLACK, _WHITE = "#000000", "#ffffff"
_STYLES = {
    style.status: style
    for style in (
        StatusStyle(Status.IMPLEMENTED, "#1f4e79", _WHITE),
        StatusStyle(Status.PARTIAL, "#4f81bd", _WHITE),
        StatusStyle(Status.IN_PROGRESS, "#95b3d7", _BLACK),
        StatusStyle(Status.NOT_STARTED, "#f2f2f2", _BLACK),
        StatusStyle(Status.NO_INFO, "#c9c9c9", _BLACK),
        StatusStyle(Status.CANCELLED, "#7f7f7f", _WHITE),
        StatusStyle(Status.FOR_INFORMATION, "#e4dfec", _BLACK),
    )
}
#: The outline drawn around every fill, so the lightest ones still stand out from white paper.
OUTLINE = "#404040"


def status_style(status: Status | str) -> StatusStyle:
    return _STYLES[Status(status)]


def status_colour(status: Status | str) -> str:
    return status_style(status).colour


def display_rank(status: Status | str) -> int:
    """The position of a status in :data:`STATUS_ORDER` (lists sort by it)."""
    return STATUS_ORDER.index(Status(status))
