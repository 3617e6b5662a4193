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


PACKAGING = ROOT / "packaging"


def _windows_paths(text: str, folder: Path, pattern: str) -> list[Path]:
    import re

    return [(folder / match.replace("\\", "/")).resolve() for match in re.findall(pattern, text)]


def test_the_windows_installer_script_names_files_that_exist_or_that_the_build_makes():
    script = (PACKAGING / "windows" / "secretariat-app.iss").read_text(encoding="utf-8")
    folder = PACKAGING / "windows"
    sources = _windows_paths(script, folder, r"(?:SetupIconFile)=(\S+)")
    assert sources == [ROOT / "resources" / "secretariat-app.ico"]
    assert all(path.is_file() for path in sources)
    # What it packs is the one-folder bundle, which build.ps1 and build.sh both write here.
    (bundle,) = _windows_paths(script, folder, r'Source: "([^"]+)\\\*"')
    assert bundle == ROOT / "dist" / "secretariat-app"
    for build_script in ("windows/build.ps1", "build.sh"):
        text = (PACKAGING / build_script).read_text(encoding="utf-8")
        assert "secretariat-app.spec" in text and "dist" in text
    # Per user, no administrator; uninstall removes only the program folder, never the data folder.
    assert "PrivilegesRequired=lowest" in script
    assert "DefaultDirName={localappdata}\\Programs\\" in script
    assert "[UninstallDelete]" not in script
    assert "{localappdata}\\secretariat-app" not in script and "{userappdata}" not in script
    assert "{userprograms}" in script  # the Start-menu entry


def test_the_spec_and_the_windows_build_use_files_that_exist():
    spec = (PACKAGING / "secretariat-app.spec").read_text(encoding="utf-8")
    for name in (
        'here / "launcher.py"',
        'root / "resources" / "secretariat-app.ico"',
        'here / "windows" / "version_info.txt"',
    ):
        assert name in spec
    for path in (
        PACKAGING / "launcher.py",
        ROOT / "resources" / "secretariat-app.ico",
        PACKAGING / "windows" / "version_info.txt",
    ):
        assert path.is_file()
    build = (PACKAGING / "windows" / "build.ps1").read_text(encoding="utf-8")
    for named in ("packaging\\secretariat-app.spec", "packaging\\windows\\secretariat-app.iss"):
        assert (ROOT / named.replace("\\", "/")).is_file()
        assert named in build


def test_the_windows_version_information_is_the_app_version():
    import ast

    from secretariat_app import __version__

    text = (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")
    numbers = (*(int(part) for part in __version__.split(".")), 0)
    call = ast.parse("\n".join(line for line in text.splitlines() if not line.startswith("#")), mode="eval")
    found = {
        keyword.arg: ast.literal_eval(keyword.value)
        for node in ast.walk(call)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg in ("filevers", "prodvers")
    }
    assert found == {"filevers": numbers[:4], "prodvers": numbers[:4]}
    assert text.count(f"'{__version__}'") == 2  # FileVersion and ProductVersion


def test_the_windows_icon_has_every_size_from_16_to_256():
    from PIL import Image

    with Image.open(ROOT / "resources" / "secretariat-app.ico") as icon:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(icon.info["sizes"])


def test_the_desktop_entry_template_is_valid_once_filled(tmp_path: Path):
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate (apt package desktop-file-utils) is not installed")
    template = (ROOT / "resources" / "secretariat-app.desktop").read_text(encoding="utf-8")
    entry = tmp_path / "secretariat-app.desktop"
    entry.write_text(
        template.replace("@EXEC@", '"/home/clerk/.local/opt/secretariat-app/secretariat-app"'),
        encoding="utf-8",
    )
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
