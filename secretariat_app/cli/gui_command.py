"""``secretariat-app gui``: the desktop window (the default command)."""

from __future__ import annotations

import argparse
import sys

from secretariat_app.cli.context import CommandContext
from secretariat_app.core.i18n import _


def run_gui(ctx: CommandContext) -> int:
    try:
        from secretariat_app.ui.app import run
    except ImportError:
        print(
            _("The desktop window is not built yet; use the other commands (see --help)."),
            file=sys.stderr,
        )
        return 2
    return run(ctx.args)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("gui", help=_("open the desktop window (the default)"))
    parser.add_argument("--demo", action="store_true", help=_("fill a new database with the demo history"))
    parser.add_argument(
        "--quit-after",
        type=float,
        metavar="SECONDS",
        help=_("close the window by itself after SECONDS seconds (to check that the app starts)"),
    )
    parser.set_defaults(handler=run_gui)
