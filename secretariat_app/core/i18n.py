"""Words and formats: the only source of ``_``, ``N_``, ``ngettext`` and the locale formatters.

Message ids are English. Translators keep the catalogs in ``translations/<lang>/LC_MESSAGES/<domain>.po``,
one domain per layer (``core``, ``cli``, ``reports``, ``exchange``, ``ui``, ``views``). The build
compiles them into the package (``secretariat_app/locale/…/<domain>.mo``), which is what an
installed app or a bundle reads; a source checkout has no compiled catalogs and reads the ``.po``
files straight with Babel, so there is no compiled file there that can go stale.

*Mark early, translate late*: module-level strings are marked with ``N_`` and translated when
shown, so switching the language at runtime changes everything. Reports print two languages at
once and ask for a :class:`Translator` of each with :func:`translator`.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import hashlib
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal

from secretariat_app.core.resources import compiled_catalogs_dir, source_catalogs_dir

LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
DEFAULT_LANGUAGE = "ru"
DOMAINS: tuple[str, ...] = ("core", "cli", "reports", "exchange", "ui", "views")

#: Each language's own name, shown in language pickers (never translated).
LANGUAGE_NAMES: dict[str, str] = {"ru": "Русский", "kk": "Қазақша", "en": "English"}


@dataclass(frozen=True)
class Translator:
    """The translations of one language, merged over all domains."""

    lang: str
    messages: dict[str, str | tuple[str, ...]]
    plural_index: Callable[[int], int]

    def gettext(self, msgid: str) -> str:
        text = self.messages.get(msgid)
        return text if isinstance(text, str) and text else msgid

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.messages.get(singular)
        if isinstance(forms, tuple):
            index = self.plural_index(n)
            if 0 <= index < len(forms) and forms[index]:
                return forms[index]
        return singular if n == 1 else plural


def catalog_path(lang: str, domain: str, root: Path | None = None) -> Path:
    """The ``.po`` source of one catalog (in a checkout, or under ``root``)."""
    folder = root or source_catalogs_dir()
    if folder is None:
        raise FileNotFoundError("the .po catalogs are only in a source checkout")
    return folder / lang / "LC_MESSAGES" / f"{domain}.po"


def compiled_catalog_path(lang: str, domain: str, root: Path | None = None) -> Path:
    return (root or compiled_catalogs_dir()) / lang / "LC_MESSAGES" / f"{domain}.mo"


def catalog_files(lang: str) -> list[Path]:
    """What ``lang``'s words are read from: the compiled catalogs shipped in the package when it
    has them (an installed app, a bundle), else the ``.po`` sources of the checkout."""
    compiled = [compiled_catalog_path(lang, domain) for domain in DOMAINS]
    if any(path.exists() for path in compiled) or source_catalogs_dir() is None:
        return compiled
    return [catalog_path(lang, domain) for domain in DOMAINS]


@cache
def translator(lang: str) -> Translator:
    """The merged catalogs of ``lang``; unknown languages fall back to the message ids."""
    messages, plural_expr = _merged_catalogs(lang)
    return Translator(lang, messages, _gettext.c2py(plural_expr))


def _cache_dir() -> Path:
    import platformdirs

    override = os.environ.get("SECRETARIAT_CACHE_DIR")
    return Path(override) if override else platformdirs.user_cache_path("secretariat-app", appauthor=False)


def _merged_catalogs(lang: str) -> tuple[dict[str, str | tuple[str, ...]], str]:
    """Every domain's catalog of ``lang`` merged into one dictionary.

    Parsing the ``.po`` files takes a noticeable part of the app's start, so the merged result is
    kept as JSON in the user's cache folder, under a name derived from the files' sizes and times:
    an edited catalog is simply parsed again.
    """
    paths = catalog_files(lang)
    stamp = [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.exists()]
    digest = hashlib.sha1(repr(stamp).encode()).hexdigest()[:16]
    cached = _cache_dir() / "catalogs" / f"{lang}-{digest}.json"
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        messages = {
            key: tuple(value) if isinstance(value, list) else value for key, value in data["messages"].items()
        }
        return messages, str(data["plural"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    messages, plural_expr = _parse_catalogs(lang, paths)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.part")
        partial.write_text(
            json.dumps({"messages": messages, "plural": plural_expr}, ensure_ascii=False), encoding="utf-8"
        )
        partial.replace(cached)
    except OSError:  # a read-only cache folder only costs speed
        pass
    return messages, plural_expr


def _parse_catalogs(lang: str, paths: list[Path]) -> tuple[dict[str, str | tuple[str, ...]], str]:
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    messages: dict[str, str | tuple[str, ...]] = {}
    plural_expr = "(n != 1)"
    for path in paths:
        if not path.exists():
            continue
        with path.open("rb") as handle:
            if path.suffix == ".mo":
                catalog = read_mo(handle)
            else:
                catalog = read_po(handle, locale=lang if lang in LANGUAGES else None)
        plural_expr = catalog.plural_expr
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            if isinstance(message.id, tuple | list):
                messages[message.id[0]] = tuple(message.string or ())
            elif message.string:
                messages[message.id] = str(message.string)
    return messages, plural_expr


def reload_catalogs() -> None:
    """Forget loaded catalogs (after editing a ``.po`` file, or in tests)."""
    translator.cache_clear()


_current = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    _current = lang


def get_language() -> str:
    return _current


def _(msgid: str) -> str:
    """Translate into the current interface language."""
    return translator(_current).gettext(msgid)


def N_(msgid: str) -> str:
    """Mark a string for extraction; translate it later with ``_`` or a :class:`Translator`."""
    return msgid


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_current).ngettext(singular, plural, n)


def tr(msgid: str, lang: str | None = None) -> str:
    """Translate a marked message into ``lang`` (default: the interface language)."""
    return translator(lang or _current).gettext(msgid)


# --- formats -----------------------------------------------------------------------------------

_KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)  # fmt: skip


#: A no-break space: keeps «2026 г.», «№ 5», «2026 жылғы» and «25 %» on one line in documents.
NBSP = "\u00a0"


def format_date(value: dt.date | None, lang: str | None = None, style: str = "long") -> str:
    """A date as people write it in ``lang``.

    ``long`` is the official form of documents: «24 ноября 2026 г.», «2026 жылғы 24 қараша»,
    «24 November 2026» (no-break spaces inside, so a line never ends before «г.»). ``short`` is
    the numeric form used in tables: 24.11.2026.
    """
    if value is None:
        return ""
    lang = lang or _current
    if style == "short":
        return value.strftime("%d.%m.%Y") if lang in ("ru", "kk") else value.isoformat()
    return _day_month(value, lang, with_year=True)


def _day_month(value: dt.date, lang: str, with_year: bool) -> str:
    """«24 ноября [2026 г.]», «[2026 жылғы] 24 қараша», «24 November [2026]»."""
    if lang == "kk":
        day_month = f"{value.day}{NBSP}{_KK_MONTHS[value.month - 1]}"
        return f"{value.year}{NBSP}жылғы {day_month}" if with_year else day_month
    if lang == "ru":
        day_month = _babel_format_date(value, "d MMMM", locale="ru").replace(" ", NBSP)
        return f"{day_month} {value.year}{NBSP}г." if with_year else day_month
    day_month = f"{value.day}{NBSP}{_babel_format_date(value, 'MMMM', locale='en')}"
    return f"{day_month} {value.year}" if with_year else day_month


def format_date_span(start: dt.date, end: dt.date, lang: str | None = None) -> str:
    """A forum's dates in words, the year said once: «13–14 февраля 2027 г.»,
    «2027 жылғы 13–14 ақпан», «30 июня – 1 июля 2027 г.», «13–14 February 2027».

    Spans across a new year name both years in full.
    """
    lang = lang or _current
    if start == end:
        return format_date(start, lang)
    if start.year != end.year:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    if start.month == end.month:
        days = f"{start.day}–{end.day}"
        if lang == "kk":
            return f"{start.year}{NBSP}жылғы {days}{NBSP}{_KK_MONTHS[start.month - 1]}"
        # the genitive month («февраля») is what Babel's day-month pattern gives after the day
        month = _day_month(end, lang, with_year=False).split(NBSP, 1)[1]
        tail = f"{start.year}{NBSP}г." if lang == "ru" else str(start.year)
        return f"{days}{NBSP}{month} {tail}"
    first, last = _day_month(start, lang, with_year=False), _day_month(end, lang, with_year=False)
    if lang == "kk":
        return f"{start.year}{NBSP}жылғы {first} – {last}"
    tail = f"{start.year}{NBSP}г." if lang == "ru" else str(start.year)
    return f"{first} – {last} {tail}"


def date_field_format(lang: str | None = None) -> str:
    """The Qt display format of a date field: the same form as :func:`format_date`'s ``short``,
    so a field never shows a date otherwise than the list beside it."""
    return "dd.MM.yyyy" if (lang or _current) in ("ru", "kk") else "yyyy-MM-dd"


def format_number(value: int | float, lang: str | None = None) -> str:
    return format_decimal(value, locale=lang or _current)


def format_share(value: float, lang: str | None = None) -> str:
    """A share in 0..1 as a whole percentage, the one way ``lang`` writes it: «25 %» in Russian
    and Kazakh (no-break space), «25%» in English; 12.5 % rounds to 13 %, never «12,5%» beside «25%»."""
    lang = lang or _current
    percent = math.floor(value * 100 + 0.5)  # half up: 12.5 % is 13 %, as a reader rounds
    sign = "%" if lang == "en" else f"{NBSP}%"
    return format_decimal(percent, locale=lang) + sign


def locale(lang: str | None = None) -> Locale:
    return Locale.parse(lang or _current)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    """Forum ordinals are printed in Roman numerals: 7 → VII."""
    if number <= 0:
        return str(number)
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def parse_roman(text: str) -> int | None:
    """The number a Roman numeral stands for (``XII`` or ``xii`` → 12); ``None`` if it is not one."""
    letters = text.strip().upper()
    if not letters or any(char not in "MDCLXVI" for char in letters):
        return None
    total, rest = 0, letters
    for value, numeral in _ROMAN:
        while rest.startswith(numeral):
            total += value
            rest = rest[len(numeral) :]
    # only the canonical spelling counts, so "IIII" or "VX" are refused rather than guessed
    return total if not rest and roman(total) == letters else None


# --- collation ---------------------------------------------------------------------------------

_ALPHABETS = {
    "ru": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "kk": "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ",
    "en": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
}


@cache
def _weights(lang: str) -> dict[str, int]:
    alphabet = _ALPHABETS.get(lang, _ALPHABETS["ru"])
    return {letter: index for index, letter in enumerate(alphabet)}


def sort_key(text: str, lang: str | None = None) -> tuple[tuple[int, int], ...]:
    """Order names by the alphabet of ``lang``: in Kazakh Ә follows А, Ғ follows Г, І follows Ы.

    Punctuation and spaces sort first, then digits, then the language's own letters, then any
    other letter by code point; upper and lower case are equal at this level.
    """
    weights = _weights(lang or _current)
    key: list[tuple[int, int]] = []
    for char in text.upper():
        if char in weights:
            key.append((2, weights[char]))
        elif char.isdigit():
            key.append((1, ord(char)))
        elif char.isalpha():
            key.append((3, ord(char)))
        else:
            key.append((0, ord(char)))
    return tuple(key)
