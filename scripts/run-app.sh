#!/usr/bin/env bash
# Install everything and start Forum Secretariat on its default database (an SQLite file in your
# data folder). With --demo, a new database is filled with the demo history on first start.
# Leaves a `secretariat-app` command in ~/.local/bin (scripts/install-launcher.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh
scripts/setup-venv.sh
scripts/install-launcher.sh
exec .venv/bin/secretariat-app gui "$@"
