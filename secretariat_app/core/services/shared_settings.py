"""Settings stored with the data, so every clerk, the command line and the reports of one database
apply the same rules and print the same letterhead: after how many days without news a decision
counts as stalled, how outgoing letters are numbered, who signs the letters and the resolutions.

A setting not stored yet has its default; storing one goes through the ORM, so it is audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.enums import Country
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_
from secretariat_app.core.models import SharedSetting
from secretariat_app.core.names import name_in
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.validation import (
    MAX_NAME_LENGTH,
    check_letter_number,
    check_letter_prefix,
    optional_text,
)

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


# --- what letters and the resolutions list print --------------------------------------------------

LETTER_PREFIX = "letter_number_prefix"
LETTER_NEXT = "letter_next_number"
SIGNER = "signer"
#: the co-chairs' representatives who sign the resolutions list, one per side
COCHAIR = {Country.KZ: "cochair_kz", Country.RU: "cochair_ru"}
#: the languages a signatory's name and position are kept in
SIGNATORY_LANGUAGES = ("ru", "kk")


@dataclass(frozen=True)
class LetterNumbering:
    """Outgoing letters are numbered ``prefix`` + running number (``01-14/25``)."""

    prefix: str = ""
    next_number: int = 1

    def number(self, running: int) -> str:
        return f"{self.prefix}{running}"


@dataclass(frozen=True)
class Signatory:
    """Who signs, in each language: ``name`` («Е.В. Солнцев»), ``position`` (as printed above the
    signature line)."""

    name: dict[str, str] = field(default_factory=dict)
    position: dict[str, str] = field(default_factory=dict)

    def name_in(self, lang: str) -> str:
        return name_in(self.name, lang)

    def position_in(self, lang: str) -> str:
        return name_in(self.position, lang)

    @property
    def known(self) -> bool:
        return any(self.name.values()) or any(self.position.values())

    def stored(self) -> dict[str, str]:
        return {f"{part}_{lang}": getattr(self, part).get(lang, "") for part in ("name", "position")
                for lang in SIGNATORY_LANGUAGES}  # fmt: skip

    @classmethod
    def from_stored(cls, value: Any) -> Signatory:
        if not isinstance(value, dict):
            return cls()
        texts = {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}
        return cls(
            {lang: texts.get(f"name_{lang}", "") for lang in SIGNATORY_LANGUAGES},
            {lang: texts.get(f"position_{lang}", "") for lang in SIGNATORY_LANGUAGES},
        )


def letter_numbering(session: Session) -> LetterNumbering:
    prefix = _value(session, LETTER_PREFIX, "")
    number = _value(session, LETTER_NEXT, 1)
    return LetterNumbering(
        prefix if isinstance(prefix, str) else "",
        number if isinstance(number, int) and number >= 1 else 1,
    )


def set_letter_numbering(session: Session, prefix: str, next_number: int | None) -> Changes:
    """Store the prefix and, unless ``None`` (a form where it was not touched: letters issued
    meanwhile keep their advance), the next running number."""
    changes = _store(session, LETTER_PREFIX, check_letter_prefix(LETTER_PREFIX, prefix))
    if next_number is not None:
        changes.merge(_store(session, LETTER_NEXT, check_letter_number(LETTER_NEXT, next_number)))
    return changes


def take_letter_numbers(session: Session, count: int) -> tuple[LetterNumbering, range]:
    """Reserve ``count`` running numbers for letters being issued: the stored next number moves past
    them in the caller's transaction, so two clerks never issue the same number."""
    numbering = letter_numbering(session)
    numbers = range(numbering.next_number, numbering.next_number + count)
    if count:
        _store(session, LETTER_NEXT, check_letter_number(LETTER_NEXT, numbers.stop))
    return numbering, numbers


def give_back_letter_numbers(session: Session, numbers: range) -> bool:
    """Return numbers reserved for letters that were never written, when nobody has taken later
    ones since (else they stay skipped: a number is never given twice)."""
    if not numbers or letter_numbering(session).next_number != numbers.stop:
        return False
    _store(session, LETTER_NEXT, numbers.start)
    return True


def signer(session: Session) -> Signatory:
    """Who signs the reminder letters."""
    return Signatory.from_stored(_value(session, SIGNER, {}))


def cochair(session: Session, side: Country) -> Signatory:
    """The co-chair's representative of one side, who signs the resolutions list."""
    return Signatory.from_stored(_value(session, COCHAIR[side], {}))


def _checked_signatory(key: str, signatory: Signatory) -> dict[str, str]:
    return {
        name: optional_text(f"{key}.{name}", value, MAX_NAME_LENGTH, kazakh=name.endswith("_kk"))
        for name, value in signatory.stored().items()
    }


def set_signer(session: Session, signatory: Signatory) -> Changes:
    return _store(session, SIGNER, _checked_signatory(SIGNER, signatory))


def set_cochair(session: Session, side: Country, signatory: Signatory) -> Changes:
    return _store(session, COCHAIR[side], _checked_signatory(COCHAIR[side], signatory))
