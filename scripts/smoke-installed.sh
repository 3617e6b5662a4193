#!/usr/bin/env bash
# The app as a user gets it: build the sdist and the wheel (python -m build: the wheel is built
# from the sdist, so a file missing from either shows up), install the wheel into a fresh venv
# outside the repository, and from an empty folder, with a fresh home and in Kazakh, run
# --help, init, demo, report (PDF with the Noto fonts embedded), the window offscreen, and
# Help → About. Nothing points back at the checkout.
#   scripts/smoke-installed.sh            (PYTHON=python3.12 to use another interpreter)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d /tmp/secretariat-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
started=$SECONDS
step() { printf 'smoke-installed: %s\n' "$*"; }
fail() { printf 'smoke-installed: FAILED: %s\n' "$*" >&2; exit 1; }
quiet() { "$@" >"$work/step.log" 2>&1 || { cat "$work/step.log" >&2; fail "$*"; }; }

step "building the sdist and the wheel"
"$python" -m venv "$work/tools"
quiet "$work/tools/bin/python" -m pip install -q build
quiet "$work/tools/bin/python" -m build --outdir "$work/dist" "$repo"
wheel=$(ls "$work"/dist/secretariat_app-*.whl)

step "installing $(basename "$wheel") into a fresh venv"
"$python" -m venv "$work/venv"
quiet "$work/venv/bin/python" -m pip install -q "$wheel"
app="$work/venv/bin/secretariat-app"

# A new user: empty current folder, fresh home and data folders, no variable of ours set.
mkdir -p "$work/empty" "$work/home"
cd "$work/empty"
unset PYTHONPATH SECRETARIAT_DB SECRETARIAT_CONFIG_DIR SECRETARIAT_LOG_DIR SECRETARIAT_CACHE_DIR
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME
export HOME="$work/home" QT_QPA_PLATFORM=offscreen
expect() { # expect TEXT FILE: FILE must contain TEXT
    grep -qF -- "$1" "$2" || { cat "$2" >&2; fail "expected «$1» in the output"; }
}

step "secretariat-app --lang kk --help"
"$app" --lang kk --help >help.txt
expect "қолданылуы: secretariat-app" help.txt
expect "Форум хатшылығы" help.txt

step "init, demo"
"$app" --lang kk init >init.txt
expect "Дерекқор дайын" init.txt
"$app" --lang kk demo >demo.txt
expect "Демонстрациялық деректер жүктелді" demo.txt
database="$HOME/.local/share/secretariat-app/secretariat.sqlite3"
[ -f "$database" ] || fail "the default database $database was not created"

step "report --forum 12"
"$app" --lang kk report --forum 12 >report.txt
pdf=$(head -n 1 report.txt)
[ -s "$pdf" ] || fail "no PDF at «$pdf»"
case "$pdf" in "$work/empty/"*) ;; *) fail "the PDF $pdf was not written to the current folder" ;; esac
expect "бет" report.txt
pdffonts "$pdf" >fonts.txt
for font in NotoSans-Regular NotoSans-Bold NotoSansSymbols2-Regular; do
    grep -E "\+$font .* yes +yes +yes" fonts.txt >/dev/null || { cat fonts.txt >&2; fail "$font is not embedded"; }
done
pdftotext "$pdf" report-text.txt
expect "Орындалды" report-text.txt

step "the window offscreen (gui --quit-after 1), then the main window and Help → About in Kazakh"
timeout 120 "$app" --lang kk gui --quit-after 1 || fail "gui --quit-after did not exit 0 on its own"
"$work/venv/bin/python" "$repo/scripts/smoke_gui.py" "$database"

step "passed in $((SECONDS - started)) s"
