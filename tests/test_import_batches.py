"""An import writes its rows batch by batch, never all at once: that is what keeps the largest file
the import accepts under 400 MB (``benchmarks/import_memory.py`` measures it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from secretariat_app.core.db import Database
from secretariat_app.core.models import AuditEntry, Decision, DecisionText, ProgressNote
from secretariat_app.exchange import apply_import, plan_import, write
from tests.exchange_files import DECISION_HEADER, FORUM_HEADER, PROGRESS_HEADER, write_xlsx

DECISIONS = 23
SMALL_BATCH = 4


def _workbook(tmp_path: Path) -> Path:
    start = dt.date(2020, 9, 9)
    decisions = [
        [1, f"1.{n}", f"Решение № {n}", f"№ {n} шешім", "", "trade", dt.date(2022, 1, 1), "in_progress", ""]
        for n in range(1, DECISIONS + 1)
    ]
    progress = [
        [1, f"1.{n}", dt.date(2021, 3, 1), "", f"Сделано {n}", f"Жасалды {n}", f"01-{n}", ""]
        for n in range(1, DECISIONS + 1)
    ]
    return write_xlsx(
        tmp_path / "history.xlsx",
        {
            "forums": [FORUM_HEADER, [1, 2020, "Оренбург", "Орынбор", "RU", start, start, "", ""]],
            "decisions": [DECISION_HEADER, *decisions],
            "progress": [PROGRESS_HEADER, *progress],
        },
    )


def test_an_import_writes_no_statement_of_more_rows_than_a_batch(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database.is_sqlite:
        pytest.skip("PostgreSQL's driver regroups the rows of a statement (insertmanyvalues)")
    monkeypatch.setattr(write, "BATCH", SMALL_BATCH)
    plan = plan_import(database, _workbook(tmp_path))
    assert plan.ok, [p.describe("en") for p in plan.problems]
    sizes: dict[str, list[int]] = {}

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if many and statement.lstrip().upper().startswith("INSERT"):
            table = statement.split()[2].strip('"')
            sizes.setdefault(table, []).append(len(parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        apply_import(database, plan)
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    # every row is written, in statements of at most a batch each
    assert sum(sizes["decision"]) == DECISIONS and max(sizes["decision"]) == SMALL_BATCH
    assert sum(sizes["decision_text"]) == 2 * DECISIONS and max(sizes["decision_text"]) == SMALL_BATCH
    assert sum(sizes["progress_note"]) == 2 * DECISIONS and max(sizes["progress_note"]) == SMALL_BATCH
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == DECISIONS
        assert session.scalar(select(func.count()).select_from(DecisionText)) == 2 * DECISIONS
        assert session.scalar(select(func.count()).select_from(ProgressNote)) == 2 * DECISIONS
        audited = select(func.count()).where(
            AuditEntry.table_name == "decision", AuditEntry.action == "insert"
        )
        assert session.scalar(audited) == DECISIONS
        texts = session.scalars(select(DecisionText.text).order_by(DecisionText.id)).all()
    assert texts[:2] == ["Решение № 1", "№ 1 шешім"]


def test_rows_are_made_only_as_their_batch_is_written() -> None:
    """The rows come from a generator: taking one batch pulls that batch's rows, not the rest."""
    pulled: list[int] = []

    def rows() -> Iterator[int]:
        for n in range(10):
            pulled.append(n)
            yield n

    batches = write.batches(rows(), 4)
    assert next(batches) == [0, 1, 2, 3] and pulled == [0, 1, 2, 3]
    assert list(batches) == [[4, 5, 6, 7], [8, 9]]
