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
