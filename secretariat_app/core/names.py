"""Names of places and bodies (cities, regions, agencies, sectors) in a language.

A name is not a translated text: when it is missing in a language it is shown in Russian, the
Forum's working language, rather than marked as a gap as a decision's missing text is.
"""

from __future__ import annotations

from collections.abc import Mapping

FALLBACK_LANGUAGE = "ru"


def name_in(names: Mapping[str, str | None], lang: str) -> str:
    """The name in ``lang``, else in Russian (else empty)."""
    return names.get(lang) or names.get(FALLBACK_LANGUAGE) or ""


_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "yo",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "-",
            "y",
            "-",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def latin(text: str) -> str:
    """A Russian name in Latin letters as English texts spell it (BGN/PCGN, simplified):
    «Оренбург» → "Orenburg", «Усть-Каменогорск» → "Ust-Kamenogorsk"."""
    letters = []
    for char in text:
        spelled = _LATIN.get(char.lower())
        if spelled is None:
            letters.append(char)
            continue
        spelled = "" if spelled == "-" else spelled
        letters.append(spelled.capitalize() if char.isupper() else spelled)
    return "".join(letters)


def place_name(names: Mapping[str, str | None], lang: str) -> str:
    """A place (a host city) in ``lang``; in English, without an English name, the Russian name
    in Latin letters — never Cyrillic in an English window."""
    if lang == "en" and not names.get("en"):
        return latin(names.get(FALLBACK_LANGUAGE) or "")
    return name_in(names, lang)
