"""The ORM model of the secretariat's records (typed SQLAlchemy 2).

Texts a clerk writes in several languages (decision texts, progress notes) live in child tables
keyed by language, so a third language needs no migration. Records that clerks edit concurrently
carry a ``version`` counter: SQLAlchemy refuses an UPDATE whose version moved meanwhile, and the
services turn that into a :class:`~secretariat_app.core.errors.ConflictError`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    attribute_keyed_dict,
    mapped_column,
    relationship,
    validates,
)

from secretariat_app.core.decision_texts import search_text
from secretariat_app.core.enums import Country, ExecutorKind, LinkKind, Role, Status
from secretariat_app.core.names import name_in

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def stored_enum(enum: type[StrEnum], length: int) -> Enum:
    """A column of one of our vocabularies, typed in Python (``Mapped[Status]``), stored as the plain
    text it always was: the members' values in a VARCHAR of the same length, no database enum and
    no CHECK constraint (so no migration), and an unknown value refused before it is written."""
    return Enum(
        enum,
        native_enum=False,
        values_callable=lambda members: [member.value for member in members],
        length=length,
        create_constraint=False,
        validate_strings=True,
    )


def next_version(current: int | None) -> int:
    """The version counter a record gets when it is saved: 1 when new, one more on every update.
    The ORM's optimistic locking and the import's set-based writer both take it from here."""
    return 1 if current is None else current + 1


def utcnow() -> dt.datetime:
    """Naive UTC, the same on SQLite and PostgreSQL."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Forum(Base):
    """One yearly Forum, held in a host city of one of the two countries."""

    __tablename__ = "forum"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    year: Mapped[int] = mapped_column(Integer)
    city_ru: Mapped[str] = mapped_column(String(200))
    city_kk: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[Country] = mapped_column(stored_enum(Country, 2))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    theme_ru: Mapped[str] = mapped_column(Text, default="")
    theme_kk: Mapped[str] = mapped_column(Text, default="")
    protocol_number: Mapped[str] = mapped_column(String(100), default="")
    protocol_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    decisions: Mapped[list[Decision]] = relationship(back_populates="forum")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}
    __table_args__ = (
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("end_date >= start_date", name="dates_ordered"),
    )

    def __repr__(self) -> str:
        return f"<Forum {self.number} {self.city_ru} {self.start_date}>"


class Sector(Base):
    """A directory of the fields decisions belong to (migration, transport …)."""

    __tablename__ = "sector"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_ru: Mapped[str] = mapped_column(String(200))
    name_kk: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    def name(self, lang: str) -> str:
        return name_in({"ru": self.name_ru, "kk": self.name_kk, "en": self.name_en}, lang)

    def __repr__(self) -> str:
        return f"<Sector {self.code}>"


class Executor(Base):
    """Who carries a decision out: a region (ISO 3166-2 code) or an agency (ministry, akimat …)."""

    __tablename__ = "executor"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ExecutorKind] = mapped_column(stored_enum(ExecutorKind, 10))
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    country: Mapped[Country | None] = mapped_column(stored_enum(Country, 2))
    region_kind: Mapped[str] = mapped_column(String(20), default="")
    name_ru: Mapped[str] = mapped_column(String(300))
    name_kk: Mapped[str] = mapped_column(String(300), default="")
    name_en: Mapped[str] = mapped_column(String(300), default="")
    is_border: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Whom letters are addressed to, as the address block prints it (optional; «Губернатору
    #: Оренбургской области», «Е.В. Солнцеву»), and how the letter greets them
    #: («Уважаемый Евгений Васильевич!»); letters fall back on the executor's name and
    #: a greeting without a name.
    addressee_position_ru: Mapped[str] = mapped_column(String(300), default="")
    addressee_position_kk: Mapped[str] = mapped_column(String(300), default="")
    addressee_name_ru: Mapped[str] = mapped_column(String(200), default="")
    addressee_name_kk: Mapped[str] = mapped_column(String(200), default="")
    salutation_ru: Mapped[str] = mapped_column(String(200), default="")
    salutation_kk: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    assignments: Mapped[list[Assignment]] = relationship(back_populates="executor")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}
    __table_args__ = (CheckConstraint("kind IN ('region', 'agency')", name="kind_known"),)

    def name(self, lang: str) -> str:
        return name_in({"ru": self.name_ru, "kk": self.name_kk, "en": self.name_en}, lang)

    def __repr__(self) -> str:
        return f"<Executor {self.kind} {self.code or self.name_ru}>"


class Decision(Base):
    """An item of a forum's protocol, identified by its code within the forum (e.g. ``3.2``).

    ``own_status`` is what the secretariat recorded for the decision as a whole; ``status`` is the
    effective status derived from it and the assignments by :func:`rules.decision_status`, kept in
    the row so that lists of 100,000 decisions filter and sort on it in SQL.
    """

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(40))
    code_sort: Mapped[str] = mapped_column(String(120))
    sector_id: Mapped[int] = mapped_column(ForeignKey("sector.id", ondelete="RESTRICT"))
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    own_status: Mapped[Status] = mapped_column(stored_enum(Status, 20))
    status: Mapped[Status] = mapped_column(stored_enum(Status, 20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    forum: Mapped[Forum] = relationship(back_populates="decisions")
    sector: Mapped[Sector] = relationship()
    texts: Mapped[dict[str, DecisionText]] = relationship(
        collection_class=attribute_keyed_dict("lang"),
        back_populates="decision",
        cascade="all, delete-orphan",
    )
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="Assignment.id"
    )
    progress: Mapped[list[ProgressEntry]] = relationship(
        back_populates="decision",
        cascade="all, delete-orphan",
        order_by="(ProgressEntry.entry_date, ProgressEntry.id)",
    )
    deadline_changes: Mapped[list[DeadlineChange]] = relationship(
        back_populates="decision", cascade="all, delete-orphan", order_by="DeadlineChange.id"
    )
    links: Mapped[list[DecisionLink]] = relationship(
        foreign_keys="DecisionLink.decision_id",
        back_populates="decision",
        cascade="all, delete-orphan",
    )
    linked_from: Mapped[list[DecisionLink]] = relationship(
        foreign_keys="DecisionLink.target_id", back_populates="target"
    )

    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}
    __table_args__ = (
        UniqueConstraint("forum_id", "code"),
        Index("ix_decision_status_deadline", "status", "deadline"),
        Index("ix_decision_forum_code_sort", "forum_id", "code_sort"),
    )

    def text(self, lang: str) -> str:
        entry = self.texts.get(lang)
        return entry.text if entry else ""

    def __repr__(self) -> str:
        return f"<Decision {self.forum_id}/{self.code} {self.status}>"


class DecisionText(Base):
    """The text of a decision in one language; ``outdated`` means the other language changed since."""

    __tablename__ = "decision_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(5))
    text: Mapped[str] = mapped_column(Text)
    #: The text case-folded for searching (SQLite's lower() only folds ASCII letters).
    folded: Mapped[str] = mapped_column(Text, default="")
    outdated: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    decision: Mapped[Decision] = relationship(back_populates="texts")

    __table_args__ = (UniqueConstraint("decision_id", "lang"),)

    @validates("text")
    def _keep_folded(self, _key: str, value: str) -> str:
        self.folded = search_text(value)
        return value

    def __repr__(self) -> str:
        return f"<DecisionText {self.decision_id} {self.lang}>"


class DeadlineChange(Base):
    """One extension (or shortening) of a decision's deadline, with the reason given."""

    __tablename__ = "deadline_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    old_deadline: Mapped[dt.date | None] = mapped_column(Date)
    new_deadline: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(200), default="")

    decision: Mapped[Decision] = relationship(back_populates="deadline_changes")


class DecisionLink(Base):
    """A later decision (``decision``) that confirms, extends or supersedes an earlier one."""

    __tablename__ = "decision_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    kind: Mapped[LinkKind] = mapped_column(stored_enum(LinkKind, 20))

    decision: Mapped[Decision] = relationship(foreign_keys=[decision_id], back_populates="links")
    target: Mapped[Decision] = relationship(foreign_keys=[target_id], back_populates="linked_from")

    __table_args__ = (
        UniqueConstraint("decision_id", "target_id"),
        CheckConstraint("decision_id <> target_id", name="not_self"),
    )


class Assignment(Base):
    """A decision assigned to one executor, as lead or co-executor, with that executor's status."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    executor_id: Mapped[int] = mapped_column(ForeignKey("executor.id", ondelete="RESTRICT"), index=True)
    role: Mapped[Role] = mapped_column(stored_enum(Role, 20))
    status: Mapped[Status] = mapped_column(stored_enum(Status, 20))
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    decision: Mapped[Decision] = relationship(back_populates="assignments")
    executor: Mapped[Executor] = relationship(back_populates="assignments")

    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}
    __table_args__ = (UniqueConstraint("decision_id", "executor_id"),)

    def __repr__(self) -> str:
        return f"<Assignment {self.decision_id}→{self.executor_id} {self.role} {self.status}>"


class ProgressEntry(Base):
    """A dated report on a decision, optionally from one executor, usually an incoming letter."""

    __tablename__ = "progress_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    executor_id: Mapped[int | None] = mapped_column(
        ForeignKey("executor.id", ondelete="RESTRICT"), index=True
    )
    entry_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[Status | None] = mapped_column(stored_enum(Status, 20))
    letter_number: Mapped[str] = mapped_column(String(200), default="")
    letter_date: Mapped[dt.date | None] = mapped_column(Date)
    entered_by: Mapped[str] = mapped_column(String(200), default="")
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    decision: Mapped[Decision] = relationship(back_populates="progress")
    executor: Mapped[Executor | None] = relationship()
    notes: Mapped[dict[str, ProgressNote]] = relationship(
        collection_class=attribute_keyed_dict("lang"),
        back_populates="entry",
        cascade="all, delete-orphan",
    )

    __table_args__ = (Index("ix_progress_entry_decision_date", "decision_id", "entry_date"),)

    def note(self, lang: str) -> ProgressNote | None:
        return self.notes.get(lang)

    def __repr__(self) -> str:
        return f"<ProgressEntry {self.decision_id} {self.entry_date} {self.status}>"


class ProgressNote(Base):
    """What was done, the obstacles and the next steps of one progress entry, in one language."""

    __tablename__ = "progress_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("progress_entry.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(5))
    done: Mapped[str] = mapped_column(Text, default="")
    obstacles: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")

    entry: Mapped[ProgressEntry] = relationship(back_populates="notes")

    __table_args__ = (UniqueConstraint("entry_id", "lang"),)


class AuditEntry(Base):
    """Who changed which record when, and how (JSON of old → new values). Append only."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(20), default="app")
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    changes: Mapped[str] = mapped_column(Text, default="{}")

    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.action} {self.table_name}#{self.record_id} by {self.actor}>"


class SharedSetting(Base):
    """A setting every clerk of this database shares (the stalled threshold …), so that the window,
    the command line and the reports of all clerks apply the same rules. Values are JSON."""

    __tablename__ = "shared_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version, "version_id_generator": next_version}

    def __repr__(self) -> str:
        return f"<SharedSetting {self.key}={self.value}>"
