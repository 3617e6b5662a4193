"""Small helpers every service shares."""

from __future__ import annotations

from typing import Any

from secretariat_app.core.errors import ConflictError
from secretariat_app.core.i18n import N_


def check_version(record: Any, expected_version: int | None) -> None:
    """Refuse to save over a record that changed since the clerk loaded it (optimistic locking)."""
    if expected_version is not None and record.version != expected_version:
        raise ConflictError(
            N_("Another user saved this record after you opened it. Nothing was overwritten."),
            current=record,
        )
