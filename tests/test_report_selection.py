"""What the progress report selects: open decisions, the archive only when asked, deadline moves."""

from __future__ import annotations

from secretariat_app.core import rules
from secretariat_app.core.db import Database
from secretariat_app.core.services import report_data
from tests.conftest import DEMO_TODAY


def test_open_decisions_leave_out_the_closed_ones_and_the_archive_is_asked_for(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        data = report_data.progress_report_data(session, 12, DEMO_TODAY)
        archived = report_data.progress_report_data(session, 12, DEMO_TODAY, with_archive=True)
    closed = [d for d in data.decisions if not rules.is_open(d.status)]
    assert closed, "the demo holds implemented, cancelled and for-information decisions"
    assert [d.id for d in data.open_decisions] == [d.id for d in data.decisions if rules.is_open(d.status)]
    assert data.archive == []
    assert [d.id for d in archived.archive] == [d.id for d in data.decisions]


def test_a_region_report_keeps_what_the_region_itself_still_has_to_do(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        data = report_data.progress_report_data(session, 12, DEMO_TODAY, region="RU-ORE")
    assert data.region is not None
    region_id = data.region.id
    for decision in data.open_decisions:
        assignment = decision.assignment_of(region_id)
        assert assignment is not None and assignment.live
    finished = [d for d in data.decisions if (a := d.assignment_of(region_id)) and not a.live]
    assert finished and not {d.id for d in finished} & {d.id for d in data.open_decisions}


def test_deadline_moves_are_read_with_their_reasons(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        data = report_data.progress_report_data(session, 12, DEMO_TODAY)
    moved = [d for d in data.decisions if d.deadline_moves]
    assert moved
    move = moved[0].deadline_moves[-1]
    assert move.new == moved[0].deadline and move.old is not None and move.old < move.new
    assert "01-14/3310" in move.reason
