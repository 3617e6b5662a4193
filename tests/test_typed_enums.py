"""The models hold our vocabularies as enums in Python and as the same plain text in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from secretariat_app.core.db import Database
from secretariat_app.core.enums import Country, ExecutorKind, LinkKind, Role, Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.models import Assignment, Decision, DecisionLink, Executor
from secretariat_app.core.services.decisions import get_decision
from secretariat_app.core.services.directory import ExecutorInput, create_executor


def test_vocabularies_read_as_enums_and_are_stored_as_the_same_text(demo_database: Database) -> None:
    with demo_database.reader() as session:
        link = session.scalars(select(DecisionLink)).first()
        assert link is not None
        decision = get_decision(session, link.decision_id)
        assignment = decision.assignments[0]
        executor = assignment.executor
        values = [decision.status, decision.own_status, assignment.role, assignment.status, link.kind,
                  executor.kind, executor.country, decision.forum.country]  # fmt: skip
        assert [type(v) for v in values] == [Status, Status, Role, Status, LinkKind, ExecutorKind,
                                             Country, Country]  # fmt: skip
        raw = session.execute(
            text(
                "SELECT d.status, d.own_status, a.role, a.status, e.kind, e.country FROM assignment a"
                " JOIN decision d ON d.id = a.decision_id JOIN executor e ON e.id = a.executor_id"
                " WHERE a.id = :id"
            ),
            {"id": assignment.id},
        ).one()
        assert tuple(raw) == tuple(v.value for v in values[:4] + values[5:7])
        assert all(type(value) is str for value in raw)
        # code written against the text keeps working
        assert decision.status == decision.status.value and Status(decision.status) is decision.status
        assert session.scalar(select(Decision.id).where(Decision.status == decision.status.value)) is not None
        roles = session.scalars(select(Assignment.role).where(Assignment.role == "co-executor")).all()
        assert roles and all(role is Role.CO_EXECUTOR for role in roles)


def test_a_value_outside_the_vocabulary_is_never_written(demo_database: Database) -> None:
    with demo_database.reader() as session:
        decision_id, status = session.execute(select(Decision.id, Decision.status).limit(1)).one()
    with pytest.raises(StatementError), demo_database.session() as session:
        session.get_one(Decision, decision_id).status = "almost done"  # type: ignore[assignment]
        session.flush()
    with pytest.raises(ValidationError), demo_database.session() as session:
        create_executor(session, ExecutorInput(ExecutorKind.AGENCY, "Министерство", country="CN"))
    with demo_database.reader() as session:
        assert session.get_one(Decision, decision_id).status is status
        assert session.scalars(select(Executor).where(Executor.name_ru == "Министерство")).first() is None
