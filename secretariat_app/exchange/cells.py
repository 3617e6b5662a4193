"""Cell values in and out: text, whole numbers, dates, statuses and roles as clerks type them, and
the rule that keeps text from being taken for a formula (formula injection)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache

from secretariat_app.core.enums import Role, Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import LANGUAGES, N_
from secretariat_app.core.validation import (
    MAX_TEXT_LENGTH,
    clean_text,
    limit_length,
    noncharacter,
    parse_date,
)
from secretariat_app.exchange.files import Cell

#: A text cell beginning with one of these could be taken for a formula by a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def text(column: str, value: Cell, max_length: int = MAX_TEXT_LENGTH) -> str:
    """A cell as text: numbers typed into text columns read as they look (3.0 → "3")."""
    if value is None:
        return ""
    if type(value) is str and value.isprintable():  # the usual case, without clean_text's regex
        raw = value.strip()
        if len(raw) > max_length:
            return limit_length(column, raw, max_length)
        return raw
    if isinstance(value, bool):
        raw = "1" if value else "0"
    elif isinstance(value, float):
        raw = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, dt.datetime):
        raw = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        raw = value.isoformat()
    else:
        raw = str(value)
    found = noncharacter(raw)
    if found is not None:
        raise ValidationError(
            column,
            N_("The text holds {char}, which is no character and cannot be kept; delete it from the cell."),
            char=found,
        )
    return limit_length(column, clean_text(raw), max_length)


def whole_number(column: str, value: Cell) -> int | None:
    """A positive whole number, typed as a number or as text; None when the cell is empty."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raw = text(column, value, 40)
        if not raw:
            return None
        try:
            number = int(raw)
        except ValueError:
            raise ValidationError(column, N_("“{value}” is not a whole number."), value=raw) from None
    if number <= 0:
        raise ValidationError(column, N_("“{value}” is not a positive whole number."), value=number)
    return number


#: Day 0 of the spreadsheets' date numbers (Excel's 1900 system, as LibreOffice counts it too).
SERIAL_EPOCH = dt.date(1899, 12, 30)
#: Date numbers read as dates: 1 January 1950 to 31 December 2100. Smaller and larger numbers
#: (a year typed alone, 2026) are no dates of ours and are refused.
SERIAL_DATES = (18264, 73415)
_SERIAL_TEXT = re.compile(r"^\s*(\d{5})(?:\.0+)?\s*$")


def date(column: str, value: Cell) -> dt.date | None:
    """A real spreadsheet date, a date number (46000 is 9 December 2025: a date cell whose format
    was lost), or text in ISO (2010-09-09) or local (09.09.2010) form."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if SERIAL_DATES[0] <= value <= SERIAL_DATES[1]:
            return SERIAL_EPOCH + dt.timedelta(days=int(value))
        shown = int(value) if float(value).is_integer() else value
        raise ValidationError(
            column, N_("“{value}” is not a date: write it as 24.11.2026 or 2026-11-24."), value=shown
        )
    raw = text(column, value, 40)
    serial = _SERIAL_TEXT.match(raw)
    if serial is not None:
        return date(column, int(serial.group(1)))
    return parse_date(column, raw)


class Choices:
    """The values a column accepts, as a message parameter written out when the message is shown,
    so the names are in the interface language of that moment: ``in_progress (В работе); …``."""

    def __init__(self, pairs: Callable[[], list[tuple[str, str]]]) -> None:
        self.pairs = pairs

    def __format__(self, spec: str) -> str:
        return "; ".join(f"{code} ({name})" if name and name != code else code for code, name in self.pairs())

    def __str__(self) -> str:
        return format(self)


STATUS_CHOICES = Choices(lambda: [(status.value, status.label()) for status in Status])
ROLE_CHOICES = Choices(lambda: [(role.value, role.label()) for role in Role])


@cache
def _status_names() -> dict[str, Status]:
    names: dict[str, Status] = {}
    for status in Status:
        names[status.value.casefold()] = status
        for lang in LANGUAGES:
            names.setdefault(status.label(lang).casefold(), status)
    return names


@cache
def _role_names() -> dict[str, Role]:
    names: dict[str, Role] = {}
    for role in Role:
        names[role.value.casefold()] = role
        for lang in LANGUAGES:
            names.setdefault(role.label(lang).casefold(), role)
    return names


def status(column: str, value: Cell) -> Status | None:
    """A status by its code (``in_progress``) or its name in Russian, Kazakh or English."""
    raw = text(column, value, 200)
    if not raw:
        return None
    found = _status_names().get(raw.casefold()) or _status_names().get(raw.casefold().replace(" ", "_"))
    if found is None:
        raise ValidationError(
            column, N_("Unknown status: {value}. Use one of: {choices}."), value=raw, choices=STATUS_CHOICES
        )
    return found


def role(column: str, value: Cell) -> Role:
    raw = text(column, value, 200)
    if not raw:
        return Role.LEAD
    found = _role_names().get(raw.casefold())
    if found is None:
        raise ValidationError(
            column, N_("Unknown role: {value}. Use one of: {choices}."), value=raw, choices=ROLE_CHOICES
        )
    return found


def forget_names() -> None:
    """Forget the cached names (after the catalogs were reloaded)."""
    _status_names.cache_clear()
    _role_names.cache_clear()


_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape_xlsx(value: str) -> str:
    """A text for an XLSX cell that every reader gives back exactly.

    Spreadsheets read ``_x0041_`` in a cell as the character it names ("A"), so a text that holds
    such a sequence has its underscore written as ``_x005F_``. Control characters, which XML
    cannot carry, are written in that same form; U+FFFE and U+FFFF, which are no characters
    (the app no longer stores them), are left out instead of making the sheet malformed."""
    if "_x" in value:
        value = _ESCAPE_LIKE.sub(r"_x005F_\1", value)
    if not value.isprintable():
        value = _NOT_IN_XML.sub(_xml_escape, value)
    return value


def _xml_escape(found: re.Match[str]) -> str:
    char = found.group()
    return "" if char in "\ufffe\uffff" else f"_x{ord(char):04X}_"


def guard_formula(value: str) -> bool:
    """Whether a spreadsheet could read ``value`` as a formula if it were written as it is."""
    return value[:1] in FORMULA_TRIGGERS


def escape_csv(value: str) -> str:
    """A text for a CSV cell: a leading apostrophe makes spreadsheets show a would-be formula as
    text. Apostrophes already in front of one are doubled up, so :func:`unescape_csv` is exact."""
    return "'" + value if value.lstrip("'")[:1] in FORMULA_TRIGGERS else value


def unescape_csv(value: str) -> str:
    return value[1:] if value.startswith("'") and value.lstrip("'")[:1] in FORMULA_TRIGGERS else value
