"""How fast and how lean a large import is, beside the floor of merely parsing the same file.

    PYTHONPATH=. python benchmarks/import_bench.py [--decisions 20000] [--keep DIR] [--profile] [--runs 3]

Generates a workbook of N decisions (3 assignments and 3 progress entries each) and measures, each
in its own process so peak memory is that step's alone:

* floor    — python-calamine reading every sheet of the file, nothing else;
* import   — ``plan_import`` + ``apply_import`` into a fresh SQLite database;
* re-import — the same file again into that database (nothing changes).

Prints seconds, peak resident MB, and the ratios to the floor (targets: ≤ 4× the floor in time,
≤ 400 MB). ``--profile`` prints the top of a cProfile of the import.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS_RU = [
    "RU-ORE",
    "RU-SAR",
    "RU-AST",
    "RU-VGG",
    "RU-CHE",
    "RU-KGN",
    "RU-TYU",
    "RU-OMS",
    "RU-NVS",
    "RU-AL",
]
REGIONS_KZ = ["KZ-15", "KZ-27", "KZ-23", "KZ-55", "KZ-39", "KZ-59", "KZ-63"]
STATUSES = ["not_started", "in_progress", "partial", "implemented", "no_info"]
SECTORS = ["transport", "trade", "industry", "energy", "agriculture", "education", "culture", "health"]


def generate(path: Path, decisions: int) -> None:
    from openpyxl import Workbook

    forums_count = max(1, decisions // 1000)
    per_forum = -(-decisions // forums_count)
    workbook = Workbook(write_only=True)
    forums = workbook.create_sheet("forums")
    forums.append(
        ["number", "year", "city_ru", "city_kk", "country", "start_date", "end_date", "theme_ru", "theme_kk"]
    )
    starts = {}
    for number in range(1, forums_count + 1):
        start = dt.date(2000 + number, 9, 1)
        starts[number] = start
        forums.append(
            [
                number,
                start.year,
                f"Город {number}",
                f"Қала {number}",
                "RU" if number % 2 else "KZ",
                start,
                start + dt.timedelta(days=1),
                "Тема",
                "Тақырып",
            ]
        )
    sheet_d = workbook.create_sheet("decisions")
    sheet_d.append(
        ["forum", "code", "text_ru", "text_kk", "text_en", "sector", "deadline", "status", "repeats"]
    )
    sheet_a = workbook.create_sheet("assignments")
    sheet_a.append(["forum", "code", "executor", "role", "status", "note"])
    sheet_p = workbook.create_sheet("progress")
    sheet_p.append(["forum", "code", "date", "status", "note_ru", "note_kk", "source", "executor"])
    made = 0
    for number in range(1, forums_count + 1):
        for item in range(per_forum):
            if made == decisions:
                break
            made += 1
            code = f"{item // 10 + 1}.{item % 10 + 1}"
            start = starts[number]
            sheet_d.append([
                number, code,
                f"Обеспечить выполнение мероприятия № {made} по развитию приграничного сотрудничества регионов.",
                f"Өңірлердің шекара маңы ынтымақтастығын дамыту жөніндегі № {made} іс-шараның орындалуын қамтамасыз ету.",
                "", SECTORS[made % len(SECTORS)], start + dt.timedelta(days=365), STATUSES[made % 2], "",
            ])  # fmt: skip
            executors = [REGIONS_RU[made % 10], REGIONS_KZ[made % 7], REGIONS_RU[(made + 3) % 10]]
            for position, executor in enumerate(executors):
                sheet_a.append(
                    [
                        number,
                        code,
                        executor,
                        "lead" if position == 0 else "co-executor",
                        STATUSES[(made + position) % 5],
                        "",
                    ]
                )
                sheet_p.append([
                    number, code, start + dt.timedelta(days=30 * (position + 1)), STATUSES[(made + position) % 5],
                    f"Проведено совещание, подготовлен план работ ({made}).", "Кеңес өткізілді.", f"{made}-{position}/24",
                    executor,
                ])  # fmt: skip
    workbook.save(path)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_floor(path: Path) -> dict[str, float]:
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    workbook = CalamineWorkbook.from_path(str(path))
    rows = sum(len(workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "rows": rows}


def measure_import(path: Path, db: Path, profile: bool) -> dict[str, float]:
    from secretariat_app.core.db import open_database
    from secretariat_app.core.setup import seed_directories
    from secretariat_app.exchange import apply_import, plan_import

    database = open_database(db, actor="bench")
    seed_directories(database)

    def run() -> dict[str, int]:
        plan = plan_import(database, path)
        if plan.problems:
            raise SystemExit("\n".join(p.describe("en") for p in plan.problems[:10]))
        summary = apply_import(database, plan)
        return {k: c.added + c.updated for k, c in summary.counts.items()}

    started = time.perf_counter()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        written = profiler.runcall(run)
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(25)
    else:
        written = run()
    seconds = time.perf_counter() - started
    database.dispose()
    return {"seconds": seconds, "peak_mb": _peak_mb(), "written": sum(written.values())}


def _child(step: str, *args: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--step", step, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if output.stderr.strip():
        print(output.stderr, file=sys.stderr)
    return dict(json.loads(output.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--decisions", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the workbook and database in")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--runs", type=int, default=1, help="repeat the three steps and also print the median ratios"
    )
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.step == "floor":
        print(json.dumps(measure_floor(Path(options.args[0]))))
        return
    if options.step == "import":
        print(
            json.dumps(
                measure_import(Path(options.args[0]), Path(options.args[1]), options.args[2:] == ["profile"])
            )
        )
        return
    folder = options.keep or Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    workbook = folder / f"bench-{options.decisions}.xlsx"
    if not workbook.exists():
        started = time.perf_counter()
        generate(workbook, options.decisions)
        print(
            f"generated {workbook} ({workbook.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s"
        )
    db = folder / "bench.sqlite3"
    ratios: list[tuple[float, float]] = []
    for _run in range(options.runs):
        ratios.append(_run_steps(workbook, db, options.profile))
    if options.runs > 1:  # a shared machine is noisy: the median of the runs is what to report
        print(
            f"median of {options.runs} runs: import {statistics.median(r[0] for r in ratios):.2f}× "
            f"the floor, re-import {statistics.median(r[1] for r in ratios):.2f}×"
        )
    print("targets: import and re-import ≤ 4× the floor and ≤ 400 MB")


def _run_steps(workbook: Path, db: Path, profile: bool) -> tuple[float, float]:
    """The floor, an import into a new database and a re-import; their ratios to the floor."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    floor = _child("floor", str(workbook))
    extra = ["profile"] if profile else []
    first = _child("import", str(workbook), str(db), *extra)
    again = _child("import", str(workbook), str(db), *extra)
    print(f"{'step':<12}{'seconds':>10}{'peak MB':>10}{'× floor':>10}")
    for name, result in (("floor", floor), ("import", first), ("re-import", again)):
        print(
            f"{name:<12}{result['seconds']:>10.2f}{result['peak_mb']:>10.0f}"
            f"{result['seconds'] / floor['seconds']:>10.2f}"
        )
    print(
        f"rows parsed: {floor['rows']:.0f}; records written: import {first['written']:.0f}, re-import {again['written']:.0f}"
    )
    return first["seconds"] / floor["seconds"], again["seconds"] / floor["seconds"]


if __name__ == "__main__":
    main()
