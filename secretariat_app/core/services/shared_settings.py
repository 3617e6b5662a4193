"""Settings stored with the data, so every clerk, the command line and the reports of one database
apply the same rules (today: after how many days without news a decision counts as stalled).

A setting not stored yet has its default; storing one goes through the ORM, so it is audited.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_
from secretariat_app.core.models import SharedSetting
from secretariat_app.core.services.changes import Changes

STALLED_DAYS = "stalled_days"


def _stored(session: Session, key: str) -> SharedSetting | None:
    return session.scalars(select(SharedSetting).where(SharedSetting.key == key)).first()


def _value(session: Session, key: str, default: Any) -> Any:
    row = _stored(session, key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def _store(session: Session, key: str, value: Any) -> Changes:
    row = _stored(session, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        row = SharedSetting(key=key, value=text)
        session.add(row)
    elif row.value == text:
        return Changes()
    else:
        row.value = text
    session.flush()
    return Changes().add("updated", "shared_setting", row.id)


def stalled_days(session: Session) -> int:
    """After how many days without a progress entry an open decision counts as stalled."""
    value = _value(session, STALLED_DAYS, rules.DEFAULT_STALLED_DAYS)
    if isinstance(value, int) and rules.MIN_STALLED_DAYS <= value <= rules.MAX_STALLED_DAYS:
        return value
    return rules.DEFAULT_STALLED_DAYS


def set_stalled_days(session: Session, days: int) -> Changes:
    if not rules.MIN_STALLED_DAYS <= days <= rules.MAX_STALLED_DAYS:
        raise ValidationError(
            STALLED_DAYS,
            N_("The number of days must be between {low} and {high}."),
            low=rules.MIN_STALLED_DAYS,
            high=rules.MAX_STALLED_DAYS,
        )
    return _store(session, STALLED_DAYS, days)
