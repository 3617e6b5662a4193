"""The window's “explore the demo” and the ``demo`` command make the same database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database, open_database
from secretariat_app.core.models import AuditEntry, Base
from secretariat_app.ui.app import open_target

#: When a row was written differs between two runs; everything else must not.
_MOMENTS = {"created_at", "updated_at", "entered_at", "changed_at", "at"}


def _contents(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    contents = {}
    with database.reader() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.c if c.name not in _MOMENTS and table.name != "audit_log"]
            if columns:
                contents[table.name] = [
                    tuple(r) for r in session.execute(select(*columns).order_by(table.c.id))
                ]
        # sorted: the order of one flush's updates across tables is not fixed from run to run
        audit = select(AuditEntry.source, AuditEntry.table_name, AuditEntry.record_id, AuditEntry.action)
        contents["audit_log"] = sorted(tuple(r) for r in session.execute(audit))
    return contents


def test_the_window_and_the_command_line_make_the_same_demo(tmp_path: Path) -> None:
    from_window = open_target(str(tmp_path / "window.sqlite3"), demo=True, today=dt.date.today())
    assert main(["--db", str(tmp_path / "command.sqlite3"), "demo"]) == 0
    from_command = open_database(tmp_path / "command.sqlite3", create=False)
    try:
        window, command = _contents(from_window), _contents(from_command)
    finally:
        from_window.dispose()
        from_command.dispose()
    assert {source for source, *_rest in window["audit_log"]} == {"demo"}
    assert window["decision"] and window["progress_entry"] and window["executor"]
    assert window == command
