"""Closed vocabularies of the domain, with their translatable labels (marked, translated late)."""

from __future__ import annotations

from enum import StrEnum

from secretariat_app.core.i18n import N_, tr


class Status(StrEnum):
    """Execution status of a decision or of one executor's assignment."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    PARTIAL = "partial"
    IMPLEMENTED = "implemented"
    NO_INFO = "no_info"
    CANCELLED = "cancelled"
    FOR_INFORMATION = "for_information"

    def label(self, lang: str | None = None) -> str:
        return tr(_STATUS_LABELS[self], lang)

    @property
    def symbol(self) -> str:
        """A mark that tells statuses apart without colour (grey-scale printers, colour blindness)."""
        return _STATUS_SYMBOLS[self]


_STATUS_LABELS = {
    Status.NOT_STARTED: N_("Not started"),
    Status.IN_PROGRESS: N_("In progress"),
    Status.PARTIAL: N_("Partially implemented"),
    Status.IMPLEMENTED: N_("Implemented"),
    Status.NO_INFO: N_("No information received"),
    Status.CANCELLED: N_("Cancelled or superseded"),
    Status.FOR_INFORMATION: N_("For information"),
}
_STATUS_SYMBOLS = {
    Status.NOT_STARTED: "○",
    Status.IN_PROGRESS: "◐",
    Status.PARTIAL: "◑",
    Status.IMPLEMENTED: "●",
    Status.NO_INFO: "?",
    Status.CANCELLED: "×",
    Status.FOR_INFORMATION: "i",
}

#: Statuses that need no more work: never overdue, never stalled.
CLOSED_STATUSES: frozenset[Status] = frozenset({Status.IMPLEMENTED, Status.CANCELLED, Status.FOR_INFORMATION})


class Role(StrEnum):
    LEAD = "lead"
    CO_EXECUTOR = "co-executor"

    def label(self, lang: str | None = None) -> str:
        return tr(_ROLE_LABELS[self], lang)


_ROLE_LABELS = {Role.LEAD: N_("Lead executor"), Role.CO_EXECUTOR: N_("Co-executor")}


class Country(StrEnum):
    KZ = "KZ"
    RU = "RU"

    def label(self, lang: str | None = None) -> str:
        return tr(_COUNTRY_LABELS[self], lang)


_COUNTRY_LABELS = {Country.KZ: N_("Kazakhstan"), Country.RU: N_("Russia")}


class ExecutorKind(StrEnum):
    REGION = "region"
    AGENCY = "agency"

    def label(self, lang: str | None = None) -> str:
        return tr(_EXECUTOR_KIND_LABELS[self], lang)


_EXECUTOR_KIND_LABELS = {ExecutorKind.REGION: N_("Region"), ExecutorKind.AGENCY: N_("Agency")}


class LinkKind(StrEnum):
    """How a later decision relates to an earlier one."""

    CONFIRMS = "confirms"
    EXTENDS = "extends"
    SUPERSEDES = "supersedes"

    def label(self, lang: str | None = None) -> str:
        """The relation read from the later decision: "confirms 3.2 of forum VI"."""
        return tr(_LINK_LABELS[self], lang)

    def inverse_label(self, lang: str | None = None) -> str:
        """The relation read from the earlier decision: "confirmed by …"."""
        return tr(_LINK_INVERSE_LABELS[self], lang)


_LINK_LABELS = {
    LinkKind.CONFIRMS: N_("confirms"),
    LinkKind.EXTENDS: N_("extends the deadline of"),
    LinkKind.SUPERSEDES: N_("supersedes"),
}
_LINK_INVERSE_LABELS = {
    LinkKind.CONFIRMS: N_("confirmed by"),
    LinkKind.EXTENDS: N_("deadline extended by"),
    LinkKind.SUPERSEDES: N_("superseded by"),
}

#: Languages a decision's texts may be written in; the first two are required by the Forum.
TEXT_LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
