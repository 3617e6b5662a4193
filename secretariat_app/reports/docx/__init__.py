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

from secretariat_app.core.services.report_data import Directory
from secretariat_app.reports.docx import document as word
from secretariat_app.reports.docx import letters, progress, resolutions
from secretariat_app.reports.docx.content import View, Writer
from secretariat_app.reports.layout import Ticker


class WordKind(Protocol):
    """What each kind's Word module provides."""

    def rows_drawn(self, data: Any) -> int: ...
    def write(self, writer: Writer, words: View, data: Any, layout: str) -> None: ...


KIND_MODULES: dict[str, WordKind] = {"progress": progress, "resolutions": resolutions, "reminders": letters}


def rows_drawn(kind: str, data: Any) -> int:
    return KIND_MODULES[kind].rows_drawn(data)


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
    directory: Directory = data.directory
    first = document.sections[0]
    word.page_header(first, header_lines)
    word.page_footer(first, words, "NUMPAGES")
    writer = Writer(document, directory, ticker, words[0].lang)
    try:
        KIND_MODULES[kind].write(writer, words, data, layout)
        for section in document.sections[1:]:
            word.page_header(section, header_lines)
        word.properties(document, lang=words[0].lang, when=when, **metadata)
        ticker.check()
        word.save(document, target, writer.spool)
    finally:
        writer.spool.close()


__all__ = ["KIND_MODULES", "rows_drawn", "write_document"]
