"""The next decision code "Save and new" suggests, from the forum's own codes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from secretariat_app.core.db import Database
from secretariat_app.core.decision_codes import next_decision_code, suggested_next_code
from secretariat_app.core.models import Decision, Forum


@pytest.mark.parametrize(
    ("after", "taken", "expected"),
    [
        ("3.2", (), "3.3"),
        ("3.9", (), "3.10"),
        ("3.09", (), "3.10"),
        ("12", (), "13"),
        ("3.2.1", (), "3.2.2"),
        ("IV-12", (), "IV-13"),
        ("3.2", ("3.3", "3.4"), "3.5"),
        (" 3.2 ", (" 3.3",), "3.4"),
        ("прочее", (), ""),
        ("", (), ""),
    ],
)
def test_the_next_code_counts_on_the_last_number_and_skips_taken_ones(
    after: str, taken: tuple[str, ...], expected: str
) -> None:
    assert next_decision_code(after, taken) == expected


def test_the_suggestion_skips_the_codes_the_forum_already_has(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        forum_id = session.scalars(select(Forum.id).where(Forum.number == 6)).one()
        codes = set(session.scalars(select(Decision.code).where(Decision.forum_id == forum_id)))
        assert "3.1" in codes
        suggestion = suggested_next_code(session, forum_id, "3.1")
    assert suggestion not in codes and suggestion.startswith("3.")
    assert int(suggestion.split(".")[1]) > 1
