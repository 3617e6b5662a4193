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


def text_runs(path: Path, page_number: int) -> list[tuple[str, float, float, float, str]]:
    """Every piece of text drawn on a page (1-based): (text, size in points, x, y, font name)."""
    page = PdfReader(path).pages[page_number - 1]
    runs: list[tuple[str, float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        if not text.strip():
            return
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        name = str(font.get("/BaseFont", "")) if font else ""
        runs.append((text, round(size * scale, 2), x, y, name.split("+")[-1]))

    page.extract_text(visitor_text=visit)
    return runs


def word_boxes(path: Path) -> list[tuple[int, str, float, float, float, float]]:
    """Every word with its page (1-based) and box (x_min, y_min, x_max, y_max; y from the top)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    boxes = []
    page = 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = _WORD.search(line)
        if match:
            x0, y0, x1, y1, word = match.groups()
            boxes.append((page, word, float(x0), float(y0), float(x1), float(y1)))
    return boxes


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>')
