"""What every command receives: the parsed options and a way to open the chosen database."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from secretariat_app.core.db import Database, open_database
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.validation import parse_forum_number


@dataclass
class CommandContext:
    args: argparse.Namespace

    def open(self, create: bool = False) -> Database:
        return open_database(self.args.db, create=create)

    def say(self, text: str) -> None:
        print(text, file=sys.stdout, flush=True)


def forum_number(value: str) -> int:
    """The argparse type of every forum option: 12 or XII (any case)."""
    try:
        return parse_forum_number("forum", value)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.message()) from None
