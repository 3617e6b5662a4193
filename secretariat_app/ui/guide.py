"""The user guide's files: one HTML page per language with its pictures, shipped inside the package.

They are read through ``importlib.resources``, so the guide is found the same way in a checkout, an
installed wheel and a frozen bundle. Sections are the page's ``<h2>`` headings, each starting with
``<a name="…">``: the contents list and context help are built from the page itself, so a section
cannot be listed without being there.
"""

from __future__ import annotations

from html.parser import HTMLParser
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import NamedTuple

GUIDE_LANGUAGES = ("ru", "kk", "en")
PAGE = "index.html"


class Section(NamedTuple):
    anchor: str
    title: str


def guide_folder(lang: str) -> Traversable:
    """The folder of one language's guide (Russian when the language has none)."""
    return files("secretariat_app") / "resources" / "guide" / (lang if lang in GUIDE_LANGUAGES else "ru")


def guide_html(lang: str) -> str:
    return (guide_folder(lang) / PAGE).read_text(encoding="utf-8")


def guide_file(lang: str, name: str) -> bytes | None:
    """A file the page refers to (a picture), or ``None`` if there is none by that name."""
    item = guide_folder(lang)
    for part in name.split("/"):
        if part in ("", ".", ".."):
            return None
        item = item / part
    return item.read_bytes() if item.is_file() else None


class _Outline(HTMLParser):
    """Collects the ``<h2>`` sections, every anchor name and every picture of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[Section] = []
        self.anchors: list[str] = []
        #: anchor -> the anchor of the section it is in
        self.section_of: dict[str, str] = {}
        self.images: list[str] = []
        self._heading: list[str] | None = None
        self._heading_anchor = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "h2":
            self._heading, self._heading_anchor = [], ""
        elif tag == "a" and values.get("name"):
            self.anchors.append(values["name"])
            if self._heading is not None and not self._heading_anchor:
                self._heading_anchor = values["name"]
            section = self._heading_anchor or (self.sections[-1].anchor if self.sections else "")
            if section:
                self.section_of[values["name"]] = section
        elif tag == "img" and values.get("src"):
            self.images.append(values["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._heading is not None:
            title = " ".join("".join(self._heading).split())
            if self._heading_anchor:
                self.sections.append(Section(self._heading_anchor, title))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    parser.close()
    return parser


def sections(lang: str) -> list[Section]:
    """The guide's sections in reading order: what the contents list shows."""
    return outline(guide_html(lang)).sections
