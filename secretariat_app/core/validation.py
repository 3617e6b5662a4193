"""Checks of input shared by every service; each failure is a translated :class:`ValidationError`."""

from __future__ import annotations

import datetime as dt
import re

from secretariat_app.core.enums import Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, parse_roman

MAX_CODE_LENGTH = 40
MAX_NAME_LENGTH = 300
MAX_TEXT_LENGTH = 20_000
#: Unicode's non-characters (U+FDD0–U+FDEF and the last two code points of every plane): never
#: text, and U+FFFE/U+FFFF make a spreadsheet's XML malformed.
NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f{NONCHARACTERS}]")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_LOCAL_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
#: A "?" right before a Cyrillic letter: where Windows-1251 put it for a letter it lacks
#: (Ә Ғ Қ Ң Ө Ұ Ү Һ І), as in "?аза?стан". A question ends a word; a link's "?id=" is Latin.
_LOST_LETTER = re.compile(r"\S*\?[\u0400-\u04ff]\S*")


def clean_text(value: str | None) -> str:
    """Text as typed, without surrounding blanks, control characters databases dislike, or
    non-characters (which a spreadsheet cannot hold)."""
    return _CONTROL.sub("", value or "").strip()


def lost_letters(text: str) -> str | None:
    """The first word of a Kazakh ``text`` that shows letters lost to a code page without them
    (a "?" where a letter should be), or None when the text looks whole."""
    if "?" not in text:
        return None
    found = _LOST_LETTER.search(text)
    return found.group(0)[:60] if found else None


def check_letters(field: str, text: str) -> str:
    """A Kazakh text, or a :class:`ValidationError` when it has lost letters: such a text must
    never replace a stored one."""
    word = lost_letters(text)
    if word is not None:
        raise ValidationError(
            field,
            N_("The Kazakh text has lost letters: “{word}” has “?” where a letter should be."),
            word=word,
        )
    return text


def require_text(field: str, value: str | None, max_length: int = MAX_TEXT_LENGTH) -> str:
    text = clean_text(value)
    if not text:
        raise ValidationError(field, N_("This field is required."))
    return limit_length(field, text, max_length)


def limit_length(field: str, text: str, max_length: int) -> str:
    if len(text) > max_length:
        raise ValidationError(
            field, N_("The text is too long: at most {limit} characters."), limit=max_length
        )
    return text


def optional_text(field: str, value: str | None, max_length: int, kazakh: bool = False) -> str:
    """An optional short text (a name, a position) as typed; a Kazakh one must have all its letters."""
    text = limit_length(field, clean_text(value), max_length)
    return check_letters(field, text) if kazakh else text


MAX_LETTER_PREFIX_LENGTH = 40
MAX_LETTER_NUMBER = 10**9


def check_letter_prefix(field: str, prefix: str | None) -> str:
    """The part of an outgoing letter's number before its running number (``01-14/``): short,
    on one line."""
    text = limit_length(field, clean_text(prefix), MAX_LETTER_PREFIX_LENGTH)
    if "\n" in text or "\r" in text:
        raise ValidationError(field, N_("The prefix must be on one line."))
    return text


def check_letter_number(field: str, number: int) -> int:
    """The next running number of outgoing letters: a whole number from 1."""
    if not 1 <= number <= MAX_LETTER_NUMBER:
        raise ValidationError(
            field, N_("The number must be between {low} and {high}."), low=1, high=MAX_LETTER_NUMBER
        )
    return number


def parse_date(field: str, value: str | dt.date | None, required: bool = False) -> dt.date | None:
    """A date given as a date, ISO text (2010-09-09) or local text (09.09.2010); it must exist."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, N_("A date is required."))
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _ISO_DATE.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _LOCAL_DATE.match(value)
        if not match:
            raise ValidationError(
                field,
                N_("“{value}” is not a date: write it as 24.11.2026 or 2026-11-24."),
                value=value,
            )
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(field, N_("There is no such date: {value}."), value=value.strip()) from None


def parse_forum_number(field: str, value: str | int) -> int:
    """A forum's number written in digits (12) or, as forums are shown, in Roman numerals (XII)."""
    if isinstance(value, int):
        number: int | None = value
    else:
        text = value.strip()
        number = int(text) if text.isdecimal() else parse_roman(text)
    if number is None or number <= 0:
        raise ValidationError(
            field, N_("“{value}” is not a forum number: write it as 12 or XII."), value=str(value).strip()
        )
    return number


def parse_status(field: str, value: str | Status) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise ValidationError(field, N_("Unknown status: {value}."), value=value) from None


def noncharacter(text: str) -> str | None:
    """The first non-character of ``text`` as ``U+FFFF``, or None."""
    found = _NONCHARACTER.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def check_code(field: str, code: str | None) -> str:
    """A decision's code, as the ``repeats`` column can name it (``7/3.2; 8/1.4``): no spaces and
    no semicolon, which separates the decisions there."""
    text = require_text(field, code, MAX_CODE_LENGTH)
    if any(ch.isspace() for ch in text):
        raise ValidationError(field, N_("A code may not contain spaces: {value}."), value=text)
    if ";" in text:
        raise ValidationError(
            field,
            N_("A code may not contain “;”, which separates decisions in repeats: {value}."),
            value=text,
        )
    return text


def forum_date_errors(
    start: dt.date, end: dt.date, year: int | None, protocol_date: dt.date | None
) -> list[ValidationError]:
    """Everything wrong with a forum's own dates (an import reports all of them, a form the first)."""
    errors = []
    if end < start:
        errors.append(ValidationError("end_date", N_("The forum cannot end before it starts.")))
    if year is not None and year != start.year:
        errors.append(ValidationError("year", N_("The year must be the year the forum starts.")))
    if protocol_date is not None and protocol_date < start:
        errors.append(ValidationError("protocol_date", N_("The protocol cannot predate the forum.")))
    return errors


def check_forum_start(
    start: dt.date, earliest_deadline: dt.date | None, earliest_report: dt.date | None
) -> None:
    """A forum's start may not move past its decisions' deadlines or the reports on them."""
    if earliest_deadline is not None and earliest_deadline < start:
        raise ValidationError(
            "start_date", N_("Some decisions of this forum have deadlines before the new start date.")
        )
    if earliest_report is not None and earliest_report < start:
        raise ValidationError(
            "start_date", N_("Some reports on this forum's decisions predate the new start date.")
        )


def check_deadline(deadline: dt.date | None, forum_start: dt.date) -> None:
    if deadline is not None and deadline < forum_start:
        raise ValidationError(
            "deadline",
            N_("The deadline cannot be before the forum ({date})."),
            date=forum_start.strftime("%d.%m.%Y"),
        )


def check_report_date(entry_date: dt.date, forum_start: dt.date) -> None:
    if entry_date < forum_start:
        raise ValidationError(
            "entry_date", N_("A report cannot predate the forum that adopted the decision.")
        )


def check_reporter_assigned(assigned: bool) -> None:
    """A report named after an executor must come from one the decision is assigned to."""
    if not assigned:
        raise ValidationError("executor", N_("This region or agency is not assigned the decision."))


def check_link(same_decision: bool, forum_start: dt.date, target_forum_start: dt.date) -> None:
    """A decision refers only to a decision of the same or an earlier forum, never to itself."""
    if same_decision:
        raise ValidationError("link", N_("A decision cannot refer to itself."))
    if target_forum_start > forum_start:
        raise ValidationError("link", N_("A decision can only refer to an earlier decision."))
