"""The editable Word edition of every report (python-docx; no Qt).

It renders the same data objects as the PDF (:mod:`core.services.report_data`), with the same
section titles (the PDF modules' message ids), as a ``.docx`` a clerk can edit before signing:
Word's heading styles (navigation pane, contents field), page numbers as fields, the PDF's fonts
named, A4 with the PDF's margins, deterministic bytes for the same data and date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from secretariat_app.core.atomic import atomic_write
from secretariat_app.reports.blocks import SECRETARIAT
from secretariat_app.reports.docx import document as word
from secretariat_app.reports.docx import letters, progress, resolutions
from secretariat_app.reports.docx.content import View, Writer
from secretariat_app.reports.layout import Ticker
from secretariat_app.reports.words import Words


class WordKind(Protocol):
    """What each kind's Word module provides."""

    def write(self, writer: Writer, words: View, data: Any, layout: str) -> None: ...


class PdfKind(Protocol):
    """What the Word edition takes from the kind's PDF module: the document's properties."""

    def header_lines(self, words: tuple[Words, ...], data: Any) -> list[str]: ...
    def title(self, w: Words, data: Any) -> str: ...
    def subject(self, w: Words, data: Any) -> str: ...


KIND_MODULES: dict[str, WordKind] = {"progress": progress, "resolutions": resolutions, "reminders": letters}


class WordDrawing:
    """One kind of report written in some languages into Word files (one or, for split letters,
    many), as :class:`~secretariat_app.reports.generate.Drawing` draws PDFs."""

    def __init__(self, kind: str, pdf: PdfKind, words: tuple[Words, ...], ticker: Ticker) -> None:
        self.kind = kind
        self.pdf = pdf
        self.words = words
        self.ticker = ticker

    def write(self, target: Path, data: Any, layout: str) -> int:
        """Write ``data`` into ``target`` (atomically); Word counts the pages, so 0 are returned."""
        words = self.words
        metadata = {
            "title": " / ".join(self.pdf.title(w, data) for w in words),
            "subject": " / ".join(self.pdf.subject(w, data) for w in words),
            "author": " / ".join(w.tr(SECRETARIAT) for w in words),
        }
        with atomic_write(target) as temporary:
            write_document(
                temporary,
                self.kind,
                words,
                data,
                layout,
                self.ticker,
                self.pdf.header_lines(words, data),
                metadata,
                data.when.date,
            )
        return 0


def write_document(
    target: Path,
    kind: str,
    words: View,
    data: Any,
    layout: str,
    ticker: Ticker,
    header_lines: list[str],
    metadata: dict[str, str],
    when: dt.date,
) -> None:
    """Write the ``kind`` report into ``target`` (a temporary file the caller renames)."""
    document = word.create(words[0].lang)
    first = document.sections[0]
    word.page_header(first, header_lines)
    word.page_footer(first, words, "NUMPAGES")
    writer = Writer(document, data.directory, ticker, words[0].lang)
    try:
        KIND_MODULES[kind].write(writer, words, data, layout)
        word.properties(document, lang=words[0].lang, when=when, **metadata)
        ticker.check()
        word.save(document, target, writer.spool)
    finally:
        writer.spool.close()


__all__ = ["KIND_MODULES", "WordDrawing", "write_document"]
