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
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ -n "$extras" ]; then
    .venv/bin/python -m pip install -q -e ".[$extras]" 2>&1 | grep -v -i "editable\|^ *$\|!!\|\*\*\*\*\|setuptools\|See https\|By 20\|or your builds\|corresp" || true
else
    .venv/bin/python -m pip install -q -e . 2>&1 | grep -v -i "editable\|^ *$\|!!\|\*\*\*\*\|setuptools\|See https\|By 20\|or your builds\|corresp" || true
fi
touch "$stamp"
