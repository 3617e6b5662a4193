"""How fast is the progress report, against the floor of what ReportLab needs to typeset its text?

    PYTHONPATH=. python benchmarks/report_bench.py                 # N = 2,000 and 20,000
    PYTHONPATH=. python benchmarks/report_bench.py --sizes 2000 --profile

For each N it builds (once, cached in --folder) a synthetic database of N decisions — texts of
150–600 characters in Russian and Kazakh, 3 executors and 3 progress entries (with notes in both
languages) each — with set-based inserts, then runs in separate processes, so that each peak is
its own:

* **report**: the whole ``secretariat-app report --forum F`` command (after Python's start-up);
* **floor**: one bare ReportLab ``LongTable`` (two columns, ru | kk, same fonts and size) holding
  the text the report prints — each decision it describes (overdue, no news, open, implemented since
  the previous forum) once, with its executors and progress notes.

It prints seconds, pages, pages/s and peak MB (max RSS) of each, and the report's ratio to the
floor. ``--docx`` also times the Word edition (``report --format docx``, same data; Word counts
its pages when it opens the file, so none are printed) and prints its ratio to the PDF report. Targets: ratio ≤ 1.5 and ≤ 500 MB at 20,000; time linear in N. ``--profile`` prints where
the report's time goes (cProfile, top functions by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import pstats
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

AS_OF = dt.date(2026, 11, 25)
FORUMS = 10  # the report is for forum FIRST + FORUMS and covers the FORUMS before it
FIRST = 1

_RU_TEXT = (
    "обеспечить развитие сотрудничества приграничных регионов в сфере транспорта логистики торговли "
    "образования здравоохранения экологии туризма промышленности энергетики сельского хозяйства "
    "совместных проектов пунктов пропуска инфраструктуры соглашения программы мероприятий "
    "межрегионального взаимодействия предприятий инвестиций научных центров культурного обмена"
)
_KK_TEXT = (
    "шекара маңы өңірлерінің ынтымақтастығын дамытуды қамтамасыз ету көлік логистика сауда білім "
    "денсаулық сақтау экология туризм өнеркәсіп энергетика ауыл шаруашылығы бірлескен жобалар "
    "өткізу пункттері инфрақұрылым келісім бағдарлама іс-шаралар өңіраралық өзара іс-қимыл "
    "кәсіпорындар инвестициялар ғылыми орталықтар мәдени алмасу Қазақстан Ресей әзірлеу"
)
_RU_WORDS = _RU_TEXT.split()
_KK_WORDS = _KK_TEXT.split()
_STATUSES = ("not_started", "in_progress", "partial", "implemented", "no_info")


def _sentence(rng: random.Random, words: tuple[str, ...] | list[str], low: int, high: int) -> str:
    target = rng.randint(low, high)
    parts: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(words)
        parts.append(word)
        length += len(word) + 1
    text = " ".join(parts)[:target].rstrip()
    return text[0].upper() + text[1:] + "."


def build_database(path: Path, count: int) -> None:
    """A migrated database with ``count`` decisions, written with a handful of bulk inserts."""
    from secretariat_app.core import rules
    from secretariat_app.core.db import open_database
    from secretariat_app.core.models import (
        Assignment,
        Decision,
        DecisionText,
        Executor,
        Forum,
        ProgressEntry,
        ProgressNote,
        Sector,
    )
    from secretariat_app.core.setup import seed_directories

    database = open_database(path, actor="benchmark")
    seed_directories(database)
    rng = random.Random(count)
    with database.session() as session:
        executors = list(session.scalars(select(Executor.id)))
        sectors = list(session.scalars(select(Sector.id)))
        forums: list[dict[str, Any]] = []
        for index in range(FORUMS + 1):
            start = AS_OF.replace(year=AS_OF.year - FORUMS + index) + dt.timedelta(days=60)
            forums.append(
                {
                    "id": index + 1,
                    "number": FIRST + index,
                    "year": start.year,
                    "city_ru": f"Город {index + 1}",
                    "city_kk": f"Қала {index + 1}",
                    "country": "KZ" if index % 2 else "RU",
                    "start_date": start,
                    "end_date": start + dt.timedelta(days=1),
                    "version": 1,
                }
            )
        session.execute(insert(Forum), forums)
        decisions: list[dict[str, Any]] = []
        texts: list[dict[str, Any]] = []
        assignments: list[dict[str, Any]] = []
        entries: list[dict[str, Any]] = []
        notes: list[dict[str, Any]] = []
        per_forum = -(-count // FORUMS)
        for number in range(count):
            decision_id = number + 1
            forum = forums[number // per_forum]
            code = f"{1 + (number % per_forum) // 10}.{1 + number % 10}"
            chosen = rng.sample(executors, 3)
            statuses = [rng.choice(_STATUSES) for _ in chosen]
            deadline = forum["start_date"] + dt.timedelta(days=rng.choice((180, 365, 540)))
            status = rules.decision_status("not_started", statuses).value
            decisions.append(
                {
                    "id": decision_id,
                    "forum_id": forum["id"],
                    "code": code,
                    "code_sort": rules.code_sort_key(code),
                    "sector_id": rng.choice(sectors),
                    "deadline": deadline,
                    "own_status": "not_started",
                    "status": status,
                    "version": 1,
                }
            )
            for lang, words in (("ru", _RU_WORDS), ("kk", _KK_WORDS)):
                text = _sentence(rng, words, 150, 600)
                texts.append(
                    {"decision_id": decision_id, "lang": lang, "text": text, "folded": text.casefold()}
                )
            for position, (executor_id, executor_status) in enumerate(zip(chosen, statuses, strict=True)):
                assignments.append(
                    {
                        "decision_id": decision_id,
                        "executor_id": executor_id,
                        "role": "lead" if position == 0 else "co-executor",
                        "status": executor_status,
                        "note": "",
                        "version": 1,
                    }
                )
                entry_id = len(entries) + 1
                day = forum["end_date"] + dt.timedelta(days=rng.randint(10, 300))
                entries.append(
                    {
                        "id": entry_id,
                        "decision_id": decision_id,
                        "executor_id": executor_id,
                        "entry_date": min(day, AS_OF),
                        "status": executor_status,
                        "letter_number": f"{rng.randint(1, 40)}-{rng.randint(1, 9)}/{rng.randint(100, 999)}",
                        "letter_date": min(day, AS_OF) - dt.timedelta(days=5),
                        "entered_by": "benchmark",
                    }
                )
                for lang, words in (("ru", _RU_WORDS), ("kk", _KK_WORDS)):
                    notes.append(
                        {
                            "entry_id": entry_id,
                            "lang": lang,
                            "done": _sentence(rng, words, 40, 120),
                            "obstacles": "",
                            "next_steps": "",
                        }
                    )
        for model, rows in (
            (Decision, decisions),
            (DecisionText, texts),
            (Assignment, assignments),
            (ProgressEntry, entries),
            (ProgressNote, notes),
        ):
            session.execute(insert(model), rows)
    database.dispose()


# --- the two measurements, each in its own process ---------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_report(db: Path, out: Path, profile: bool) -> dict[str, Any]:
    from pypdf import PdfReader

    from secretariat_app.cli.main import main

    argv = ["--db", str(db), "report", "--forum", str(FIRST + FORUMS), "--as-of", AS_OF.isoformat()]
    argv += ["--out", str(out)]
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    code = main(argv)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    assert code == 0, code
    result: dict[str, Any] = {"seconds": seconds, "pages": len(PdfReader(out).pages), "peak_mb": _peak_mb()}
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(18)
        result["profile"] = stream.getvalue()
    return result


def measure_docx(db: Path, out: Path) -> dict[str, Any]:
    """The Word edition of the same report: ``report --format docx``."""
    from secretariat_app.cli.main import main

    argv = ["--db", str(db), "report", "--forum", str(FIRST + FORUMS), "--as-of", AS_OF.isoformat()]
    start = time.perf_counter()
    code = main([*argv, "--format", "docx", "--out", str(out)])
    seconds = time.perf_counter() - start
    assert code == 0, code
    return {"seconds": seconds, "peak_mb": _peak_mb(), "bytes": out.stat().st_size}


def floor_rows(db: Path) -> list[tuple[str, str]]:
    """The text the report prints, per decision row: text, executors, progress notes (escaped)."""
    from xml.sax.saxutils import escape

    from secretariat_app.core.db import open_database
    from secretariat_app.core.services.report_data import progress_report_data

    database = open_database(db, create=False)
    with database.reader() as session:
        data = progress_report_data(session, FIRST + FORUMS, AS_OF)
    database.dispose()
    names = data.directory.executors
    rows = []
    # each decision once, as the report describes it: the overdue list, the no-news list, the other
    # open decisions by forum, what was implemented since the previous forum
    described: set[int] = set()
    once = []
    for decision in [*data.overdue, *data.stalled, *data.open_decisions, *data.implemented_since]:
        if decision.id not in described:
            described.add(decision.id)
            once.append(decision)
    for decision in once:
        cells = []
        for lang in ("ru", "kk"):
            parts = [decision.texts.get(lang, "")]
            parts.append("; ".join(names[a.executor_id].name(lang) for a in decision.assignments))
            for entry in decision.progress[:3]:
                note = entry.notes.get(lang)
                parts.append(f"{entry.entry_date} {note.done if note else ''} {entry.letter_number}")
            cells.append("<br/>".join(escape(p) for p in parts))
        rows.append((cells[0], cells[1]))
    return rows


def measure_floor(db: Path, out: Path) -> dict[str, Any]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

    from secretariat_app.reports.fonts import REGULAR, register_fonts

    rows = floor_rows(db)
    start = time.perf_counter()
    register_fonts()
    style = ParagraphStyle("floor", fontName=REGULAR, fontSize=9, leading=11.4)  # the report's table text
    width = (A4[0] - 35 * mm) / 2
    table = LongTable(
        [[Paragraph(ru, style), Paragraph(kk, style)] for ru, kk in rows],
        colWidths=[width, width],
        repeatRows=0,
    )
    document = SimpleDocTemplate(str(out), pagesize=A4, invariant=1)
    document.build([table])
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "pages": document.page, "peak_mb": _peak_mb(), "rows": len(rows)}


def _child(
    kind: str, db: Path, out: Path, profile: bool, limit: float | None = None
) -> dict[str, Any] | None:
    """One measurement in a fresh process; None when it ran past ``limit`` seconds."""
    command = [sys.executable, __file__, "--child", kind, "--db", str(db), "--out", str(out)]
    if profile:
        command.append("--profile")
    try:
        done = subprocess.run(command, check=True, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--folder", default="/tmp/secretariat-report-bench")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--floor-limit",
        type=float,
        default=900,
        help="stop the floor after this many seconds (one LongTable re-splits every remaining row at each page)",
    )
    parser.add_argument("--docx", action="store_true", help="also time the Word edition")
    parser.add_argument("--child", choices=("report", "floor", "docx"))
    parser.add_argument("--db")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        db, out = Path(args.db), Path(args.out)
        if args.child == "docx":
            result = measure_docx(db, out)
        else:
            result = (
                measure_report(db, out, args.profile) if args.child == "report" else measure_floor(db, out)
            )
        print(json.dumps(result))
        return 0
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'N':>7} {'what':>6} {'seconds':>8} {'pages':>6} {'pages/s':>8} {'peak MB':>8} {'ratio':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        db = folder / f"bench-{size}.sqlite3"
        if not db.exists():
            started = time.perf_counter()
            build_database(db, size)
            print(f"  (built {db.name} in {time.perf_counter() - started:.1f} s)")
        floor = _child("floor", db, folder / f"floor-{size}.pdf", False, args.floor_limit)
        report = _child("report", db, folder / f"report-{size}.pdf", args.profile)
        assert report is not None
        if floor is None:
            print(
                f"{size:>7} {'floor':>6} {'>' + format(args.floor_limit, '.0f'):>8} (stopped: did not finish)"
            )
            ratio = f"<{report['seconds'] / args.floor_limit:.2f}"
        else:
            print(
                f"{size:>7} {'floor':>6} {floor['seconds']:>8.2f} {floor['pages']:>6} "
                f"{floor['pages'] / floor['seconds']:>8.1f} {floor['peak_mb']:>8.0f} {1.0:>6.2f}"
            )
            ratio = f"{report['seconds'] / floor['seconds']:.2f}"
        print(
            f"{size:>7} {'report':>6} {report['seconds']:>8.2f} {report['pages']:>6} "
            f"{report['pages'] / report['seconds']:>8.1f} {report['peak_mb']:>8.0f} {ratio:>6}"
        )
        if args.docx:
            word = _child("docx", db, folder / f"report-{size}.docx", False)
            assert word is not None
            print(
                f"{size:>7} {'docx':>6} {word['seconds']:>8.2f} {'-':>6} {'-':>8} {word['peak_mb']:>8.0f} "
                f"{word['seconds'] / report['seconds']:>6.2f}  (ratio to the PDF report; {word['bytes'] / 1e6:.1f} MB)"
            )
        if "profile" in report:
            print(report["profile"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
