"""Screenshots of every page of the main window at small-screen sizes, in Russian, Kazakh and
English — to look at before a release (cut labels, columns squeezed, a status bar off-screen).

    python scripts/window_shots.py OUTPUT_FOLDER

The sizes are what a 1366×768 and a 1280×720 screen leave a maximised window once a taskbar and a
title bar have taken their share. Runs offscreen on a fresh demo database in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_temp = Path(tempfile.mkdtemp(prefix="secretariat-shots-"))
os.environ["SECRETARIAT_CONFIG_DIR"] = str(_temp / "config")
os.environ["SECRETARIAT_LOG_DIR"] = str(_temp / "logs")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from secretariat_app.core.i18n import set_language  # noqa: E402
from secretariat_app.ui.app import open_target  # noqa: E402
from secretariat_app.ui.context import AppContext, ChangeBus  # noqa: E402
from secretariat_app.ui.main_window import MainWindow, switch_language  # noqa: E402
from secretariat_app.ui.tasks import TaskRunner  # noqa: E402
from secretariat_app.ui.today import Today  # noqa: E402

DEMO_TODAY = dt.date(2026, 11, 25)
#: screen -> the window's size there (taskbar 40 px, title bar 30 px)
SIZES = {"1366x768": (1366, 698), "1280x720": (1280, 650)}
PAGES = ("dashboard", "forums", "decisions", "executors", "reports")


def shoot(widget: QWidget, path: Path, app: QApplication) -> None:
    widget.show()
    for _round in range(8):
        app.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    database = open_target(str(_temp / "demo.sqlite3"), demo=True, today=DEMO_TODAY)
    runner = TaskRunner()
    runner.synchronous = True
    context = AppContext(database, runner, ChangeBus(), today=Today(lambda: DEMO_TODAY))
    set_language("ru")
    window = MainWindow(context)
    for lang in ("ru", "kk", "en"):
        switch_language(context, lang)
        for screen, (width, height) in SIZES.items():
            window.showNormal()
            window.resize(width, height)
            for page in PAGES:
                window.show_page(page)
                shoot(window, folder / f"{page}_{lang}_{screen}.png", app)
    window.close()
    database.dispose()
    os._exit(0)  # PySide6 can crash while tearing the widgets down at exit; the files are written


if __name__ == "__main__":
    sys.exit(main(sys.argv))
