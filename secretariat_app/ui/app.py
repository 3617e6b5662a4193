"""Starting the desktop application: language, database, main window, error handling.

``run(args)`` is called by the CLI's ``gui`` command with ``args.db`` (path, URL or None),
``args.lang`` (None or ru|kk|en), ``args.demo`` (fill a new database with the demo history) and
``args.quit_after`` (seconds after which the window closes by itself: smoke tests of an installed
app or a bundle).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from secretariat_app.core.db import Database, default_database_path, open_database, resolve_url, sqlite_path
from secretariat_app.core.errors import SecretariatError
from secretariat_app.core.i18n import N_, _, get_language, set_language
from secretariat_app.core.interface_language import preferred_language
from secretariat_app.core.logs import setup_logging
from secretariat_app.core.settings import load_settings, save_settings
from secretariat_app.core.setup import create_demo, seed_directories
from secretariat_app.ui import database_jobs
from secretariat_app.ui.context import AppContext, ChangeBus
from secretariat_app.ui.context_help import ContextHelp
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.icons import app_icon
from secretariat_app.ui.main_window import MainWindow, remember_database
from secretariat_app.ui.qt_words import apply_qt_words
from secretariat_app.ui.tasks import TaskRunner
from secretariat_app.ui.welcome import WelcomeChoice, WelcomeDialog

log = logging.getLogger(__name__)


def choose_language(requested: str | None) -> str:
    """The command line wins, then the saved setting, then the system's language, then Russian."""
    return preferred_language(requested)


def install_exception_hook(parent: QWidget | None = None) -> None:
    """An unexpected exception is logged and shown with the log's location; the app keeps running."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected exception", exc_info=(kind, error, trace))
        present_error(QApplication.activeWindow() or parent, error)

    sys.excepthook = hook


def open_target(target: str | None, demo: bool, today: dt.date | None = None) -> Database:
    """Open (or create) the database; a new one gets the directories and, if asked, the demo."""
    url = resolve_url(target)
    path = sqlite_path(url)
    is_new = path is not None and not path.exists()
    database = open_database(url, create=True)
    try:
        if is_new and demo:
            create_demo(database, today)
        elif is_new:
            seed_directories(database)
    except Exception:
        database.dispose()
        raise
    return database


def first_start(args: argparse.Namespace) -> tuple[str | None, bool] | None:
    """The welcome dialog when there is no database yet; ``None`` if the clerk closed it."""
    dialog = WelcomeDialog()
    if dialog.exec() != WelcomeDialog.DialogCode.Accepted or dialog.choice is None:
        return None
    settings = load_settings()
    settings.language = dialog.chosen_language
    save_settings(settings)
    if dialog.choice is WelcomeChoice.OPEN:
        return dialog.path, False
    return None if args.db is None else args.db, dialog.choice is WelcomeChoice.DEMO


def needs_welcome(args: argparse.Namespace) -> bool:
    return args.db is None and not load_settings().last_database and not default_database_path().exists()


def start_database(args: argparse.Namespace) -> Database | None:
    """Open the database the clerk wants; on a database error explain it and return ``None``."""
    target: str | None = args.db
    demo = bool(getattr(args, "demo", False))
    if needs_welcome(args) and not demo:
        chosen = first_start(args)
        if chosen is None:
            return None
        target, demo = chosen
    elif target is None:
        last = load_settings().last_database
        if last and Path(last).exists():
            target = last
    try:  # a worker opens it (it may be backed up and upgraded); a note shows if it takes long
        return database_jobs.wait_with_note(
            lambda: open_target(target, demo), N_("Forum Secretariat"), N_("Opening the database…")
        )
    except SecretariatError as error:
        QMessageBox.critical(None, _("Forum Secretariat"), str(error))
    except Exception as error:
        present_error(None, error)
    return None


def run(args: argparse.Namespace) -> int:
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Forum Secretariat")
    app.setOrganizationName("secretariat-app")
    app.setDesktopFileName("secretariat-app")  # ties the windows to the installed .desktop entry
    app.setWindowIcon(app_icon())
    set_language(choose_language(getattr(args, "lang", None)))
    apply_qt_words(get_language())
    install_exception_hook()
    welcome_help = ContextHelp(None, None)  # F1 in the first start's welcome opens the guide
    app.installEventFilter(welcome_help)
    quit_after = getattr(args, "quit_after", None)
    timed_out: list[bool] = []
    if quit_after is not None:  # whatever shows then (the first start's welcome, the window) closes

        def close_everything() -> None:
            timed_out.append(True)
            for widget in app.topLevelWidgets():
                widget.close()

        QTimer.singleShot(int(quit_after * 1000), close_everything)
    database = start_database(args)
    app.removeEventFilter(welcome_help)
    if database is None:
        return 0 if timed_out else 1
    remember_database(database)
    runner = TaskRunner()
    window_holder: list[QWidget] = []
    runner.default_error_handler = lambda error: present_error(
        window_holder[0] if window_holder else None, error
    )
    context = AppContext(database, runner, ChangeBus())
    window = MainWindow(context)
    window_holder.append(window)
    window.show()
    if timed_out:  # the time ran out while the database was opening
        QTimer.singleShot(0, window.close)
    code = app.exec()
    runner.wait()
    context.database.dispose()
    return int(code)
