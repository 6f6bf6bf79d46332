#!/usr/bin/env bash
# Install the bundle's desktop entry, icon and file type for the current user.
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
apps=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$apps/applications" "$apps/mime/packages" "$apps/icons/hicolor/256x256/apps" "$HOME/.local/bin"
sed "s|^Exec=digitize-app|Exec=$here/digitize-app|" "$here/share/applications/digitize.desktop" \
  > "$apps/applications/digitize.desktop"
cp "$here/share/mime/packages/digitize-mime.xml" "$apps/mime/packages/"
cp "$here/share/icons/digitize.png" "$apps/icons/hicolor/256x256/apps/digitize.png"
ln -sf "$here/digitize" "$HOME/.local/bin/digitize"
command -v update-mime-database >/dev/null && update-mime-database "$apps/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$apps/applications" || true
echo "installed for $USER"
