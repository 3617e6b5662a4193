"""The rows of an imported file once read and checked cell by cell: plain values, ready to be
compared with the database. An executor is an id, or, for an agency the same file introduces,
the casefolded Russian name under which its ``agencies`` row will be added."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from secretariat_app.core.enums import TEXT_LANGUAGES, Role, Status

ExecutorRef = int | str
NoteParts = tuple[str, str, str]  # done, obstacles, next steps


@dataclass(slots=True)
class AgencyRecord:
    row: int
    name_ru: str
    name_kk: str
    name_en: str
    country: str | None


@dataclass(slots=True)
class ForumRecord:
    row: int
    number: int
    year: int
    city_ru: str
    city_kk: str
    country: str
    start_date: dt.date
    end_date: dt.date
    theme_ru: str
    theme_kk: str
    protocol_number: str
    protocol_date: dt.date | None

    def values(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FORUM_FIELDS}


FORUM_FIELDS = (
    "number", "year", "city_ru", "city_kk", "country", "start_date", "end_date",
    "theme_ru", "theme_kk", "protocol_number", "protocol_date",
)  # fmt: skip


@dataclass(slots=True)
class LinkRecord:
    forum: int
    code: str
    kind: str


@dataclass(slots=True)
class DecisionRecord:
    row: int
    forum: int
    code: str
    #: The texts in the order of ``TEXT_LANGUAGES``, "" where the file gives none (see ``texts``):
    #: a tuple costs a third of a dict, which is 36 MB over 300,000 decisions.
    text_values: tuple[str, ...]
    sector_id: int
    deadline: dt.date | None
    own_status: Status
    #: Most decisions repeat none: they share one empty tuple instead of an empty list each.
    links: Sequence[LinkRecord] = ()
    #: ``(forum, code)``, made once: the import's mappings by decision all share this one tuple
    #: (a 300,000-row file would otherwise make a new one per mapping, 17 MB each).
    key: tuple[int, str] = field(init=False)

    def __post_init__(self) -> None:
        self.key = (self.forum, self.code)

    @property
    def texts(self) -> dict[str, str]:
        """The texts the file gives, by language."""
        return {lang: text for lang, text in zip(TEXT_LANGUAGES, self.text_values, strict=True) if text}


@dataclass(slots=True)
class AssignmentRecord:
    row: int
    forum: int
    code: str
    executor: ExecutorRef
    role: Role
    status: Status
    note: str


@dataclass(slots=True)
class ProgressRecord:
    row: int
    forum: int
    code: str
    entry_date: dt.date
    status: Status | None
    executor: ExecutorRef | None
    notes: dict[str, NoteParts]
    letter_number: str
    letter_date: dt.date | None


@dataclass
class ParsedFile:
    """Everything a file asks for, in the order it must be written."""

    agencies: list[AgencyRecord] = field(default_factory=list)
    forums: list[ForumRecord] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)
    assignments: list[AssignmentRecord] = field(default_factory=list)
    progress: list[ProgressRecord] = field(default_factory=list)
    #: Rows that have problems of their own: references to them are not reported again.
    failed_forums: set[int] = field(default_factory=set)
    failed_decisions: set[tuple[int, str]] = field(default_factory=set)
    #: What is accepted but worth a look before importing (``Problem`` objects).
    warnings: list[Any] = field(default_factory=list)
    #: Where the reports come from: the ``progress`` sheet, or an executor's ``executor_report``,
    #: whose columns for the date and the letter number are named otherwise.
    progress_sheet: str = "progress"
    progress_columns: dict[str, str] = field(default_factory=dict)

    def progress_column(self, column: str) -> str:
        """The progress sheet's ``column`` as the file from which the reports come names it."""
        return self.progress_columns.get(column, column)

    def forum_numbers(self) -> set[int]:
        numbers = {f.number for f in self.forums}
        numbers.update(d.forum for d in self.decisions)
        numbers.update(link.forum for d in self.decisions for link in d.links)
        numbers.update(a.forum for a in self.assignments)
        numbers.update(p.forum for p in self.progress)
        return numbers
