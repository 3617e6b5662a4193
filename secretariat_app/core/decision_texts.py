"""The rules of a decision's texts that the ORM and the import's set-based writer both follow."""

from __future__ import annotations

from collections.abc import Collection, Iterable


def search_text(text: str) -> str:
    """The form a text is stored in for searching: case-folded, since SQLite's own lower() folds
    only ASCII letters and a search must ignore case in Cyrillic and Kazakh too."""
    return text.casefold()


def outdated_by_change(changed: Collection[str], stored: Iterable[str]) -> set[str]:
    """The languages whose stored text needs checking once the texts in ``changed`` were edited:
    every other language's, since it may no longer say the same."""
    if not changed:
        return set()
    return {lang for lang in stored if lang not in changed}
