"""Reading report PDFs back for the report tests: text with poppler, structure with pypdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader

_SPACES = re.compile(r"\s+")


def pdftotext(path: Path, layout: bool = False, first: int | None = None, last: int | None = None) -> str:
    command = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        command.append("-layout")
    if first is not None:
        command += ["-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    return subprocess.run([*command, str(path), "-"], check=True, capture_output=True, text=True).stdout


def flat(text: str) -> str:
    """Whitespace (line and column breaks) collapsed, so that wrapped sentences compare whole."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def outline_titles(path: Path) -> list[tuple[int, str]]:
    """(level, title) of every bookmark, depth first."""
    reader = PdfReader(path)
    found: list[tuple[int, str]] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, str(item.title)))

    walk(reader.outline, 0)
    return found


def page_texts(path: Path) -> list[str]:
    reader = PdfReader(path)
    return [pdftotext(path, first=i, last=i) for i in range(1, len(reader.pages) + 1)]
