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
        "абвгдзийклмнопрстуфыэәқөұүһі",
        "abvgdziyklmnoprstufyeaqouuhi",
        strict=True,
    )
)
_LATIN.update({
    "ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ю": "yu", "я": "ya", "ъ": "", "ь": "", "ғ": "gh", "ң": "ng",
})  # fmt: skip
_VOWELS = set("аеёиоуыэюяәөұүі")


def romanized(name: str) -> str:
    """A Cyrillic place name in Latin letters (Оренбург → Orenburg, Усть-Каменогорск →
    Ust-Kamenogorsk), for the English interface when a place has no English name of its own.
    е is ye at the start of a word and after a vowel or a sign, as in Yekaterinburg."""
    out = []
    previous = ""
    for char in name:
        lower = char.lower()
        if lower == "е":
            latin = "ye" if not previous or previous in _VOWELS or previous in "ьъ" else "e"
        else:
            latin = _LATIN.get(lower, char)
        if char != lower and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = lower if lower.isalpha() else ""
    return "".join(out)


def place_name(names: Mapping[str, str | None], lang: str) -> str:
    """A place (a host city) in ``lang``; in English, without an English name, the Russian name
    in Latin letters — never Cyrillic in an English window."""
    if lang == "en" and not names.get("en"):
        return romanized(names.get(FALLBACK_LANGUAGE) or "")
    return name_in(names, lang)
