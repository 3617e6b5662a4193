"""Part of scripts/smoke-installed.sh and packaging/smoke-bundle.sh: with the *installed* package
(never the checkout), open the main window offscreen in Kazakh on an existing database and check
that its menus speak Kazakh, the app icon loads, and Help → About shows the database, its schema
version and the shipped font licence.

    VENV/bin/python scripts/smoke_gui.py DATABASE
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

import secretariat_app
from secretariat_app.core.db import head_revision, open_database
from secretariat_app.core.i18n import set_language
from secretariat_app.ui.context import AppContext, ChangeBus
from secretariat_app.ui.icons import app_icon
from secretariat_app.ui.main_window import MainWindow
from secretariat_app.ui.tasks import TaskRunner
from secretariat_app.ui.views.about_dialog import AboutDialog

KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def main(argv: list[str]) -> int:
    checkout = Path(__file__).resolve().parent.parent
    package = Path(secretariat_app.__file__).resolve().parent
    if package.is_relative_to(checkout):
        print(f"smoke_gui: imported the checkout ({package}), not the installed package", file=sys.stderr)
        return 1
    app = QApplication(sys.argv[:1])
    set_language("kk")
    database = open_database(argv[1], create=False)
    context = AppContext(database, TaskRunner(), ChangeBus())
    window = MainWindow(context)
    window.show()
    app.processEvents()
    menus = [action.text() for action in window.menuBar().actions()]
    about = AboutDialog(context, window)
    problems = []
    if not any(KAZAKH_LETTERS & set(title) for title in menus):
        problems.append(f"the menus are not in Kazakh: {menus}")
    if app_icon().isNull():
        problems.append("the app icon did not load")
    if head_revision() not in about.heading.text() or database.display_name() not in about.heading.text():
        problems.append("Help → About lacks the database or its schema version")
    if "SIL OPEN FONT LICENSE" not in about.licences.toPlainText():
        problems.append("Help → About shows no font licence")
    window.close()
    context.runner.wait()
    database.dispose()
    for problem in problems:
        print(f"smoke_gui: {problem}", file=sys.stderr)
    print(f"smoke_gui: {package}: menus {' | '.join(menus)}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
