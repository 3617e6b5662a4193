#!/usr/bin/env bash
# Build the Linux desktop bundle: a PyInstaller one-folder app in dist/secretariat-app/ (the
# executable is dist/secretariat-app/secretariat-app) and dist/secretariat-app-VERSION-linux-ARCH.tar.gz
# of that folder with install.sh / uninstall.sh inside. Prints the build time, the bundle's
# size and what dominates it.
#   packaging/build.sh                 (PYTHON=python3.12 to build with another interpreter)
# The package is installed (not editable) into build/bundle-venv first, so the bundle carries the
# compiled catalogs and exactly the wheel's files.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
python=${PYTHON:-python3}
venv="$repo/build/bundle-venv"
started=$SECONDS
log=$(mktemp)
trap 'rm -f "$log"' EXIT
quiet() { "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "build.sh: failed: $*" >&2; exit 1; }; }

echo "build.sh: installing the package and PyInstaller into build/bundle-venv"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
quiet "$venv/bin/python" -m pip install -q --upgrade pip
quiet "$venv/bin/python" -m pip install -q "pyinstaller>=6.10"
rm -rf "$repo/build/lib" "$repo/build/bdist."*  # setuptools' build folder, so no stale file leaks in
quiet "$venv/bin/python" -m pip install -q --force-reinstall --no-deps "$repo"
quiet "$venv/bin/python" -m pip install -q "$repo"

echo "build.sh: PyInstaller (packaging/secretariat-app.spec)"
rm -rf "$repo/dist/secretariat-app"
quiet "$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$repo/dist" --workpath "$repo/build/pyinstaller" packaging/secretariat-app.spec
bundle="$repo/dist/secretariat-app"
[ -x "$bundle/secretariat-app" ] || { echo "build.sh: no executable at $bundle/secretariat-app" >&2; exit 1; }
install -m 755 packaging/linux/install.sh packaging/linux/uninstall.sh "$bundle/"
install -m 644 resources/secretariat-app.desktop "$bundle/"

version=$("$venv/bin/python" -I -c 'import secretariat_app; print(secretariat_app.__version__)')
archive="$repo/dist/secretariat-app-$version-linux-$(uname -m).tar.gz"
tar -C "$repo/dist" -czf "$archive" secretariat-app

echo "build.sh: built in $((SECONDS - started)) s"
echo "build.sh: bundle $(du -sh "$bundle" | cut -f1) unpacked ($bundle), archive $(du -sh "$archive" | cut -f1) ($archive)"
echo "build.sh: the largest parts:"
find "$bundle" -type f -printf '%s %P\n' | sort -rn | head -n 8 |
    awk '{ printf "    %6.1f MB  %s\n", $1 / 1048576, $2 }'
