#!/usr/bin/env bash
# Remove what install.sh put in place: ~/.local/opt/secretariat-app, the launcher, the desktop
# entry and the icons. The user's database, backups, settings and logs
# (~/.local/share/secretariat-app, ~/.config/secretariat-app, ~/.local/state/secretariat-app) stay.
set -euo pipefail
opt="$HOME/.local/opt/secretariat-app"
launcher="$HOME/.local/bin/secretariat-app"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
if [ -f "$launcher" ] && grep -qF "$opt/secretariat-app" "$launcher"; then rm -f "$launcher"; fi
rm -f "$data/applications/secretariat-app.desktop"
rm -f "$data/icons/hicolor/scalable/apps/secretariat-app.svg" "$data"/icons/hicolor/*x*/apps/secretariat-app.png
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$data/applications" || true; fi
rm -rf "$opt"
echo "Forum Secretariat is removed. Your database and settings are kept in $data/secretariat-app and ~/.config/secretariat-app."
