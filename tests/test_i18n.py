"""Words and formats: catalogs complete, dates per language, Kazakh alphabetical order."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

from secretariat_app.core import i18n
from secretariat_app.core.enums import Status

ROOT = Path(__file__).resolve().parent.parent


def _catalog_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_catalog_is_complete_and_has_no_fuzzy_entry():
    problems = list(_catalog_script().problems())
    assert problems == [], "\n".join(problems[:40])


def test_kazakh_and_russian_catalogs_translate_statuses():
    assert Status.IMPLEMENTED.label("ru") == "Выполнено"
    assert Status.IMPLEMENTED.label("kk") == "Орындалды"
    assert Status.IMPLEMENTED.label("en") == "Implemented"


def test_official_date_forms():
    day = dt.date(2026, 11, 24)
    # no-break spaces keep «2026 г.» and «24 ноября» together at a line end
    assert i18n.format_date(day, "ru") == "24\u00a0ноября 2026\u00a0г."
    assert i18n.format_date(day, "kk") == "2026\u00a0жылғы 24\u00a0қараша"
    assert i18n.format_date(day, "en") == "24\u00a0November 2026"
    assert i18n.format_date(day, "kk", "short") == "24.11.2026"


def test_forum_dates_in_words_say_the_year_once():
    def span(start: dt.date, end: dt.date, lang: str) -> str:
        return i18n.format_date_span(start, end, lang).replace("\u00a0", " ")

    feb13, feb14 = dt.date(2027, 2, 13), dt.date(2027, 2, 14)
    assert span(feb13, feb14, "ru") == "13–14 февраля 2027 г."
    assert span(feb13, feb14, "kk") == "2027 жылғы 13–14 ақпан"
    assert span(feb13, feb14, "en") == "13–14 February 2027"
    june30, july1 = dt.date(2027, 6, 30), dt.date(2027, 7, 1)
    assert span(june30, july1, "ru") == "30 июня – 1 июля 2027 г."
    assert span(june30, july1, "kk") == "2027 жылғы 30 маусым – 1 шілде"
    new_year = (dt.date(2026, 12, 31), dt.date(2027, 1, 1))
    assert span(*new_year, "ru") == "31 декабря 2026 г. – 1 января 2027 г."
    assert span(feb13, feb13, "kk") == "2027 жылғы 13 ақпан"


def test_shares_are_whole_percentages_written_one_way():
    assert [i18n.format_share(v, "ru") for v in (0, 0.125, 0.25, 1)] == [
        "0\u00a0%",
        "13\u00a0%",
        "25\u00a0%",
        "100\u00a0%",
    ]
    assert i18n.format_share(0.125, "en") == "13%"
    assert i18n.format_share(12.345, "kk") == "1\u00a0235\u00a0%"


def test_plurals_follow_each_language():
    i18n.set_language("ru")
    singular, plural = (
        "Demo data loaded: {count} decision in {path}",
        "Demo data loaded: {count} decisions in {path}",
    )
    forms = [i18n.ngettext(singular, plural, n).format(count=n, path="x") for n in (1, 3, 5, 21)]
    assert [f.split(": ")[1].rsplit(" в ", 1)[0] for f in forms] == [
        "1 решение",
        "3 решения",
        "5 решений",
        "21 решение",
    ]


def test_kazakh_sorting_follows_the_kazakh_alphabet():
    names = [
        "Іле",
        "Ыстық",
        "Ғалым",
        "Гүл",
        "Әлия",
        "Бақыт",
        "Айжан",
        "Қасым",
        "Кенже",
        "Һәкім",
        "Ұлан",
        "Үміт",
        "Уәли",
    ]
    ordered = sorted(names, key=lambda n: i18n.sort_key(n, "kk"))
    assert ordered == [
        "Айжан",
        "Әлия",
        "Бақыт",
        "Гүл",
        "Ғалым",
        "Кенже",
        "Қасым",
        "Уәли",
        "Ұлан",
        "Үміт",
        "Һәкім",
        "Ыстық",
        "Іле",
    ]


def test_russian_sorting_puts_yo_after_ye():
    assert sorted(["Ёлка", "Жук", "Ель"], key=lambda n: i18n.sort_key(n, "ru")) == ["Ель", "Ёлка", "Жук"]


def test_roman_numerals():
    assert [i18n.roman(n) for n in (1, 4, 9, 12, 14, 19, 40)] == ["I", "IV", "IX", "XII", "XIV", "XIX", "XL"]


def test_switching_language_changes_translations():
    i18n.set_language("kk")
    assert i18n._("Implemented") == "Орындалды"
    i18n.set_language("en")
    assert i18n._("Implemented") == "Implemented"


def test_a_message_means_the_same_in_every_catalog():
    """All domains are merged into one lookup: one English id must have one translation."""
    from babel.messages.pofile import read_po

    clashes = []
    for lang in ("ru", "kk"):
        seen: dict[str, tuple[str, object]] = {}
        for domain in i18n.DOMAINS:
            path = i18n.catalog_path(lang, domain)
            if not path.exists():
                continue
            with path.open("rb") as handle:
                for message in read_po(handle, locale=lang):
                    if not message.id or not isinstance(message.id, str):
                        continue
                    earlier = seen.setdefault(message.id, (domain, message.string))
                    if earlier[1] != message.string:
                        clashes.append(f"{lang}: {message.id!r}: {earlier} vs ({domain}, {message.string!r})")
    assert clashes == [], "\n".join(clashes)


def test_merged_catalogs_are_cached_and_the_cache_gives_the_same_words(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRETARIAT_CACHE_DIR", str(tmp_path))
    parsed = i18n._merged_catalogs("kk")
    cached_files = list((tmp_path / "catalogs").glob("kk-*.json"))
    assert len(cached_files) == 1
    assert i18n._merged_catalogs("kk") == parsed
    cached_files[0].write_text("not json", encoding="utf-8")  # a broken cache is parsed again
    assert i18n._merged_catalogs("kk") == parsed


def test_compiled_catalogs_give_the_same_words_as_the_sources(tmp_path, monkeypatch):
    """An installed app reads the ``.mo`` files the build compiles; a checkout reads the ``.po``."""
    monkeypatch.setenv("SECRETARIAT_CACHE_DIR", str(tmp_path / "cache"))
    sources = {lang: i18n._merged_catalogs(lang) for lang in i18n.LANGUAGES}
    written = _catalog_script().compile_all(tmp_path / "locale")
    assert len(written) == len(i18n.LANGUAGES) * len(i18n.DOMAINS)
    monkeypatch.setattr(i18n, "compiled_catalogs_dir", lambda: tmp_path / "locale")
    for lang in i18n.LANGUAGES:
        assert all(path.suffix == ".mo" for path in i18n.catalog_files(lang))
        assert i18n._merged_catalogs(lang) == sources[lang]
    kazakh = i18n._merged_catalogs("kk")[0]
    assert kazakh["Implemented"] == "Орындалды"
