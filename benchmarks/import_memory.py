"""Peak memory of ``secretariat-app import`` on the largest files the import accepts.

    PYTHONPATH=. python benchmarks/import_memory.py [--kind csv,xlsx,far-cell] [--keep DIR] [--dry-run]

Each file is imported by a real ``secretariat-app import`` process into a fresh SQLite database,
and that process's peak resident memory is read from the operating system
(``getrusage(RUSAGE_CHILDREN)`` of a small parent that starts only that process). The files:

* csv      — the largest CSV within the limits: 300,000 decisions (the row limit) in 30 forums,
  just under 100 MB (the size limit), texts in Russian and Kazakh;
* xlsx     — the import benchmark's workbook (``import_bench.generate``) at 29,000 decisions:
  about 1.48 million cells, just under the 1.5 million the import accepts;
* xlsx-text — the CSV's table as a workbook: 214,000 decisions of seven columns (the cell limit),
  texts in Russian and Kazakh;
* far-cell — the 4.7 KB workbook whose one cell sits at ``XFD1048576`` (refused, exit 2); also
  printed: the seconds of ``secretariat-app --version`` (the process's start alone).

Each accepted file is then imported again into the same database ("again": every record is
compared with its stored one, nothing changes). Prints seconds, peak MB and the exit code of each (target: ≤ 400 MB for an accepted file; the
far-cell workbook refused in under a second and under 200 MB).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV_ROWS = 300_000
CSV_FORUMS = 30
CSV_LIMIT_BYTES = 100 * 1024 * 1024
XLSX_DECISIONS = 29_000
#: Seven columns a row: the most rows the 1.5 million cells allow, the forums' sheet besides.
XLSX_TEXT_ROWS = 214_000
SECTORS = ["transport", "trade", "industry", "energy", "agriculture", "education", "culture", "health"]
STATUSES = ["not_started", "in_progress", "partial", "implemented", "no_info"]

#: Runs the command given as its arguments and prints its exit code, seconds and peak kilobytes:
#: the only child of this small process, so RUSAGE_CHILDREN is that command's peak alone.
_MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(json.dumps({
    "code": done.returncode, "seconds": time.perf_counter() - started,
    "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "stderr": done.stderr[-2000:],
}))
"""


def _app(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "secretariat_app", "--db", str(db), "--lang", "en", *args]


def measure(command: list[str]) -> dict[str, object]:
    output = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return {**json.loads(output.stdout), "command": command}


def _forum_start(number: int) -> dt.date:
    return dt.date(1995 + number, 9, 1)


def write_forums(path: Path, forums: int) -> None:
    """A workbook of ``forums`` forums alone: a CSV holds decisions only, so they come first."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("forums")
    sheet.append(["number", "city_ru", "city_kk", "country", "start_date"])
    for number in range(1, forums + 1):
        sheet.append(
            [number, f"Город {number}", f"Қала {number}", "KZ" if number % 2 else "RU", _forum_start(number)]
        )
    workbook.save(path)


def write_largest_csv(path: Path, rows: int = CSV_ROWS, forums: int = CSV_FORUMS) -> None:
    """``rows`` decisions whose texts are as long as the size limit allows (UTF-8 with BOM and
    semicolons, as the export writes)."""
    per_forum = -(-rows // forums)
    budget = (CSV_LIMIT_BYTES - 1024 * 1024) // rows  # bytes per line, a megabyte to spare
    filler_ru, filler_kk = "приграничного сотрудничества ", "шекара маңы ынтымақтастығы "
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["forum", "code", "text_ru", "text_kk", "sector", "deadline", "status"])
        for made in range(rows):
            forum, item = made // per_forum + 1, made % per_forum
            code = f"{item // 100 + 1}.{item % 100 + 1}"
            deadline = (_forum_start(forum) + dt.timedelta(days=365 + made % 700)).strftime("%d.%m.%Y")
            head = [str(forum), code]
            tail = [SECTORS[made % len(SECTORS)], deadline, STATUSES[made % len(STATUSES)]]
            ru = f"Обеспечить развитие № {made} "
            kk = f"№ {made} дамуын қамтамасыз ету "
            used = len(";".join([*head, ru, kk, *tail]).encode()) + 2
            room = max(0, budget - used) // 2  # Cyrillic: two bytes a letter, half for each text
            ru += (filler_ru * (room // len(filler_ru.encode()) + 1))[: room // 2]
            kk += (filler_kk * (room // len(filler_kk.encode()) + 1))[: room // 2]
            writer.writerow([*head, ru.strip(), kk.strip(), *tail])


def run_csv(folder: Path, dry_run: bool) -> dict[str, object]:
    data = folder / "largest.csv"
    if not data.exists():
        write_largest_csv(data)
    db = _fresh_db(folder / "csv.sqlite3")
    forums = folder / "forums.xlsx"
    write_forums(forums, CSV_FORUMS)
    subprocess.run(_app(db, "import", str(forums)), check=True, capture_output=True, cwd=ROOT)
    result = measure(_app(db, "import", str(data), *(["--dry-run"] if dry_run else [])))
    result["file_mb"] = data.stat().st_size / (1024 * 1024)
    return result


def run_xlsx(folder: Path, dry_run: bool) -> dict[str, object]:
    from benchmarks.import_bench import generate

    data = folder / f"largest-{XLSX_DECISIONS}.xlsx"
    if not data.exists():
        generate(data, XLSX_DECISIONS)
    db = _fresh_db(folder / "xlsx.sqlite3")
    result = measure(_app(db, "import", str(data), *(["--dry-run"] if dry_run else [])))
    result["file_mb"] = data.stat().st_size / (1024 * 1024)
    return result


def write_text_workbook(path: Path, rows: int = XLSX_TEXT_ROWS, forums: int = CSV_FORUMS) -> None:
    """The CSV's decisions as a workbook: as many rows as the cell limit allows at seven columns,
    with texts as long as the unpacked-size limit allows (the most text a workbook can bring)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("forums")
    sheet.append(["number", "city_ru", "city_kk", "country", "start_date"])
    for number in range(1, forums + 1):
        sheet.append(
            [number, f"Город {number}", f"Қала {number}", "KZ" if number % 2 else "RU", _forum_start(number)]
        )
    decisions = workbook.create_sheet("decisions")
    decisions.append(["forum", "code", "text_ru", "text_kk", "sector", "deadline", "status"])
    per_forum = -(-rows // forums)
    for made in range(rows):
        forum, item = made // per_forum + 1, made % per_forum
        ru = f"Обеспечить развитие № {made} приграничного сотрудничества регионов"
        kk = f"Өңірлердің шекара маңы ынтымақтастығын дамыту № {made}"
        decisions.append([
            forum, f"{item // 100 + 1}.{item % 100 + 1}", ru, kk, SECTORS[made % len(SECTORS)],
            _forum_start(forum) + dt.timedelta(days=365 + made % 700), STATUSES[made % len(STATUSES)],
        ])  # fmt: skip
    workbook.save(path)


def run_xlsx_text(folder: Path, dry_run: bool) -> dict[str, object]:
    data = folder / f"largest-text-{XLSX_TEXT_ROWS}.xlsx"
    if not data.exists():
        write_text_workbook(data)
    with zipfile.ZipFile(data) as archive:
        inflated = sum(member.file_size for member in archive.infolist())
    print(f"xlsx-text: {inflated / (1024 * 1024):.0f} MB unpacked")
    db = _fresh_db(folder / "xlsx-text.sqlite3")
    result = measure(_app(db, "import", str(data), *(["--dry-run"] if dry_run else [])))
    result["file_mb"] = data.stat().st_size / (1024 * 1024)
    return result


def run_far_cell(folder: Path, dry_run: bool) -> dict[str, object]:
    from tests.exchange_files import far_cell_xlsx

    data = far_cell_xlsx(folder / "far-cell.xlsx", "XFD1048576", dimension=False)
    db = _fresh_db(folder / "far.sqlite3")
    result = measure(_app(db, "import", str(data), *(["--dry-run"] if dry_run else [])))
    result["file_mb"] = data.stat().st_size / (1024 * 1024)
    # the same process's start alone (Python, the app's modules, the parser): what is left of the
    # seconds above is the refusal itself
    started = measure(_app(db, "--version"))
    print(
        f"{'start':<10}{'':>8}{started['code']:>6}{started['seconds']:>10.2f}{int(str(started['peak_kb'])) / 1024:>10.0f}"
    )
    return result


def _fresh_db(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    subprocess.run(_app(db, "init"), check=True, capture_output=True, cwd=ROOT)
    return db


def _print(name: str, result: dict[str, object], note: str) -> None:
    print(
        f"{name:<16}{result['file_mb']:>8.2f}{result['code']:>6}{result['seconds']:>10.2f}"
        f"{int(str(result['peak_kb'])) / 1024:>10.0f}{note}"
    )
    if result["code"] not in (0, 2):
        print(result["stderr"], file=sys.stderr)


RUNS = {"csv": run_csv, "xlsx": run_xlsx, "xlsx-text": run_xlsx_text, "far-cell": run_far_cell}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kind", default="csv,xlsx,far-cell", help="which files, comma-separated")
    parser.add_argument("--keep", type=Path, help="folder to keep the files in (generated once)")
    parser.add_argument("--dry-run", action="store_true", help="import --dry-run: check, write nothing")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="import-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'file':<16}{'MB':>8}{'exit':>6}{'seconds':>10}{'peak MB':>10}")
    for kind in options.kind.split(","):
        started = time.perf_counter()
        result = RUNS[kind](folder, options.dry_run)
        _print(kind, result, f"   (with generating: {time.perf_counter() - started:.0f} s)")
        if kind != "far-cell" and not options.dry_run:  # the same file again: everything is compared
            again = measure(result["command"])  # type: ignore[arg-type]
            again["file_mb"] = result["file_mb"]
            _print(f"{kind} again", again, "")
    print("targets: an accepted file ≤ 400 MB; the far-cell workbook refused (exit 2) in < 1 s and < 200 MB")


if __name__ == "__main__":
    main()
