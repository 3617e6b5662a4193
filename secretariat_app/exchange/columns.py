"""The exchange format: sheet names and their columns, in one place for the reader, the writers,
the template and the documentation (``docs/exchange-format.md``)."""

from __future__ import annotations

from dataclasses import dataclass

FORUMS = "forums"
DECISIONS = "decisions"
ASSIGNMENTS = "assignments"
PROGRESS = "progress"
AGENCIES = "agencies"
#: The sheet of an executor's report workbook (``export-executor``); its presence marks such a file.
EXECUTOR_REPORT = "executor_report"

FORUM_COLUMNS: tuple[str, ...] = (
    "number", "year", "city_ru", "city_kk", "country", "start_date", "end_date",
    "theme_ru", "theme_kk", "protocol_number", "protocol_date",
)  # fmt: skip
DECISION_COLUMNS: tuple[str, ...] = (
    "forum", "code", "text_ru", "text_kk", "text_en", "sector", "deadline", "status",
    "repeats", "repeats_kind", "effective_status",
)  # fmt: skip
ASSIGNMENT_COLUMNS: tuple[str, ...] = ("forum", "code", "executor", "role", "status", "note")
PROGRESS_COLUMNS: tuple[str, ...] = (
    "forum", "code", "date", "status", "note_ru", "note_kk", "source", "executor",
    "obstacles_ru", "obstacles_kk", "next_steps_ru", "next_steps_kk", "letter_date",
)  # fmt: skip
AGENCY_COLUMNS: tuple[str, ...] = ("name_ru", "name_kk", "name_en", "country")
EXECUTOR_REPORT_COLUMNS: tuple[str, ...] = (
    "forum", "code", "text_ru", "text_kk", "deadline", "current_status", "days_late", "no_report_since",
    "new_status", "done", "done_kk", "obstacles", "obstacles_kk", "next_steps", "next_steps_kk",
    "letter_number", "letter_date",
)  # fmt: skip

#: Columns a sheet must have; the others may be left out.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    FORUMS: ("number", "city_ru", "country", "start_date"),
    DECISIONS: ("forum", "code"),
    ASSIGNMENTS: ("forum", "code", "executor"),
    PROGRESS: ("forum", "code", "date"),
    AGENCIES: ("name_ru",),
    EXECUTOR_REPORT: ("forum", "code", "new_status", "done"),
}


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[str, ...]


#: The sheets of a full workbook, in the order they are written and imported.
WORKBOOK_SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(AGENCIES, AGENCY_COLUMNS),
    SheetSpec(FORUMS, FORUM_COLUMNS),
    SheetSpec(DECISIONS, DECISION_COLUMNS),
    SheetSpec(ASSIGNMENTS, ASSIGNMENT_COLUMNS),
    SheetSpec(PROGRESS, PROGRESS_COLUMNS),
)
