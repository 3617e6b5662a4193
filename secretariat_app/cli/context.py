"""What every command receives: the parsed options and a way to open the chosen database."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from secretariat_app.core.db import Database, open_database


@dataclass
class CommandContext:
    args: argparse.Namespace

    def open(self, create: bool = False) -> Database:
        return open_database(self.args.db, create=create)

    def say(self, text: str) -> None:
        print(text, file=sys.stdout, flush=True)
