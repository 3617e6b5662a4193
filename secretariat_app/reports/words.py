"""One language's words and formats for a report that prints several at once.

Labels come from the gettext catalogs (domain ``reports``, plus the core's status and role
labels); dates, numbers and shares from :mod:`secretariat_app.core.i18n`. A report holds one
:class:`Words` per language it prints and never asks for "the" interface language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from secretariat_app.core import i18n
from secretariat_app.core.enums import Country, Role, Status
from secretariat_app.core.services.report_data import ExecutorRef, ForumRef


@dataclass(frozen=True)
class Words:
    lang: str

    @cached_property
    def _translator(self) -> i18n.Translator:
        return i18n.translator(self.lang)

    def tr(self, msgid: str) -> str:
        return self._translator.gettext(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translator.ngettext(singular, plural, n)

    def date(self, value: dt.date | None) -> str:
        return i18n.format_date(value, self.lang, "long")

    def short_date(self, value: dt.date | None) -> str:
        return i18n.format_date(value, self.lang, "short")

    def number(self, value: int | float) -> str:
        return i18n.format_number(value, self.lang)

    def share(self, value: float) -> str:
        return i18n.format_share(value, self.lang)

    def status(self, status: Status) -> str:
        return status.label(self.lang)

    def role(self, role: Role) -> str:
        return role.label(self.lang)

    def country(self, code: str | None) -> str:
        return Country(code).label(self.lang) if code in {c.value for c in Country} else ""

    def forum_name(self, forum: ForumRef) -> str:
        """«XII Форум межрегионального сотрудничества (Омск)»."""
        return self.tr("Forum {number} of Interregional Cooperation ({city})").format(
            number=i18n.roman(forum.number), city=forum.city_in(self.lang)
        )

    def forum_short(self, number: int) -> str:
        return self.tr("Forum {number}").format(number=i18n.roman(number))

    def forum_dates(self, forum: ForumRef) -> str:
        if forum.start_date == forum.end_date:
            return self.date(forum.start_date)
        return self.tr("{start} – {end}").format(
            start=self.short_date(forum.start_date), end=self.short_date(forum.end_date)
        )

    def executor(self, executor: ExecutorRef) -> str:
        return executor.name(self.lang)


def words_for(langs: tuple[str, ...]) -> dict[str, Words]:
    return {lang: Words(lang) for lang in langs}
