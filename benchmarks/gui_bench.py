"""How quick the desktop window is, beside a floor measured in the same run.

    python benchmarks/gui_bench.py [--decisions 100000] [--work FOLDER]

Prints: the floor (a bare QMainWindow with an empty QTableView, started in a fresh process), the
start to a usable main window (first rows shown) on the demo database and on a database with
100,000 decisions, the filter latency per keystroke over 100,000 decisions, the time to open the
decision editor, and peak memory; each with its ratio to the floor. Each start is measured in a
fresh process, from before Qt is imported to the first rows on screen.

Targets: start ≤ 1.0 s on both databases, filter ≤ 100 ms, editor ≤ 150 ms, memory ≤ 300 MB.
The large database is generated once with set-based inserts (executemany) and kept in --work.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DEMO_TODAY = dt.date(2026, 11, 25)
SEARCH_WORD = "тіркеусіз"


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- databases ------------------------------------------------------------------------------------


def demo_database(folder: Path) -> Path:
    path = folder / "demo.sqlite3"
    if not path.exists():
        from secretariat_app.ui.app import open_target

        open_target(str(path), demo=True, today=DEMO_TODAY).dispose()
    return path


def large_database(folder: Path, count: int) -> Path:
    """The demo history plus generated decisions up to ``count``, inserted set-wise."""
    path = folder / f"decisions_{count}.sqlite3"
    if path.exists():
        return path
    from sqlalchemy import func, insert, select

    from secretariat_app.core.db import open_database
    from secretariat_app.core.enums import Role, Status
    from secretariat_app.core.models import Assignment, Decision, DecisionText, Executor, Forum, Sector
    from secretariat_app.core.rules import code_sort_key

    partial = path.with_suffix(".part")
    shutil.copy(demo_database(folder), partial)
    database = open_database(partial, create=False, actor="bench")
    rng = random.Random(5)
    statuses = [s.value for s in Status]
    with database.session() as session:
        forums = session.execute(select(Forum.id, Forum.start_date)).all()
        sectors = list(session.scalars(select(Sector.id)))
        executors = list(session.scalars(select(Executor.id)))
        words_ru = [
            "развитие",
            "сотрудничество",
            "регионов",
            "границы",
            "торговля",
            "транспорт",
            "культура",
            "наука",
        ]
        words_kk = [
            "ынтымақтастық",
            "өңірлер",
            "шекара",
            "сауда",
            "көлік",
            "мәдениет",
            "ғылым",
            "дамыту",
            "тіркеусіз",
        ]
        start_id = int(session.scalar(select(func.max(Decision.id))) or 0) + 1
        missing = count - int(session.scalar(select(func.count(Decision.id))) or 0)
        decisions, texts, assignments = [], [], []
        for offset in range(missing):
            decision_id = start_id + offset
            forum_id, start = forums[offset % len(forums)]
            code = f"{100 + offset // len(forums) // 50}.{offset // len(forums) % 50 + 1}"
            status = rng.choice(statuses)
            deadline = start + dt.timedelta(days=rng.randint(30, 900)) if rng.random() < 0.8 else None
            decisions.append(
                {
                    "id": decision_id,
                    "forum_id": forum_id,
                    "code": code,
                    "code_sort": code_sort_key(code),
                    "sector_id": rng.choice(sectors),
                    "deadline": deadline,
                    "own_status": status,
                    "status": status,
                    "version": 1,
                }
            )
            for lang, words in (("ru", words_ru), ("kk", words_kk)):
                text = " ".join(rng.choice(words) for _ in range(12)).capitalize() + f" № {decision_id}."
                texts.append(
                    {"decision_id": decision_id, "lang": lang, "text": text, "folded": text.casefold()}
                )
            assignments.append(
                {
                    "decision_id": decision_id,
                    "executor_id": rng.choice(executors),
                    "role": Role.LEAD.value,
                    "status": status,
                    "version": 1,
                }
            )
        session.execute(insert(Decision), decisions)
        session.execute(insert(DecisionText), texts)
        session.execute(insert(Assignment), assignments)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    partial.rename(path)
    return path


# --- measurements in a fresh process --------------------------------------------------------------


def measure_floor() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.show()
    app.processEvents()
    return {"seconds": time.perf_counter() - T0, "peak_mb": peak_mb()}


def measure_start(db: str) -> dict[str, float]:
    """Start to a usable main window: the Decisions page showing its first rows."""
    os.environ["SECRETARIAT_CONFIG_DIR"] = tempfile.mkdtemp(prefix="bench-config-")
    from PySide6.QtWidgets import QApplication

    from secretariat_app.core.db import open_database
    from secretariat_app.ui.context import AppContext, ChangeBus
    from secretariat_app.ui.decisions_page import DecisionsPage
    from secretariat_app.ui.main_window import MainWindow
    from secretariat_app.ui.tasks import TaskRunner

    app = QApplication([])
    database = open_database(db, create=False)
    context = AppContext(database, TaskRunner(), ChangeBus())
    window = MainWindow(context)
    window.show()
    page = window.page("decisions")
    assert isinstance(page, DecisionsPage)
    while not page.model.is_row_loaded(0):
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    started = time.perf_counter() - T0
    # the list may show its first page before the rest of the ids: count the decisions, not rows
    result = {"seconds": started, "rows": float(page.model.total)}
    # the clerk reads the first rows (half a second) while the search index is built
    reading = time.perf_counter() + 0.5
    while time.perf_counter() < reading or context.runner.busy:
        app.processEvents()
        time.sleep(0.001)

    # filter latency per keystroke: filter applied to the first rows shown (typing delay apart)
    latencies = []
    for length in range(1, len(SEARCH_WORD) + 1):
        began = time.perf_counter()
        page.bar.search.setText(SEARCH_WORD[:length])
        page.bar.changed.emit()
        generation = page.model._generation
        while not (page.model._generation == generation and page.model.rowCount() >= 0 and _settled(page)):
            app.processEvents()
            time.sleep(0.0005)
        latencies.append(time.perf_counter() - began)
    result["filter_first"] = latencies[0]
    result["filter_median"] = statistics.median(latencies)
    result["filter_max"] = max(latencies)
    result["filter_rows"] = float(page.model.rowCount())
    page.bar.search.clear()
    page.bar.changed.emit()

    # the executor-level rules in SQL: one region's late and stalled decisions (the dashboard's
    # region bars and the list's executor filter with "overdue only" / "stalled only")
    from sqlalchemy import func, select

    from secretariat_app.core.models import Assignment
    from secretariat_app.core.services.queries import DecisionFilter

    with database.reader() as session:
        busiest = session.execute(
            select(Assignment.executor_id)
            .group_by(Assignment.executor_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    for name, flt in (
        ("executor_late", DecisionFilter(executor_ids=(busiest,), overdue_only=True)),
        ("executor_stalled", DecisionFilter(executor_ids=(busiest,), stalled_only=True)),
    ):
        began = time.perf_counter()
        page.show_filter(flt)
        generation = page.model._generation
        while not (page.model._generation == generation and _settled(page)):
            app.processEvents()
            time.sleep(0.0005)
        result[name] = time.perf_counter() - began
        result[f"{name}_rows"] = float(page.model.rowCount())
    page.show_filter(DecisionFilter())

    # opening the editor on a decision: built and filled
    from secretariat_app.ui.editor.window import DecisionEditor

    decision_id = page.model.decision_id(0) or 1
    times = []
    for _round in range(5):
        began = time.perf_counter()
        editor = DecisionEditor(context, decision_id, window)
        while editor.snapshot is None:
            app.processEvents()
            time.sleep(0.0005)
        editor.show()
        app.processEvents()
        times.append(time.perf_counter() - began)
        editor.deleteLater()
    result["editor_median"] = statistics.median(times)
    context.runner.wait()
    result["peak_mb"] = peak_mb()
    return result


def _settled(page: object) -> bool:
    model = page.model  # type: ignore[attr-defined]
    return not model.context.runner.busy and (model.rowCount() == 0 or model.is_row_loaded(0))


def in_fresh_process(*args: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    output = subprocess.run(
        [sys.executable, __file__, "--measure", *args], capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "secretariat-bench"))
    parser.add_argument("--measure", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        kind = args.measure[0]
        result = measure_floor() if kind == "floor" else measure_start(args.measure[1])
        print(json.dumps(result))
        return 0
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    os.environ["SECRETARIAT_CONFIG_DIR"] = str(work / "config")
    demo = demo_database(work)
    began = time.perf_counter()
    large = large_database(work, args.decisions)
    print(f"large database ready in {time.perf_counter() - began:.1f} s: {large}")
    floor = min((in_fresh_process("floor") for _ in range(3)), key=lambda r: r["seconds"])
    demo_run = in_fresh_process("start", str(demo))
    large_run = in_fresh_process("start", str(large))
    base = floor["seconds"]

    def line(label: str, seconds: float, target: float) -> None:
        verdict = "ok" if seconds <= target else "OVER"
        print(
            f"{label:<44} {seconds * 1000:8.0f} ms  {seconds / base:5.1f}× floor  (target {target * 1000:.0f} ms: {verdict})"
        )

    print(f"{'floor: bare QMainWindow + empty QTableView':<44} {base * 1000:8.0f} ms  {1:5.1f}× floor")
    line("start to usable window, demo database", demo_run["seconds"], 1.0)
    line(f"start to usable window, {int(large_run['rows']):,} decisions", large_run["seconds"], 1.0)
    line("filter, first keystroke, large", large_run["filter_first"], 0.1)
    line("filter per keystroke (median), large", large_run["filter_median"], 0.1)
    line("filter per keystroke (worst), large", large_run["filter_max"], 0.1)
    line(
        f"one region's late ({int(large_run['executor_late_rows']):,}), large",
        large_run["executor_late"],
        0.1,
    )
    line(
        f"one region's stalled ({int(large_run['executor_stalled_rows']):,}), large",
        large_run["executor_stalled"],
        0.1,
    )
    line("open the decision editor (median), large", large_run["editor_median"], 0.15)
    print(
        f"{'peak memory, large database':<44} {large_run['peak_mb']:8.0f} MB  "
        f"{large_run['peak_mb'] / floor['peak_mb']:5.1f}× floor ({floor['peak_mb']:.0f} MB)  (target 300 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
