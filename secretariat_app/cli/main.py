"""Entry point of ``secretariat-app`` and ``python -m secretariat_app``.

Exit codes: 0 success, 2 bad input (a one-line message on stderr in the chosen language),
1 an unexpected failure (its traceback goes to the log file, whose place is printed).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence

from secretariat_app import __version__
from secretariat_app.cli import database_commands, summary_command
from secretariat_app.cli.context import CommandContext
from secretariat_app.cli.entry import report_interrupted
from secretariat_app.core.errors import Cancelled, SecretariatError
from secretariat_app.core.i18n import LANGUAGES, N_, _, get_language, ngettext, set_language
from secretariat_app.core.interface_language import preferred_language, requested_language
from secretariat_app.core.logs import setup_logging

log = logging.getLogger(__name__)

#: Modules that add commands; each has ``register(subparsers)``.
COMMAND_MODULES: list[Callable[[argparse._SubParsersAction], None]] = [
    database_commands.register,
    summary_command.register,
]


def _optional_command_modules() -> None:
    """Commands of layers that may be absent in a partial install register themselves here."""
    for name in (
        "secretariat_app.cli.gui_command",
        "secretariat_app.cli.report_command",
        "secretariat_app.cli.exchange_commands",
    ):
        try:
            module = __import__(name, fromlist=["register"])
        except ImportError as error:
            if error.name != name:
                raise
            continue
        if module.register not in COMMAND_MODULES:
            COMMAND_MODULES.append(module.register)


#: argparse's own words, which it passes through ``gettext``: marked here so that the ``cli``
#: catalog carries them, and translated by pointing argparse's ``_`` at ours (see below).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
)


@contextlib.contextmanager
def argparse_in_our_language() -> Iterator[None]:
    """While the parser is built and used, argparse translates its words with our catalogs.

    argparse calls the ``_`` and ``ngettext`` it imported from :mod:`gettext`; they are swapped
    for ours (which follow the current language) and put back afterwards, so nothing else in the
    process that uses argparse is affected.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Bad usage exits 2 with one translated line, like every other bad input."""
        self.exit(2, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    _optional_command_modules()
    parser = _Parser(
        prog="secretariat-app",
        description=_("Forum Secretariat: control of the execution of the Forum's decisions."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--db",
        help=_("database file or SQLAlchemy URL (default: $SECRETARIAT_DB or the file in your data folder)"),
    )
    parser.add_argument("--lang", choices=LANGUAGES, help=_("language of messages and of the interface"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    for register in COMMAND_MODULES:
        register(commands)
    return parser


def _early_language(argv: Sequence[str]) -> None:
    """Pick the language before building the parser, so that --help is translated too."""
    set_language(preferred_language(requested_language(argv)))  # as the window picks it


def main(argv: Sequence[str] | None = None) -> int:
    # in a frozen build, the process the window reads spreadsheets in (exchange.isolated) starts
    # the executable again: this makes it do that work instead of starting the app
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    with argparse_in_our_language():
        parser = build_parser()
        args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    log_file = setup_logging()
    handler = getattr(args, "handler", None)
    if handler is None:
        handler = _default_handler(parser)
        if handler is None:
            with argparse_in_our_language():
                parser.print_help()
            return 0
    try:
        return int(handler(CommandContext(args)) or 0)
    except Cancelled as error:  # asked for (Ctrl+C): said plainly, not as an error
        print(error.message(get_language()), file=sys.stderr)
        return 2
    except SecretariatError as error:
        print(_("error: {message}").format(message=error.message(get_language())), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return report_interrupted(argv)
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except Exception:
        log.exception("unexpected failure")
        print(_("Unexpected error; details are in {path}").format(path=log_file), file=sys.stderr)
        return 1


def _quiet_stdout() -> None:
    """The reader of our output has gone (``check | head -1``): that is no error of ours.

    Standard output is pointed at the null device so that Python's own flush at exit does not
    fail again and print a warning.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (captured in tests)
        pass


def _default_handler(parser: argparse.ArgumentParser) -> Callable[[CommandContext], int] | None:
    """With no command, start the GUI when it is installed."""
    try:
        from secretariat_app.cli.gui_command import run_gui
    except ImportError:
        return None
    return run_gui


if __name__ == "__main__":
    raise SystemExit(main())
