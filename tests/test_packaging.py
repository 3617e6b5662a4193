"""The package carries everything the app reads at run time, so an installed wheel or a bundle
works without the checkout (the installed wheel itself is exercised by scripts/smoke-installed.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from secretariat_app.core import i18n

ROOT = Path(__file__).resolve().parent.parent


def _tracked_package_files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "secretariat_app"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [line for line in listing.stdout.splitlines() if (ROOT / line).is_file()]


def _copy_of_the_checkout(target: Path) -> Path:
    """The files git knows (tracked or new, not ignored): no stale ``build/`` folder can leak in."""
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    for name in listing.stdout.splitlines():
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def wheel_files(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The file list of a wheel built from a clean copy of this checkout."""
    source = _copy_of_the_checkout(tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("secretariat_app-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_holds_every_file_of_the_package(wheel_files: set[str]):
    """Fonts, licences, icons, the guide, the regions, the migrations: whatever is in the package's
    folder in git must be in the wheel (a missing package-data pattern shows up here)."""
    missing = [name for name in _tracked_package_files() if name not in wheel_files]
    assert missing == []


def test_the_wheel_holds_the_compiled_catalogs_and_the_fonts(wheel_files: set[str]):
    for lang in i18n.LANGUAGES:
        for domain in i18n.DOMAINS:
            assert f"secretariat_app/locale/{lang}/LC_MESSAGES/{domain}.mo" in wheel_files
    for name in ("NotoSans-Regular.ttf", "NotoSansSymbols2-Regular.ttf", "OFL.txt"):
        assert f"secretariat_app/resources/fonts/{name}" in wheel_files
    assert "secretariat_app/resources/icons/secretariat-app.svg" in wheel_files
    assert "secretariat_app/core/migrations/env.py" in wheel_files


def test_the_window_closes_by_itself_when_asked(tmp_path: Path):
    """``gui --quit-after`` is how the installed app and the bundle are smoke-tested: it must end
    with exit code 0 on its own."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    database = str(tmp_path / "gui.sqlite3")
    command = ["--db", database, "--lang", "kk", "gui", "--demo", "--quit-after", "0.5"]
    result = subprocess.run(
        [sys.executable, "-m", "secretariat_app", *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "gui.sqlite3").exists()
