"""Which language the app speaks when it starts: the window and the command line pick it the same
way, so ``secretariat-app --help`` answers in the language the clerk's window is in."""

from __future__ import annotations

import os
from collections.abc import Sequence

from secretariat_app.core.i18n import LANGUAGES
from secretariat_app.core.settings import load_settings

#: when nothing else says: the secretariat's working language
FALLBACK_LANGUAGE = "ru"


def system_language() -> str | None:
    """The language of the user's system locale (``kk_KZ.UTF-8`` -> ``kk``), if the app has it.
    The environment is read as POSIX orders it; ``C.UTF-8`` names no language."""
    for candidate in (os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG")):
        lang = candidate.split("_")[0].split(".")[0].lower()
        if lang in LANGUAGES:
            return lang
    return None


def preferred_language(requested: str | None = None) -> str:
    """``--lang`` wins, then the language saved from the window, then the system's, then Russian."""
    for lang in (requested, load_settings().language, system_language()):
        if lang in LANGUAGES:
            return str(lang)
    return FALLBACK_LANGUAGE


def requested_language(argv: Sequence[str]) -> str | None:
    """The ``--lang`` of a command line, read before the parser exists (so --help is translated)."""
    lang = None
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            lang = argv[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang
