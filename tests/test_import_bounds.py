"""A spreadsheet is measured before it is read: a tiny file whose one cell sits far away is
refused at once and cheaply instead of making the reader lay out billions of cells, and in the
window the reader runs in a process of its own, so even a reader that aborts leaves it up."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from secretariat_app.core.db import Database
from secretariat_app.exchange import ImportFileError, isolated, plan_import
from secretariat_app.exchange.files import read_file
from secretariat_app.ui.import_dialog import ImportDialog
from tests.exchange_files import aborting_reader, far_cell_ods, far_cell_xlsx
from tests.ui_helpers import make_context

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("cell", "dimension"),
    [
        ("XFD1048576", True),
        ("XFD1048576", False),
        ("XFD5000", False),
        ("ALL20000", False),
        ("A400000", False),
    ],
)
def test_a_far_cell_is_refused_before_the_sheet_is_read(
    database: Database, tmp_path: Path, cell: str, dimension: bool
) -> None:
    path = far_cell_xlsx(tmp_path / "far.xlsx", cell, dimension=dimension)
    assert path.stat().st_size < 5000
    started = time.perf_counter()
    plan = plan_import(database, path)
    assert time.perf_counter() - started < 1.0
    [problem] = plan.problems
    assert problem.sheet == "" and "decisions" in problem.message("en")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from Linux's /proc")
def test_the_far_cell_workbook_exits_2_quickly_and_small(database: Database, tmp_path: Path) -> None:
    """The 4.7 KB workbook of the issue made the reader abort the process (exit 134)."""
    path = far_cell_xlsx(tmp_path / "far.xlsx", "XFD1048576", dimension=False)
    peak_file = tmp_path / "peak"
    command = (  # the process's own peak (VmHWM: ru_maxrss would count pytest's, kept across exec)
        "import sys, time\n"
        "from secretariat_app.cli.main import main\n"
        "started = time.perf_counter()\n"
        "code = main(sys.argv[2:])\n"
        "seconds = time.perf_counter() - started\n"
        "peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "open(sys.argv[1], 'w').write(f'{peak} {seconds}')\n"
        "sys.exit(code)\n"
    )
    target = str(database.path) if database.path else database.url.render_as_string(hide_password=False)
    args = ["--db", target, "--lang", "en", "import", str(path), "--dry-run"]
    done = subprocess.run(
        [sys.executable, "-c", command, str(peak_file), *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "reaches row 1048576, column XFD" in done.stderr
    peak, seconds = peak_file.read_text().split()
    assert int(peak) / 1024 < 200  # kilobytes
    assert float(seconds) < 1.0  # the command's own work, after Python and the app's modules start


def test_an_ods_whose_repeated_cells_reach_far_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="XFD"):
        read_file(far_cell_ods(tmp_path / "far.ods", rows=5000, columns=16383))
    with pytest.raises(ImportFileError, match="300000"):
        read_file(far_cell_ods(tmp_path / "long.ods", rows=400_000, columns=2))


def test_workbooks_within_the_limits_are_read_as_before(tmp_path: Path) -> None:
    """LibreOffice writes empty rows repeated to the end of every sheet: those are no cells."""
    for name in ("libreoffice.ods", "libreoffice.xlsx"):
        sheets = {sheet.name: sheet for sheet in read_file(DATA / name)}
        assert len(sheets["decisions"].rows) == 3
    rows = read_file(far_cell_ods(tmp_path / "near.ods", rows=10, columns=3))[0].rows
    assert len(rows) == 10 and rows[0][1][1:] == [1.0, 1.0, 1.0]


def test_a_reader_that_aborts_in_its_own_process_is_a_problem_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = DATA / "libreoffice.xlsx"
    assert [s.name for s in isolated.read_in_child(path)] == [s.name for s in read_file(path)]
    with pytest.raises(ImportFileError, match="XFD"):
        isolated.read_in_child(far_cell_xlsx(tmp_path / "far.xlsx", "XFD1048576"))
    monkeypatch.setattr(isolated, "CHILD_READER", aborting_reader)
    with pytest.raises(ImportFileError) as refused:
        isolated.read_in_child(path)
    assert refused.value.msgid.startswith("The file could not be read: the spreadsheet reader stopped")


def test_the_window_survives_a_reader_that_aborts(
    qtbot: QtBot, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(isolated, "CHILD_READER", aborting_reader)
    dialog = ImportDialog(make_context(database))
    qtbot.addWidget(dialog)
    dialog.set_file(DATA / "libreoffice.xlsx")
    dialog.check()
    assert dialog.plan is not None and len(dialog.plan.problems) == 1
    assert "spreadsheet reader stopped" in dialog.plan.problems[0].message("en")
    assert not dialog.import_button.isEnabled()
    monkeypatch.setattr(isolated, "CHILD_READER", read_file)  # the same window checks the next file
    dialog.set_file(far_cell_xlsx(tmp_path / "far.xlsx", "XFD1048576"))
    dialog.check()
    assert dialog.plan is not None and "XFD" in dialog.plan.problems[0].message("en")


@pytest.mark.parametrize(
    "wide_rows",
    [
        b'<row r="2">' + b"<c><v>1</v></c>" * 150 + b"</row>",
        # a place inside another attribute's value is no place
        b'<row r="2">' + b"<c x='r=\"A2\"'><v>1</v></c>" * 150 + b"</row>",
        # as many cells placed after a tab do not make up for those without a place
        b'<row r="2">' + b"<c/>" * 150 + b'</row><row r="3">' + b'<c\tr="A3"/>' * 150 + b"</row>",
    ],
)
def test_cells_that_do_not_name_their_place_are_counted_too(tmp_path: Path, wide_rows: bytes) -> None:
    """Writers name every cell's place (r="B7"); a sheet whose cells do not is counted element by
    element, as the reader places them one after the other."""
    import zipfile

    path = far_cell_xlsx(tmp_path / "wide.xlsx", "B2")
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = sheet.replace(b'<row r="2"><c r="B2"><v>1</v></c></row>', wide_rows)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(ImportFileError, match="CW"):
        read_file(path)


def test_the_cells_of_all_sheets_together_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader holds every sheet's cells twice over (its own copy and Python's): the whole
    workbook's rectangles are counted against one budget, which keeps an import under 400 MB."""
    from secretariat_app.exchange import files

    sheets = {sheet.name: sheet for sheet in read_file(DATA / "libreoffice.xlsx")}
    assert sum(len(s.rows) + 1 for s in sheets.values()) * 7 < 100
    monkeypatch.setattr(files, "MAX_CELLS_PER_FILE", 20)
    with pytest.raises(ImportFileError, match="20"):
        read_file(DATA / "libreoffice.xlsx")


def test_an_xls_whose_one_cell_sits_far_is_refused_and_a_plain_one_is_read(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    """Both files were made once with xlwt 1.3.0 (far-cell.xls: one cell at IV65536, which made
    the reader take a gigabyte)."""
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="IV"):
        read_file(DATA / "far-cell.xls")
    assert time.perf_counter() - started < 1.0
    plan = plan_import(demo_sqlite, DATA / "excel97.xls")
    assert plan.problems == [] and plan.counts["decisions"].added == 2
