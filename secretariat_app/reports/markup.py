"""Typed text into paragraph markup: escaped, never interpreted, set the way documents are set.

A clerk's ``<b>``, ``&`` or ``>`` must print as typed; control characters and lone surrogates
(which would break the PDF's encoding) are dropped. Very long words and codes are wrapped by the
paragraph styles (``splitLongWords``), not here.

Typography of official documents: a no-break space after «№», before «г.», between a number and
its unit (days, %) and before a « / » between two languages, so no line ends on «№» and none
starts with «/»; in titles also after one- and two-letter words («и», «в», «по»), so no title line
ends on a preposition (:func:`title`).

A character the report's fonts cannot draw is never dropped silently: it is drawn in the fallback
face (DejaVu Sans: Arabic, Hebrew, many symbols) or, when that lacks it too, replaced by a visible
mark that the summary page counts (:func:`unprintable`).
"""

from __future__ import annotations

import functools
import re
from xml.sax.saxutils import escape

from secretariat_app.core.i18n import NBSP
from secretariat_app.reports import fonts

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_NEWLINES = re.compile(r"\r\n?|\n|\u2028|\u2029")
#: Marks that Noto Sans lacks; drawn with the symbols face.
_SYMBOL_CHARS = "○◐◑●⚠▲▼"
#: What a character no font of the report has is printed as (and counted on the summary page).
MISSING_GLYPH = "[?]"

_AFTER_NUMERO = re.compile(r"№\s+")
_UNITS = re.compile(r"(\d) (г\.|гг\.|%|дн\.|дн[яе]й?|день|күн\w*|жылғы|days?)(?!\w)")
_SHORT_WORD = re.compile(r"(?<![\w\-.])(\w{1,2}) (?=\S)")
_SLASH = re.compile(r" /(?= )")


def clean(text: str) -> str:
    """The text with control characters, bidi overrides and lone surrogates removed."""
    return _CONTROL.sub("", _NEWLINES.sub("\n", text or ""))


def typeset(value: str) -> str:
    """No-break spaces where documents keep words together (see the module's note)."""
    if "№" in value:
        value = _AFTER_NUMERO.sub("№" + NBSP, value)
    value = _UNITS.sub(r"\1" + NBSP + r"\2", value)
    return _SLASH.sub(NBSP + "/", value) if " / " in value else value


def title(value: str) -> str:
    """:func:`text` for a title or heading: short words also stay with the word after them."""
    return text(_SHORT_WORD.sub(r"\1" + NBSP, value))


def text(value: str) -> str:
    """Paragraph markup that prints ``value`` exactly, line breaks kept."""
    value = typeset(clean(value))
    if _uncovered().search(value) is None:
        return escape(value).replace("\n", "<br/>")
    return _with_fallback(value).replace("\n", "<br/>")


def symbol(char: str) -> str:
    """A status mark in the face that has it."""
    if char in _SYMBOL_CHARS:
        return f'<font name="{fonts.SYMBOLS}">{char}</font>'
    return escape(char)


def unprintable(value: str) -> int:
    """How many characters of ``value`` no font of the report can draw (each printed as a mark)."""
    value = clean(value)
    found = _uncovered().findall(value)
    if not found:
        return 0
    fallback = _fallback_chars()
    return sum(1 for char in found if ord(char) not in fallback)


def _with_fallback(value: str) -> str:
    """Escaped text whose uncovered characters are in the fallback face, or marked."""
    fallback = _fallback_chars()
    out: list[str] = []
    position = 0
    for match in _uncovered_runs().finditer(value):
        out.append(escape(value[position : match.start()]))
        run = ""
        for char in match.group():
            if ord(char) in fallback:
                run += char
                continue
            if run:
                out.append(f'<font name="{fonts.FALLBACK}">{escape(run)}</font>')
                run = ""
            out.append(MISSING_GLYPH)
        if run:
            out.append(f'<font name="{fonts.FALLBACK}">{escape(run)}</font>')
        position = match.end()
    out.append(escape(value[position:]))
    return "".join(out)


@functools.cache
def _covered_class() -> str:
    """A regex character class body of every code point all four Noto Sans faces draw."""
    points = set.intersection(*(fonts.code_points(face) for face in fonts.TEXT_FACES))
    points |= {ord(c) for c in "\n\t " + _SYMBOL_CHARS}
    ranges: list[str] = []
    ordered = sorted(points)
    start = previous = ordered[0]
    for point in [*ordered[1:], -1]:
        if point == previous + 1:
            previous = point
            continue
        ranges.append(re.escape(chr(start)) + (f"-{re.escape(chr(previous))}" if previous > start else ""))
        start = previous = point
    return "".join(ranges)


@functools.cache
def _uncovered() -> re.Pattern[str]:
    return re.compile(f"[^{_covered_class()}]")


@functools.cache
def _uncovered_runs() -> re.Pattern[str]:
    return re.compile(f"[^{_covered_class()}]+")


@functools.cache
def _fallback_chars() -> frozenset[int]:
    return frozenset(fonts.code_points(fonts.FALLBACK))
