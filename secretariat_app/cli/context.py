"""What every command receives: the parsed options and a way to open the chosen database."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from secretariat_app.core.db import Database, open_database
from secretariat_app.core.errors import DatabaseUnavailableError, ValidationError
from secretariat_app.core.i18n import N_
from secretariat_app.core.validation import parse_forum_number


@dataclass
class CommandContext:
    args: argparse.Namespace

    def open(self, create: bool = False, verify: bool = False) -> Database:
        """The chosen database; ``verify`` refuses a damaged file before anything touches it."""
        try:
            return open_database(self.args.db, create=create, verify=verify)
        except DatabaseUnavailableError as error:
            if error.msgid != "There is no database at {path}.":
                raise
            # on the command line the way out is one command away: say which
            raise DatabaseUnavailableError(
                N_("There is no database at {path}. Create it with: secretariat-app --db {path} init"),
                **error.params,
            ) from error

    def say(self, text: str) -> None:
        print(text, file=sys.stdout, flush=True)


def forum_number(value: str) -> int:
    """The argparse type of every forum option: 12 or XII (any case)."""
    try:
        return parse_forum_number("forum", value)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message()) from None
