"""The secretariat's rules, in their one place (core.rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat_app.core import rules
from secretariat_app.core.enums import Status

S = Status
DAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("own", "assignments", "expected"),
    [
        (S.NOT_STARTED, [], S.NOT_STARTED),
        (S.IN_PROGRESS, [], S.IN_PROGRESS),
        (S.CANCELLED, [S.IN_PROGRESS], S.CANCELLED),
        (S.FOR_INFORMATION, [S.NOT_STARTED], S.FOR_INFORMATION),
        (S.IMPLEMENTED, [S.IN_PROGRESS], S.IMPLEMENTED),
        (S.NOT_STARTED, [S.IMPLEMENTED, S.IMPLEMENTED], S.IMPLEMENTED),
        (S.NOT_STARTED, [S.IMPLEMENTED, S.IN_PROGRESS], S.PARTIAL),
        (S.NOT_STARTED, [S.PARTIAL, S.NOT_STARTED], S.PARTIAL),
        (S.NOT_STARTED, [S.IN_PROGRESS, S.NOT_STARTED], S.IN_PROGRESS),
        (S.NOT_STARTED, [S.NO_INFO, S.NO_INFO], S.NO_INFO),
        (S.NOT_STARTED, [S.NO_INFO, S.NOT_STARTED], S.NOT_STARTED),
        (S.NOT_STARTED, [S.CANCELLED, S.CANCELLED], S.CANCELLED),
        (S.NOT_STARTED, [S.CANCELLED, S.IMPLEMENTED], S.IMPLEMENTED),
    ],
)
def test_decision_status_follows_the_documented_rule(own, assignments, expected):
    assert rules.decision_status(own, assignments) is expected


def test_overdue_counts_days_after_deadline():
    deadline = dt.date(2026, 11, 20)
    assert rules.days_overdue(deadline, S.IN_PROGRESS, DAY) == 5
    assert rules.days_overdue(deadline, S.IN_PROGRESS, deadline) == 0
    assert rules.days_overdue(None, S.IN_PROGRESS, DAY) == 0


@pytest.mark.parametrize("status", [S.IMPLEMENTED, S.CANCELLED, S.FOR_INFORMATION])
def test_closed_decisions_are_never_overdue_or_stalled(status):
    assert not rules.is_overdue(dt.date(2000, 1, 1), status, DAY)
    assert not rules.is_stalled(status, dt.date(2000, 1, 1), None, DAY)


def test_stalled_threshold_is_the_later_of_period_and_previous_forum():
    assert rules.stalled_threshold(DAY, None, 180) == DAY - dt.timedelta(days=180)
    recent_forum = DAY - dt.timedelta(days=30)
    assert rules.stalled_threshold(DAY, recent_forum, 180) == recent_forum
    old_forum = DAY - dt.timedelta(days=400)
    assert rules.stalled_threshold(DAY, old_forum, 180) == DAY - dt.timedelta(days=180)


def test_decision_without_news_since_threshold_is_stalled_even_without_deadline():
    threshold = dt.date(2026, 6, 1)
    adopted = dt.date(2025, 9, 1)
    assert rules.is_stalled(S.IN_PROGRESS, adopted, None, threshold)
    assert rules.is_stalled(S.NOT_STARTED, adopted, dt.date(2026, 1, 1), threshold)
    assert not rules.is_stalled(S.IN_PROGRESS, adopted, dt.date(2026, 7, 1), threshold)
    # adopted after the threshold: too early to call it stalled
    assert not rules.is_stalled(S.NOT_STARTED, dt.date(2026, 7, 1), None, threshold)


def test_protocol_codes_sort_naturally():
    codes = ["10.1", "3.10", "3.2", "1", "3.2.1"]
    assert sorted(codes, key=rules.code_sort_key) == ["1", "3.2", "3.2.1", "3.10", "10.1"]
