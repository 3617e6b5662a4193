#!/usr/bin/env bash
# Install Forum Secretariat for the current user, without root: the app under
# ~/.local/opt/secretariat-app, a `secretariat-app` launcher in ~/.local/bin, a desktop entry
# (applications menu) with its SVG and PNG icons in the hicolor theme. Run it from the unpacked
# bundle (secretariat-app/install.sh); running a newer bundle's install.sh upgrades. The database,
# settings and logs live in the user's folders and are never touched.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
opt="$HOME/.local/opt/secretariat-app"
bin_dir="$HOME/.local/bin"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
icons="$here/_internal/secretariat_app/resources/icons"
[ -x "$here/secretariat-app" ] && [ -d "$icons" ] || { echo "install.sh: run me from the unpacked bundle folder." >&2; exit 1; }

if [ "$here" != "$opt" ]; then
    mkdir -p "$(dirname "$opt")"
    rm -rf "$opt.new"
    cp -a "$here" "$opt.new"
    rm -rf "$opt"
    mv "$opt.new" "$opt"
fi

mkdir -p "$bin_dir"
rm -f "$bin_dir/secretariat-app"
printf '#!/bin/sh\n# Forum Secretariat (installed by %s)\nexec "%s" "$@"\n' "$opt/install.sh" "$opt/secretariat-app" >"$bin_dir/secretariat-app"
chmod 755 "$bin_dir/secretariat-app"

install -D -m 644 "$opt/_internal/secretariat_app/resources/icons/secretariat-app.svg" \
    "$data/icons/hicolor/scalable/apps/secretariat-app.svg"
for png in "$opt"/_internal/secretariat_app/resources/icons/secretariat-app-*.png; do
    size=$(basename "$png" .png); size=${size##*-}
    install -D -m 644 "$png" "$data/icons/hicolor/${size}x${size}/apps/secretariat-app.png"
done
entry="$data/applications/secretariat-app.desktop"
mkdir -p "$(dirname "$entry")"
escaped=$(printf '%s' "$opt/secretariat-app" | sed 's/[\\"`$]/\\\\&/g; s/[&|]/\\&/g')
sed "s|@EXEC@|\"$escaped\"|" "$opt/secretariat-app.desktop" >"$entry"
if command -v desktop-file-validate >/dev/null 2>&1; then desktop-file-validate "$entry"; fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$data/applications" || true; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q -t "$data/icons/hicolor" || true; fi

echo "Forum Secretariat is installed in $opt."
echo "Start it from the applications menu (Office) or with: secretariat-app"
case ":$PATH:" in
    *":$bin_dir:"*) ;;
    *) echo "Note: $bin_dir is not on your PATH yet; log out and in again, or run $bin_dir/secretariat-app." ;;
esac
