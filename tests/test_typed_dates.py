"""Typed dates: the three ways a clerk writes one, and impossible ones refused with a message."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat_app.core import i18n
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.typed_dates import format_typed_date, parse_typed_date


@pytest.mark.parametrize("typed", ["13.02.2028", "13022028", "2028-02-13", " 13.2.2028 ", "2028-2-13"])
def test_each_way_of_typing_a_date_gives_the_same_day(typed: str) -> None:
    assert parse_typed_date(typed) == dt.date(2028, 2, 13)


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_field_is_no_date(typed: str) -> None:
    assert parse_typed_date(typed) is None


@pytest.mark.parametrize(
    "typed", ["31.02.2028", "31022028", "2028-02-31", "29.02.2027", "00.01.2028", "13.13.2028"]
)
def test_an_impossible_date_is_refused_not_moved(typed: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_typed_date(typed, "deadline")
    assert raised.value.field == "deadline"
    assert raised.value.msgid == "There is no such date: {value}."


@pytest.mark.parametrize("typed", ["13.02.28", "1302202", "завтра", "13/02/2028x"])
def test_what_is_not_a_date_says_how_to_write_one(typed: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse_typed_date(typed)
    assert "24.11.2026" in str(raised.value)


@pytest.mark.parametrize(
    ("lang", "words"), [("ru", "Такой даты не существует"), ("kk", "Мұндай күн жоқ"), ("en", "no such date")]
)
def test_the_message_for_an_impossible_date_is_in_the_interface_language(lang: str, words: str) -> None:
    previous = i18n.get_language()
    i18n.set_language(lang)
    try:
        with pytest.raises(ValidationError) as raised:
            parse_typed_date("31.02.2028")
        assert words.casefold() in str(raised.value).casefold()
    finally:
        i18n.set_language(previous)


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_a_shown_date_reads_back_as_the_same_day(lang: str) -> None:
    day = dt.date(2028, 2, 13)
    assert parse_typed_date(format_typed_date(day, lang)) == day
