"""Keep the gettext catalogs in step with the code.

    python scripts/i18n.py update   # extract messages, update translations/<lang>/LC_MESSAGES/*.po
    python scripts/i18n.py check    # list untranslated or fuzzy entries (exit 1 if any)
    python scripts/i18n.py compile DEST  # write DEST/<lang>/LC_MESSAGES/<domain>.mo

Compiling is part of building the package: ``setup.py`` calls :func:`compile_all` to put the
``.mo`` files into the built package (``secretariat_app/locale``); a checkout reads the ``.po``
files directly.

One catalog per layer (domain): core, cli, reports, exchange, ui (and views, the GUI's pages). The English catalogs are filled
with the message ids themselves; Russian and Kazakh ones are translated by people. This does
what ``pybabel extract/update/compile`` do (see README) with the project's keywords preset.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "secretariat_app"
TRANSLATIONS = ROOT / "translations"
LANGUAGES = ("ru", "kk", "en")
PYTHON = [("**.py", "python")]
#: domain -> (source folder, Babel method map); the GUI's views have a catalog of their own.
DOMAINS = {
    "core": (PACKAGE / "core", PYTHON),
    "cli": (PACKAGE / "cli", PYTHON),
    "reports": (PACKAGE / "reports", PYTHON),
    "exchange": (PACKAGE / "exchange", PYTHON),
    "ui": (PACKAGE / "ui", [("views/**.py", "ignore"), ("**.py", "python")]),
    "views": (PACKAGE / "ui" / "views", PYTHON),
}
KEYWORDS = {"_": None, "N_": None, "tr": (1,), "ngettext": (1, 2), "translate": (1,)}


def extract(domain: str) -> Catalog:
    """All marked messages of one domain's sources."""
    template = Catalog(project="secretariat-app", charset="utf-8")
    folder, method_map = DOMAINS[domain]
    if folder.is_dir():
        for filename, lineno, message, comments, context in extract_from_dir(
            folder, method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            template.add(
                message,
                None,
                [(str((folder / filename).relative_to(ROOT)), lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def po_path(lang: str, domain: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{domain}.po"


def update(domain: str) -> None:
    template = extract(domain)
    for lang in LANGUAGES:
        path = po_path(lang, domain)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang, domain=domain)
            catalog.update(template, no_fuzzy_matching=True)
        else:
            catalog = Catalog(locale=lang, domain=domain, project="secretariat-app", charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
        if lang == "en":
            for message in catalog:
                if message.id and not _translated(message.string):
                    message.string = message.id
                    message.flags.discard("fuzzy")
        catalog.obsolete.clear()
        catalog.fuzzy = False
        if not len(catalog) and not path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=False)


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def problems() -> Iterator[str]:
    """Every message of the code that a catalog lacks, leaves empty, or marks fuzzy."""
    for domain in DOMAINS:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in extract(domain) if m.id}
        for lang in LANGUAGES:
            path = po_path(lang, domain)
            if not path.exists():
                if wanted:
                    yield f"{path.relative_to(ROOT)}: missing ({len(wanted)} messages)"
                continue
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
            have = {}
            for message in catalog:
                if message.id:
                    key = message.id if isinstance(message.id, str) else message.id[0]
                    have[key] = message
            for msgid in sorted(wanted):
                message = have.get(msgid)
                if message is None:
                    yield f"{path.relative_to(ROOT)}: missing {msgid!r}"
                elif message.fuzzy:
                    yield f"{path.relative_to(ROOT)}: fuzzy {msgid!r}"
                elif not _translated(message.string):
                    yield f"{path.relative_to(ROOT)}: untranslated {msgid!r}"


def compile_all(target: Path, source: Path = TRANSLATIONS) -> list[Path]:
    """Every ``.po`` under ``source`` compiled to ``target/<lang>/LC_MESSAGES/<domain>.mo``."""
    written = []
    for po in sorted(source.glob("*/LC_MESSAGES/*.po")):
        lang = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        mo = target / lang / "LC_MESSAGES" / f"{po.stem}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(mo)
    return written


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    domains = argv[2:] or list(DOMAINS)
    if command == "update":
        for domain in domains:
            update(domain)
        return 0
    if command == "compile":
        if len(argv) != 3:
            print("usage: scripts/i18n.py compile DEST", file=sys.stderr)
            return 2
        compile_all(Path(argv[2]))
        return 0
    found = list(problems())
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
