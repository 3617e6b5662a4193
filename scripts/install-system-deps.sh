#!/usr/bin/env bash
# System packages the app and its tests need on Debian/Ubuntu: Python's venv, the libraries Qt
# loads (offscreen and on a real display), poppler-utils (tests read PDFs back), desktop-file-utils
# (the Linux bundle's desktop entry is validated) and PostgreSQL (tests against a shared server).
# Safe to run again; does nothing on other systems.
set -euo pipefail
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-system-deps: no apt-get here; install Python 3.11+, Qt's xcb libraries and poppler yourself." >&2
    exit 0
fi
packages=(
    python3 python3-venv python3-pip
    libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
    libxcb-xkb1 libxkbcommon-x11-0
    fonts-dejavu-core poppler-utils desktop-file-utils
)
if [ "${WITH_POSTGRES:-0}" = 1 ]; then packages+=(postgresql); fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
