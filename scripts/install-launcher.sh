#!/usr/bin/env bash
# Put a `secretariat-app` command on the user's PATH: a link in ~/.local/bin to the entry point of
# this checkout's .venv (made by scripts/setup-venv.sh), so every README example can use the bare
# name from any folder. When ~/.local/bin is not on PATH, one guarded line is added to ~/.bashrc
# and ~/.profile (as `pipx ensurepath` does) and the user is told; a new shell then finds it.
# SECRETARIAT_NO_PATH_EDIT=1 leaves the shell files alone and only prints what to add.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
target="$repo/.venv/bin/secretariat-app"
bin_dir="$HOME/.local/bin"
link="$bin_dir/secretariat-app"
[ -x "$target" ] || { echo "install-launcher: $target is missing; run scripts/setup-venv.sh first." >&2; exit 1; }
mkdir -p "$bin_dir"
if [ -e "$link" ] && [ ! -L "$link" ]; then
    # Someone else's command (e.g. the desktop bundle's launcher): leave it, say how to reach ours.
    echo "install-launcher: $link exists and is not ours; left as it is (this checkout's app: $target)." >&2
    exit 0
fi
ln -sfn "$target" "$link"

case ":$PATH:" in *":$bin_dir:"*) exit 0 ;; esac
line='case ":$PATH:" in *":$HOME/.local/bin:"*) ;; *) export PATH="$HOME/.local/bin:$PATH" ;; esac  # secretariat-app'
if [ "${SECRETARIAT_NO_PATH_EDIT:-0}" = 1 ]; then
    echo "install-launcher: $bin_dir is not on your PATH; add this line to your shell's start file:" >&2
    echo "    $line" >&2
    exit 0
fi
edited=()
for rc in "$HOME/.bashrc" "$HOME/.profile"; do
    if ! grep -qsF '# secretariat-app' "$rc"; then
        printf '\n%s\n' "$line" >>"$rc"
        edited+=("$rc")
    fi
done
if [ ${#edited[@]} -gt 0 ]; then
    echo "install-launcher: added $bin_dir to PATH in ${edited[*]}; open a new terminal to use 'secretariat-app'." >&2
else
    echo "install-launcher: open a new terminal to use 'secretariat-app' ($bin_dir is added to PATH there)." >&2
fi
