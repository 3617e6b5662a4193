"""Commands that create, fill, back up and check the database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from secretariat_app.cli.context import CommandContext
from secretariat_app.core.backup import BackupCancelled, backup_sqlite
from secretariat_app.core.db import check_integrity, current_revision, head_revision
from secretariat_app.core.errors import DamagedDatabaseError, ReadOnlyDatabaseError, ValidationError
from secretariat_app.core.i18n import N_, _, ngettext
from secretariat_app.core.setup import create_demo, seed_directories


def run_init(ctx: CommandContext) -> int:
    database = ctx.open(create=True, verify=True)
    try:
        if database.read_only:  # "ready" would promise a database that can be filled
            raise ReadOnlyDatabaseError(N_("The database is open read-only: changes cannot be saved."))
        sectors, regions = seed_directories(database)
        ctx.say(_("Database ready: {path}").format(path=database.display_name()))
        if database.backup_path:
            ctx.say(_("The previous version was backed up to {path}").format(path=database.backup_path))
        if sectors or regions:
            ctx.say(
                _("Added {sectors} sectors and {regions} regions.").format(sectors=sectors, regions=regions)
            )
    finally:
        database.dispose()
    return 0


def run_demo(ctx: CommandContext) -> int:
    database = ctx.open(create=True)
    try:
        count = create_demo(database)
        ctx.say(
            ngettext(
                "Demo data loaded: {count} decision in {path}",
                "Demo data loaded: {count} decisions in {path}",
                count,
            ).format(count=count, path=database.display_name())
        )
    finally:
        database.dispose()
    return 0


def run_backup(ctx: CommandContext) -> int:
    database = ctx.open(verify=True)
    try:
        if database.path is None:
            raise ValidationError(
                "db",
                N_("Back up a PostgreSQL database with pg_dump; this command copies SQLite files."),
            )
        target = Path(ctx.args.dest).expanduser() if ctx.args.dest else None
        try:
            path = backup_sqlite(database.path, target, progress=_shown_progress())
        except KeyboardInterrupt:  # Ctrl+C: the copy was stopped and its temporary file removed
            raise BackupCancelled() from None
        finally:
            _end_progress_line()
        ctx.say(_("Backup written: {path}").format(path=path))
    finally:
        database.dispose()
    return 0


def _shown_progress() -> Callable[[int, int], None] | None:
    """A percentage on the terminal while a backup copies (none when the output goes elsewhere)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        line = _("Backing up: {percent}%").format(percent=done * 100 // max(total, 1))
        print(f"\r{line}", end="", file=sys.stderr, flush=True)

    return show


def _end_progress_line() -> None:
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)


def run_check(ctx: CommandContext) -> int:
    database = ctx.open(verify=True)
    try:
        problems = check_integrity(database)
        revision = current_revision(database)
        ctx.say(_("Database: {path}").format(path=database.display_name()))
        ctx.say(
            _("Schema version: {current} (this program: {head})").format(
                current=revision, head=head_revision()
            )
        )
        if problems:
            raise DamagedDatabaseError(
                N_("The integrity check found problems: {problems}"),
                problems="; ".join(problems[:5]),
            )
        ctx.say(_("Integrity check: no problems found."))
    finally:
        database.dispose()
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    commands.add_parser(
        "init", help=_("create or upgrade the database and fill the directories")
    ).set_defaults(handler=run_init)
    commands.add_parser("demo", help=_("load the demo history into an empty database")).set_defaults(
        handler=run_demo
    )
    backup = commands.add_parser("backup", help=_("copy the database to a backup file"))
    backup.add_argument("dest", nargs="?", help=_("file or folder for the backup"))
    backup.set_defaults(handler=run_backup)
    commands.add_parser("check", help=_("check the database's integrity and schema version")).set_defaults(
        handler=run_check
    )
