"""Forums: recording them, finding them, and which one came before a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secretariat_app.core.enums import Country
from secretariat_app.core.errors import DependencyError, NotFoundError, ValidationError
from secretariat_app.core.i18n import N_, roman
from secretariat_app.core.models import Decision, Forum, ProgressEntry
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.common import check_version
from secretariat_app.core.validation import (
    check_forum_start,
    clean_text,
    forum_date_errors,
    limit_length,
    parse_date,
    require_text,
)


@dataclass
class ForumInput:
    number: int
    city_ru: str
    country: str
    start_date: dt.date | str
    end_date: dt.date | str | None = None
    city_kk: str = ""
    year: int | None = None
    theme_ru: str = ""
    theme_kk: str = ""
    protocol_number: str = ""
    protocol_date: dt.date | str | None = None
    notes: str = ""


def _validated(session: Session, data: ForumInput, current_id: int | None) -> dict[str, object]:
    try:
        number = int(data.number)
    except (TypeError, ValueError):
        raise ValidationError("number", N_("The forum's number must be a whole number.")) from None
    if number <= 0:
        raise ValidationError("number", N_("The forum's number must be positive."))
    clash = session.scalars(select(Forum.id).where(Forum.number == number)).first()
    if clash is not None and clash != current_id:
        raise ValidationError("number", N_("Forum {number} is already recorded."), number=roman(number))
    country = clean_text(data.country).upper()
    if country not in {c.value for c in Country}:
        raise ValidationError("country", N_("The host country must be KZ or RU."))
    start = parse_date("start_date", data.start_date, required=True)
    assert start is not None
    end = parse_date("end_date", data.end_date) or start
    year = data.year or start.year
    protocol_date = parse_date("protocol_date", data.protocol_date)
    for error in forum_date_errors(start, end, year, protocol_date):
        raise error
    return {
        "number": number,
        "year": year,
        "city_ru": require_text("city_ru", data.city_ru, 200),
        "city_kk": limit_length("city_kk", clean_text(data.city_kk), 200),
        "country": country,
        "start_date": start,
        "end_date": end,
        "theme_ru": clean_text(data.theme_ru),
        "theme_kk": clean_text(data.theme_kk),
        "protocol_number": limit_length("protocol_number", clean_text(data.protocol_number), 100),
        "protocol_date": protocol_date,
        "notes": clean_text(data.notes),
    }


def create_forum(session: Session, data: ForumInput) -> tuple[Forum, Changes]:
    forum = Forum(**_validated(session, data, None))
    session.add(forum)
    session.flush()
    return forum, Changes().add("created", "forum", forum.id)


def update_forum(
    session: Session, forum_id: int, data: ForumInput, expected_version: int | None = None
) -> Changes:
    forum = get_forum(session, forum_id)
    check_version(forum, expected_version)
    values = _validated(session, data, forum_id)
    new_start = values["start_date"]
    assert isinstance(new_start, dt.date)
    earliest_deadline = session.scalar(
        select(func.min(Decision.deadline)).where(Decision.forum_id == forum_id)
    )
    earliest_report = session.scalar(
        select(func.min(ProgressEntry.entry_date)).join(Decision).where(Decision.forum_id == forum_id)
    )
    check_forum_start(new_start, earliest_deadline, earliest_report)
    for key, value in values.items():
        setattr(forum, key, value)
    session.flush()
    return Changes().add("updated", "forum", forum_id)


def delete_forum(session: Session, forum_id: int) -> Changes:
    forum = get_forum(session, forum_id)
    count = session.scalar(select(func.count()).select_from(Decision).where(Decision.forum_id == forum_id))
    if count:
        raise DependencyError(
            N_("Forum {number} cannot be deleted: {count} decision(s) belong to it."),
            number=roman(forum.number),
            count=count,
        )
    session.delete(forum)
    session.flush()
    return Changes().add("deleted", "forum", forum_id)


def get_forum(session: Session, forum_id: int) -> Forum:
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise NotFoundError(N_("The forum no longer exists."))
    return forum


def forum_by_number(session: Session, number: int) -> Forum:
    forum = session.scalars(select(Forum).where(Forum.number == number)).first()
    if forum is None:
        raise NotFoundError(N_("There is no forum {number}."), number=roman(number) if number > 0 else number)
    return forum


def list_forums(session: Session) -> list[Forum]:
    return list(session.scalars(select(Forum).order_by(Forum.number)))


def previous_forum(session: Session, as_of: dt.date) -> Forum | None:
    """The latest forum that began on or before ``as_of``."""
    return session.scalars(
        select(Forum).where(Forum.start_date <= as_of).order_by(Forum.start_date.desc())
    ).first()


def next_forum(session: Session, as_of: dt.date) -> Forum | None:
    """The first forum that begins after ``as_of`` (the one a report is usually prepared for)."""
    return session.scalars(select(Forum).where(Forum.start_date > as_of).order_by(Forum.start_date)).first()
