"""Dates as a clerk types them into a date field: ``13.02.2028``, ``13022028`` or ``2028-02-13``.

A date that does not exist (31.02.2028) is refused with a message, never moved to a nearby day;
an empty field is no date. The field shows a date back as :func:`format_typed_date` writes it,
which this parser reads again.
"""

from __future__ import annotations

import datetime as dt
import re

from secretariat_app.core.i18n import format_date
from secretariat_app.core.validation import parse_date

#: day, month and year run together, as typed on a number pad
_COMPACT = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def parse_typed_date(text: str, field: str = "date") -> dt.date | None:
    """The date ``text`` names, or ``None`` when it is empty; :class:`ValidationError` otherwise."""
    compact = _COMPACT.match(text)
    if compact:
        day, month, year = compact.groups()
        text = f"{day}.{month}.{year}"
    return parse_date(field, text)


def format_typed_date(value: dt.date | None, lang: str | None = None) -> str:
    """How a date field shows a date in the interface language (24.11.2026; 2026-11-24 in English)."""
    return format_date(value, lang, style="short")
