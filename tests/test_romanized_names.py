"""Place names in Latin letters for the English interface, when a place has no English name."""

from __future__ import annotations

import datetime as dt

import pytest

from secretariat_app.core.names import romanized
from secretariat_app.core.services.decision_snapshot import ForumChoice


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Оренбург", "Orenburg"),
        ("Усть-Каменогорск", "Ust-Kamenogorsk"),
        ("Екатеринбург", "Yekaterinburg"),
        ("Челябинск", "Chelyabinsk"),
        ("Астрахань", "Astrakhan"),
        ("Семей", "Semey"),
        ("Өскемен", "Oskemen"),
        ("Omsk", "Omsk"),
    ],
)
def test_a_cyrillic_name_is_written_in_latin_letters(cyrillic: str, latin: str) -> None:
    assert romanized(cyrillic) == latin


def test_the_forum_box_names_the_city_in_each_interface_language() -> None:
    forum = ForumChoice(6, 6, "Оренбург", dt.date(2021, 9, 1), {"kk": "Орынбор"})
    assert [forum.city_in(lang) for lang in ("ru", "kk", "en")] == ["Оренбург", "Орынбор", "Orenburg"]
    assert ForumChoice(7, 7, "Омск", dt.date(2022, 9, 1), {"kk": ""}).city_in("kk") == "Омск"
