"""The command's first module: it imports nothing heavy, so Ctrl+C pressed while the app is still
loading (SQLAlchemy, Qt) ends with one line in the clerk's language, not a Python traceback."""

from __future__ import annotations

import sys
from collections.abc import Sequence

#: the shell's code for a command ended by Ctrl+C (128 + SIGINT)
INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        from secretariat_app.cli.main import main as run_command

        return run_command(args)
    except KeyboardInterrupt:
        return report_interrupted(args)


def report_interrupted(argv: Sequence[str]) -> int:
    """Say on stderr, in the language the command would have spoken, that it was stopped."""
    from secretariat_app.core.i18n import _, set_language
    from secretariat_app.core.interface_language import preferred_language, requested_language

    set_language(preferred_language(requested_language(argv)))
    print(_("Stopped (Ctrl+C): the command did not finish."), file=sys.stderr)
    return INTERRUPTED
