"""One language's words and formats for a report that prints several at once.

Labels come from the gettext catalogs (domain ``reports``, plus the core's status and role
labels); dates, numbers and shares from :mod:`secretariat_app.core.i18n`. A report holds one
:class:`Words` per language it prints and never asks for "the" interface language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from secretariat_app.core import i18n
from secretariat_app.core.enums import Status
from secretariat_app.core.services.report_data import ExecutorRef, ForumRef

_DOUBLE_PERIOD = re.compile(r"(?<!\.)\.\.(?!\.)")


@dataclass(frozen=True)
class Words:
    lang: str

    @cached_property
    def _translator(self) -> i18n.Translator:
        return i18n.translator(self.lang)

    def tr(self, msgid: str) -> str:
        return self._translator.gettext(msgid)

    def sentence(self, msgid: str, **params: str) -> str:
        """A translated sentence with its parameters; «25 ноября 2026 г.» ending it keeps one period."""
        return _DOUBLE_PERIOD.sub(".", self.tr(msgid).format(**params))

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

    def forum_params(self, forum: ForumRef) -> dict[str, str]:
        """``number`` (Roman) and ``city`` for the many phrases that name a forum in some case."""
        return {"number": i18n.roman(forum.number), "city": forum.city_in(self.lang)}

    def forum_name(self, forum: ForumRef) -> str:
        """«XII Форум межрегионального сотрудничества (Омск)»."""
        return self.tr("{number} Forum of Interregional Cooperation ({city})").format(
            **self.forum_params(forum)
        )

    def forum_dates(self, forum: ForumRef) -> str:
        """«13–14 февраля 2027 г.», «2027 жылғы 13–14 ақпан»: documents name a forum's dates in words."""
        return i18n.format_date_span(forum.start_date, forum.end_date, self.lang)

    def executor(self, executor: ExecutorRef) -> str:
        return executor.name(self.lang)
