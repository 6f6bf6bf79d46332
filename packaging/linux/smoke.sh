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

# Three pages processed by page worker processes (spawned in the frozen app, like the host).
for i in 1 2 3; do cp "$W/page.png" "$W/trang-$i.png"; done
PROC_ENV=("${CLEAN_ENV[@]}" DIGITIZE_HOME="$W/proc-archive" DIGITIZE_PASSPHRASE="smoke-test-passphrase-22")
"${PROC_ENV[@]}" "$D/digitize" init --office-code H00.01 --office-name "Kiểm thử" >/dev/null
if ! "${PROC_ENV[@]}" "$D/digitize" process --jobs 2 --title "Kiểm thử" "$W"/trang-[123].png \
    >"$W/proc.out" 2>"$W/proc.err"; then
  echo "page workers smoke test failed"; cat "$W/proc.out" "$W/proc.err"; exit 1
fi
echo "3 pages through page worker processes: ok ($(tail -n 1 "$W/proc.out"))"

# A scan through the scanner host, which the frozen app starts with multiprocessing's spawn
# (needs freeze_support in the entry point): SANE's `test` backend, if the build machine has it.
if compgen -G "/usr/lib/*/sane/libsane-test.so*" >/dev/null || compgen -G "/usr/lib/sane/libsane-test.so*" >/dev/null; then
  mkdir -p "$W/sane.d"
  printf 'test\n' > "$W/sane.d/dll.conf"
  printf 'number_of_devices 1\nmode Gray\nresolution 75.0\nbr_x 200.0\nbr_y 200.0\n' > "$W/sane.d/test.conf"
  SCAN_ENV=("${CLEAN_ENV[@]}" SANE_CONFIG_DIR="$W/sane.d" DIGITIZE_HOME="$W/scan-archive"
            DIGITIZE_PASSPHRASE="smoke-test-passphrase-22")
  "${SCAN_ENV[@]}" "$D/digitize" init --office-code H00.01 --office-name "Kiểm thử" >/dev/null
  if ! "${SCAN_ENV[@]}" "$D/digitize" scan --device test:0 --source ADF --pages 3 --dpi 75 \
      --dossier HS-SMOKE-01 >"$W/scan.out" 2>"$W/scan.err" || ! grep -q "3 trang" "$W/scan.out"
  then
    echo "scan smoke test failed"; cat "$W/scan.out" "$W/scan.err"; exit 1
  fi
  echo "scan through the frozen scanner host: ok"
else
  echo "SANE test backend not installed here: scan smoke test skipped"
fi

Xvfb :93 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 & XVFB_PID=$!
sleep 1
env -i HOME="$W/home" PATH=/usr/bin:/bin DISPLAY=:93 QT_QPA_PLATFORM=xcb \
  DIGITIZE_HOME="$W/archive" "$D/digitize-app" --smoke --screenshot "$W/window.png"
test -s "$W/window.png" && echo "window opened under Xvfb: ok" && cp "$W/window.png" build/smoke-window.png
echo "smoke test passed"
