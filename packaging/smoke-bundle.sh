#!/usr/bin/env bash
# Try the Linux bundle as a clerk would, offscreen, with a fresh home and an empty current folder:
# build it (packaging/build.sh; --no-build reuses dist/secretariat-app), check it carries exactly the
# package's data files, then with the bundle's own executable, in Kazakh: --help, create a
# database, load the demo, write a progress report (Noto fonts embedded), write the import template
# and import it back, export everything and import it back unchanged, open the window and let it
# close by itself; then install.sh (launcher, desktop entry, icons), the launcher, uninstall.sh.
# Prints how long each part took. Run on demand (see packaging/README.md).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
started=$SECONDS
if [ "${1:-}" != "--no-build" ]; then "$repo/packaging/build.sh"; fi
built=$SECONDS
bundle="$repo/dist/secretariat-app"
app="$bundle/secretariat-app"
work=$(mktemp -d /tmp/secretariat-bundle.XXXXXX)
trap 'rm -rf "$work"' EXIT
step() { printf 'smoke-bundle: %s\n' "$*"; }
fail() { printf 'smoke-bundle: FAILED: %s\n' "$*" >&2; exit 1; }
expect() { grep -qF -- "$1" "$2" || { cat "$2" >&2; fail "expected «$1» in the output"; }; }

step "the bundle holds the installed package's data files (catalogs, fonts, icons, guide, migrations)"
site=$("$repo/build/bundle-venv/bin/python" -I -c 'import secretariat_app, pathlib; print(pathlib.Path(secretariat_app.__file__).parent)')
list_data() { (cd "$1" && find . -type f ! -path '*/__pycache__/*' \( ! -name '*.py' -o -path './core/migrations/*' \) | sort); }
list_data "$site" >"$work/package-files"
list_data "$bundle/_internal/secretariat_app" >"$work/bundle-files"
diff -u "$work/package-files" "$work/bundle-files" || fail "the bundle's data files differ from the package's"
grep -q '^./locale/kk/LC_MESSAGES/ui.mo$' "$work/bundle-files" || fail "no compiled Kazakh catalog in the bundle"

mkdir -p "$work/home" "$work/empty"
cd "$work/empty"
unset PYTHONPATH SECRETARIAT_DB SECRETARIAT_CONFIG_DIR SECRETARIAT_LOG_DIR SECRETARIAT_CACHE_DIR
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME
export HOME="$work/home" QT_QPA_PLATFORM=offscreen

step "--help, init, demo, report in Kazakh"
"$app" --lang kk --help >help.txt
expect "қолданылуы: secretariat-app" help.txt
"$app" --lang kk init >init.txt
expect "Дерекқор дайын" init.txt
"$app" --lang kk demo >demo.txt
expect "Демонстрациялық деректер жүктелді" demo.txt
"$app" --lang kk report --forum 12 --out progress.pdf >report.txt
[ -s progress.pdf ] || fail "no progress report"
pdffonts progress.pdf >fonts.txt
for font in NotoSans-Regular NotoSans-Bold NotoSansSymbols2-Regular; do
    grep -E "\+$font .* yes +yes +yes" fonts.txt >/dev/null || { cat fonts.txt >&2; fail "$font is not embedded"; }
done

step "template and import, export and import back, an executor's workbook and import"
"$app" --lang kk template blank.xlsx >/dev/null
"$app" --lang kk import blank.xlsx >import-blank.txt
expect "blank.xlsx файлынан жүктелді" import-blank.txt
"$app" --lang kk export all.xlsx >/dev/null
"$app" --lang kk import all.xlsx >import-all.txt
expect "Шешімдер: қосылды 0, жаңартылды 0, өзгеріссіз" import-all.txt
"$app" --lang kk export-executor KZ-15 executor.xlsx >/dev/null
"$app" --lang kk import executor.xlsx >/dev/null

step "the window offscreen, closing by itself"
timeout 120 "$app" --lang kk gui --quit-after 2 || fail "gui --quit-after did not exit 0 on its own"

step "install.sh, the launcher, the desktop entry, uninstall.sh"
tar -C "$work" -xzf "$(ls "$repo"/dist/secretariat-app-*-linux-*.tar.gz)"
"$work/secretariat-app/install.sh" >install.txt
launcher="$HOME/.local/bin/secretariat-app"
"$launcher" --lang kk check >check.txt || { cat check.txt >&2; fail "the installed launcher does not run"; }
entry="$HOME/.local/share/applications/secretariat-app.desktop"
desktop-file-validate "$entry" || fail "the installed desktop entry is not valid"
[ -f "$HOME/.local/share/icons/hicolor/scalable/apps/secretariat-app.svg" ] || fail "no SVG icon installed"
[ -f "$HOME/.local/share/icons/hicolor/48x48/apps/secretariat-app.png" ] || fail "no PNG icon installed"
"$HOME/.local/opt/secretariat-app/uninstall.sh" >/dev/null
[ ! -e "$launcher" ] && [ ! -e "$entry" ] && [ ! -e "$HOME/.local/opt/secretariat-app" ] || fail "uninstall.sh left files"
[ -f "$HOME/.local/share/secretariat-app/secretariat.sqlite3" ] || fail "uninstall.sh removed the database"

step "passed: build $((built - started)) s, smoke $((SECONDS - built)) s"
