"""The regions directory seeded on init, checked against ISO 3166-2 (pycountry)."""

from __future__ import annotations

import pycountry
from sqlalchemy import select

from secretariat_app.core.models import Executor
from secretariat_app.core.services.directory import reference_regions

RUSSIAN_BORDER_REGIONS = {
    "RU-AST", "RU-VGG", "RU-SAR", "RU-SAM", "RU-ORE", "RU-CHE",
    "RU-KGN", "RU-TYU", "RU-OMS", "RU-NVS", "RU-ALT", "RU-AL",
}  # fmt: skip


def test_reference_codes_exist_in_iso_3166_2_and_belong_to_their_country():
    for region in reference_regions():
        subdivision = pycountry.subdivisions.get(code=region["code"])
        assert subdivision is not None, region["code"]
        assert subdivision.country_code == region["country"]


def test_all_of_kazakhstan_and_the_russian_border_regions_are_seeded(database):
    kazakh_iso = {s.code for s in pycountry.subdivisions.get(country_code="KZ")}
    with database.reader() as s:
        codes = set(s.scalars(select(Executor.code).where(Executor.kind == "region")))
    assert {c for c in codes if c.startswith("KZ-")} == kazakh_iso
    assert len(kazakh_iso) == 20
    assert {c for c in codes if c.startswith("RU-")} == RUSSIAN_BORDER_REGIONS


def test_kazakh_names_use_kazakh_letters(database):
    with database.reader() as s:
        names = {e.code: e.name_kk for e in s.scalars(select(Executor))}
    assert names["KZ-63"] == "Шығыс Қазақстан облысы"
    assert names["RU-ORE"] == "Орынбор облысы"
