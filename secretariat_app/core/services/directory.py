"""The directories: sectors, and executors (regions with ISO 3166-2 codes, and agencies)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from secretariat_app.core.enums import Country, ExecutorKind
from secretariat_app.core.errors import DependencyError, NotFoundError, ValidationError
from secretariat_app.core.i18n import N_, sort_key
from secretariat_app.core.models import Assignment, Decision, Executor, ProgressEntry, Sector
from secretariat_app.core.resources import package_data
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.common import check_version
from secretariat_app.core.validation import (
    MAX_NAME_LENGTH,
    clean_text,
    limit_length,
    optional_text,
    require_text,
)

#: The sectors of the Forum's decisions: (code, Russian, Kazakh, English).
SECTORS: tuple[tuple[str, str, str, str], ...] = (
    ("migration", "Миграция", "Көші-қон", "Migration"),
    ("transport", "Транспорт и логистика", "Көлік және логистика", "Transport and logistics"),
    ("trade", "Торговля и таможня", "Сауда және кеден", "Trade and customs"),
    ("industry", "Промышленность", "Өнеркәсіп", "Industry"),
    ("energy", "Энергетика", "Энергетика", "Energy"),
    ("agriculture", "Сельское хозяйство", "Ауыл шаруашылығы", "Agriculture"),
    ("education", "Образование и наука", "Білім және ғылым", "Education and science"),
    ("culture", "Культура и туризм", "Мәдениет және туризм", "Culture and tourism"),
    ("health", "Здравоохранение", "Денсаулық сақтау", "Health"),
    ("ecology", "Экология", "Экология", "Ecology"),
    ("security", "Безопасность", "Қауіпсіздік", "Security"),
    ("other", "Прочее", "Басқа", "Other"),
)


def seed_sectors(session: Session) -> int:
    """Add the standard sectors that are missing; returns how many were added."""
    existing = set(session.scalars(select(Sector.code)))
    added = 0
    for position, (code, ru, kk, en) in enumerate(SECTORS):
        if code not in existing:
            session.add(Sector(code=code, name_ru=ru, name_kk=kk, name_en=en, position=position))
            added += 1
    return added


def reference_regions() -> list[dict[str, object]]:
    """The checked regions directory shipped with the app (see shared/reference/README.md)."""
    with package_data("regions.json").open(encoding="utf-8") as handle:
        return list(json.load(handle))


def seed_regions(session: Session) -> int:
    """Add the reference regions that are missing (clerks' edits to existing ones are kept)."""
    existing = set(session.scalars(select(Executor.code).where(Executor.code.is_not(None))))
    added = 0
    for region in reference_regions():
        if region["code"] in existing:
            continue
        session.add(
            Executor(
                kind=ExecutorKind.REGION,
                code=str(region["code"]),
                country=str(region["country"]),
                region_kind=str(region["kind"]),
                name_ru=str(region["name_ru"]),
                name_kk=str(region["name_kk"]),
                name_en=str(region["name_en"]),
                is_border=bool(region["borders_other_country"]),
            )
        )
        added += 1
    return added


def list_sectors(session: Session) -> list[Sector]:
    return list(session.scalars(select(Sector).order_by(Sector.position, Sector.id)))


def find_sector(session: Session, value: str) -> Sector:
    """A sector by its code or by its name in any language (case-insensitive)."""
    wanted = value.strip().casefold()
    for sector in list_sectors(session):
        names = (sector.code, sector.name_ru, sector.name_kk, sector.name_en)
        if wanted in (n.casefold() for n in names):
            return sector
    raise ValidationError("sector", N_("Unknown sector: {value}."), value=value)


def list_executors(session: Session, kind: ExecutorKind | None = None) -> list[Executor]:
    query = select(Executor)
    if kind is not None:
        query = query.where(Executor.kind == kind)
    executors = list(session.scalars(query))
    executors.sort(key=lambda e: (e.kind != ExecutorKind.REGION, e.country or "", sort_key(e.name_ru, "ru")))
    return executors


def get_executor(session: Session, executor_id: int) -> Executor:
    executor = session.get(Executor, executor_id)
    if executor is None:
        raise NotFoundError(N_("The region or agency no longer exists."))
    return executor


def find_executor(session: Session, value: str) -> Executor:
    """A region by its ISO code, or a region or agency by its name in any language."""
    text = value.strip()
    if not text:
        raise ValidationError("executor", N_("A region or agency is required."))
    by_code = session.scalars(select(Executor).where(func.upper(Executor.code) == text.upper())).first()
    if by_code is not None:
        return by_code
    folded = text.casefold()
    candidates = session.scalars(
        select(Executor).where(
            or_(
                func.lower(Executor.name_ru) == text.lower(),
                func.lower(Executor.name_kk) == text.lower(),
                func.lower(Executor.name_en) == text.lower(),
            )
        )
    ).all()
    if not candidates:  # SQLite's lower() knows only ASCII: compare Cyrillic names in Python
        candidates = [
            e
            for e in session.scalars(select(Executor))
            if folded in (e.name_ru.casefold(), e.name_kk.casefold(), e.name_en.casefold())
        ]
    if candidates:
        return candidates[0]
    raise ValidationError("executor", N_("Unknown region or agency: {value}."), value=text)


@dataclass
class ExecutorInput:
    kind: ExecutorKind
    name_ru: str
    name_kk: str = ""
    name_en: str = ""
    code: str = ""
    country: str = ""
    region_kind: str = ""
    is_border: bool = False
    #: whom letters address (see :class:`~secretariat_app.core.models.Executor`); all optional
    addressee_position_ru: str = ""
    addressee_position_kk: str = ""
    addressee_name_ru: str = ""
    addressee_name_kk: str = ""
    salutation_ru: str = ""
    salutation_kk: str = ""


#: The addressee's fields with their longest lengths (as the columns hold them).
ADDRESSEE_FIELDS: tuple[tuple[str, int], ...] = (
    ("addressee_position_ru", MAX_NAME_LENGTH),
    ("addressee_position_kk", MAX_NAME_LENGTH),
    ("addressee_name_ru", 200),
    ("addressee_name_kk", 200),
    ("salutation_ru", 200),
    ("salutation_kk", 200),
)


def _validated(session: Session, data: ExecutorInput, current_id: int | None) -> dict[str, object]:
    kind = ExecutorKind(data.kind)
    code = clean_text(data.code).upper()
    country = clean_text(data.country).upper()
    if kind is ExecutorKind.REGION and not code:
        raise ValidationError("code", N_("A region needs its ISO 3166-2 code, such as RU-ORE."))
    if code:
        limit_length("code", code, 40)
        if kind is ExecutorKind.REGION and not _looks_like_iso_region(code):
            raise ValidationError(
                "code",
                N_("“{value}” is not an ISO 3166-2 region code (such as KZ-63 or RU-ORE)."),
                value=code,
            )
        clash = session.scalars(select(Executor.id).where(Executor.code == code)).first()
        if clash is not None and clash != current_id:
            raise ValidationError("code", N_("The code {value} is already used."), value=code)
    if kind is ExecutorKind.REGION:
        country = country or code[:2]
    if country and country not in {c.value for c in Country}:  # the Forum's two countries
        raise ValidationError("country", N_("Unknown country: {value}."), value=country)
    values: dict[str, object] = {
        "kind": kind,
        "code": code or None,
        "country": Country(country) if country else None,
        "region_kind": clean_text(data.region_kind),
        "name_ru": require_text("name_ru", data.name_ru, MAX_NAME_LENGTH),
        "name_kk": limit_length("name_kk", clean_text(data.name_kk), MAX_NAME_LENGTH),
        "name_en": limit_length("name_en", clean_text(data.name_en), MAX_NAME_LENGTH),
        "is_border": bool(data.is_border),
    }
    for name, length in ADDRESSEE_FIELDS:
        values[name] = optional_text(name, getattr(data, name), length, kazakh=name.endswith("_kk"))
    return values


def _looks_like_iso_region(code: str) -> bool:
    country, _, rest = code.partition("-")
    return len(country) == 2 and country.isalpha() and 1 <= len(rest) <= 3 and rest.isalnum()


def create_executor(session: Session, data: ExecutorInput) -> tuple[Executor, Changes]:
    executor = Executor(**_validated(session, data, None))
    session.add(executor)
    session.flush()
    return executor, Changes().add("created", "executor", executor.id)


def update_executor(
    session: Session, executor_id: int, data: ExecutorInput, expected_version: int | None = None
) -> Changes:
    executor = get_executor(session, executor_id)
    check_version(executor, expected_version)
    for key, value in _validated(session, data, executor_id).items():
        setattr(executor, key, value)
    session.flush()
    return Changes().add("updated", "executor", executor_id)


def delete_executor(session: Session, executor_id: int) -> Changes:
    """Delete a region or agency nobody depends on; otherwise say why not."""
    executor = get_executor(session, executor_id)
    assigned = session.scalar(
        select(func.count()).select_from(Assignment).where(Assignment.executor_id == executor_id)
    )
    reports = session.scalar(
        select(func.count()).select_from(ProgressEntry).where(ProgressEntry.executor_id == executor_id)
    )
    if assigned or reports:
        raise DependencyError(
            N_(
                "“{name}” cannot be deleted: it is assigned {assigned} decision(s) and sent "
                "{reports} progress report(s)."
            ),
            name=executor.name_ru,
            assigned=assigned or 0,
            reports=reports or 0,
        )
    session.delete(executor)
    session.flush()
    return Changes().add("deleted", "executor", executor_id)


def executors_with_decisions(session: Session) -> list[Executor]:
    ids = select(Assignment.executor_id).join(Decision).distinct()
    return list(session.scalars(select(Executor).where(Executor.id.in_(ids))))
