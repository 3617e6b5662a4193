#!/usr/bin/env bash
# Create .venv in the repository and install the app into it (editable), with extras "$1" if given.
# A stamp file remembers the install, so starting the app again does not reinstall it unless
# pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python=${PYTHON:-python3}
stamp=".venv/.installed${extras:+-$extras}"
if [ ! -x .venv/bin/python ]; then "$python" -m venv .venv; fi
if [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ]; then exit 0; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
target="."
if [ -n "$extras" ]; then target=".[$extras]"; fi
if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e "$target"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup-venv: installing the app into .venv failed (see above)." >&2
    exit 1
fi
touch "$stamp"
