"""The fonts reports print with: Noto Sans (every Russian and Kazakh letter, «», №, —) in four
faces, and Noto Sans Symbols 2 for the status marks (○ ◐ ◑ ●); DejaVu Sans is the fallback for
what a clerk may paste that Noto Sans lacks (Arabic, Hebrew, many symbols and emoji), so such text
prints instead of vanishing. Shipped inside the package (``secretariat_app/resources/fonts``) with
their licences (SIL OFL 1.1; the Bitstream Vera licence of DejaVu), registered with ReportLab
once, embedded (as subsets of the glyphs used) in every PDF."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from secretariat_app.core.resources import resources_dir

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"
ITALIC = "NotoSans-Italic"
BOLD_ITALIC = "NotoSans-BoldItalic"
SYMBOLS = "NotoSansSymbols2"
FALLBACK = "DejaVuSans"
#: The faces running text is set in (their common coverage is what needs no fallback).
TEXT_FACES = (REGULAR, BOLD, ITALIC, BOLD_ITALIC)

_FILES = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    SYMBOLS: "NotoSansSymbols2-Regular.ttf",
    FALLBACK: "DejaVuSans.ttf",
}
_lock = threading.Lock()
_registered = False


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> None:
    """Register the faces and the family (so ``<b>`` and ``<i>`` pick the right file); idempotent."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / filename)))
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
            addMapping(REGULAR, bold, italic, name)
        _registered = True


def has_glyph(font_name: str, char: str) -> bool:
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    return ord(char) in font.face.charToGlyph


def code_points(font_name: str) -> set[int]:
    """Every code point the face has a glyph for."""
    register_fonts()
    return set(pdfmetrics.getFont(font_name).face.charToGlyph)
