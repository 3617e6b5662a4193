"""Creating a database ready for work: schema (via :func:`db.open_database`) and directories,
or the demo history."""

from __future__ import annotations

import datetime as dt

from secretariat_app.core.db import Database
from secretariat_app.core.demo import load_demo
from secretariat_app.core.services.directory import seed_regions, seed_sectors


def seed_directories(database: Database) -> tuple[int, int]:
    """Add missing sectors and reference regions; returns (sectors added, regions added)."""
    with database.session() as session:
        return seed_sectors(session), seed_regions(session)


def create_demo(database: Database, today: dt.date | None = None) -> int:
    """Fill an empty database with the directories and the demo history laid out around
    ``today``, in one transaction audited as ``demo``; returns the number of decisions added.
    The window's “explore the demo” and the ``demo`` command both come here."""
    with database.session() as session:
        session.info["audit_source"] = "demo"
        return load_demo(session, today)
