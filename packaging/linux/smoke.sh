#!/usr/bin/env bash
# Smoke test of a built bundle: --version, OCR of a rendered page with the bundled Tesseract
# (PATH emptied so no system tesseract can be found), and the window opening under Xvfb.
set -euo pipefail
D=$(readlink -f "${1:-dist/digitize}")
cd "$(dirname "$0")/../.."
W=$(mktemp -d /dev/shm/digitize-smoke.XXXXXX)
trap 'kill ${XVFB_PID:-0} 2>/dev/null || true; rm -rf "$W"' EXIT
CLEAN_ENV=(env -i HOME="$W/home" PATH=/nonexistent LANG=C.UTF-8)
mkdir -p "$W/home"

"${CLEAN_ENV[@]}" "$D/digitize" --version
.venv/bin/python - "$W/page.png" <<'PY'
import sys, cv2
from digitize.devtools.sample import make_document, render_document
img = render_document(make_document(3, party=False), dpi=300)
cv2.imwrite(sys.argv[1], cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
PY
"${CLEAN_ENV[@]}" "$D/digitize" ocr "$W/page.png" > "$W/out.txt"
grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$W/out.txt" || { echo "OCR smoke test failed"; cat "$W/out.txt"; exit 1; }
echo "OCR from the bundle: ok ($(wc -w < "$W/out.txt") words)"

Xvfb :93 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & XVFB_PID=$!
sleep 1
env -i HOME="$W/home" PATH=/usr/bin:/bin DISPLAY=:93 QT_QPA_PLATFORM=xcb \
  DIGITIZE_HOME="$W/archive" "$D/digitize-app" --smoke --screenshot "$W/window.png"
test -s "$W/window.png" && echo "window opened under Xvfb: ok" && cp "$W/window.png" build/smoke-window.png
echo "smoke test passed"
