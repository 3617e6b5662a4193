"""Typed text into paragraph markup: escaped, never interpreted.

A clerk's ``<b>``, ``&`` or ``>`` must print as typed; control characters and lone surrogates
(which would break the PDF's encoding) are dropped. Very long words and codes are wrapped by the
paragraph styles (``splitLongWords``), not here.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from secretariat_app.reports import fonts

_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
_NEWLINES = re.compile(r"\r\n?|\n|\u2028|\u2029")
#: Marks that Noto Sans lacks; drawn with the symbols face.
_SYMBOL_CHARS = "○◐◑●⚠▲▼"


def clean(text: str) -> str:
    """The text with control characters, bidi overrides and lone surrogates removed."""
    return _CONTROL.sub("", _NEWLINES.sub("\n", text or ""))


def text(value: str) -> str:
    """Paragraph markup that prints ``value`` exactly, line breaks kept."""
    return escape(clean(value)).replace("\n", "<br/>")


def symbol(char: str) -> str:
    """A status mark in the face that has it."""
    if char in _SYMBOL_CHARS:
        return f'<font name="{fonts.SYMBOLS}">{char}</font>'
    return escape(char)
