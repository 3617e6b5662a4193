"""Creating a database ready for work: schema (via :func:`db.open_database`) and directories."""

from __future__ import annotations

from secretariat_app.core.db import Database
from secretariat_app.core.services.directory import seed_regions, seed_sectors


def seed_directories(database: Database) -> tuple[int, int]:
    """Add missing sectors and reference regions; returns (sectors added, regions added)."""
    with database.session() as session:
        return seed_sectors(session), seed_regions(session)
