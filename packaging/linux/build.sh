#!/usr/bin/env bash
# Build the Linux one-folder bundle (dist/digitize) with Tesseract and its `vie` data inside,
# install the desktop integration files beside it, then run the smoke test on the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
$PY -m pip install -q 'pyinstaller>=6.10'

B=build/tess-bundle
rm -rf "$B" && mkdir -p "$B/bin" "$B/lib" "$B/tessdata"
TESS=$(command -v tesseract)
cp -L "$TESS" "$B/bin/tesseract"
# every shared library tesseract needs, except the C runtime the target system provides
ldd "$TESS" | awk '/=> \//{print $3}' | while read -r lib; do
  case "$(basename "$lib")" in
    libc.so*|libm.so*|libpthread.so*|libdl.so*|ld-linux*|librt.so*|libgcc_s.so*) ;;
    *) cp -L "$lib" "$B/lib/" ;;
  esac
done
TD=$(dirname "$(find /usr/share/tesseract-ocr -name vie.traineddata | head -n 1)")
cp "$TD"/vie.traineddata "$TD"/eng.traineddata "$TD"/osd.traineddata "$B/tessdata/"
cat > "$B/tesseract" <<'SH'
#!/bin/sh
# Runs the bundled Tesseract with the bundled libraries and language data (no PATH needed).
here=${0%/*}
LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
TESSDATA_PREFIX="$here/tessdata" exec "$here/bin/tesseract" "$@"
SH
chmod +x "$B/tesseract" "$B/bin/tesseract"

start=$(date +%s)
DIGITIZE_TESS_BUNDLE="$PWD/$B" $PY -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyi packaging/digitize.spec
chmod +x dist/digitize/_internal/tesseract/tesseract dist/digitize/_internal/tesseract/bin/tesseract
mkdir -p dist/digitize/share/applications dist/digitize/share/mime/packages dist/digitize/share/icons
cp packaging/linux/digitize.desktop dist/digitize/share/applications/
cp packaging/linux/digitize-mime.xml dist/digitize/share/mime/packages/
cp packaging/icons/digitize.png dist/digitize/share/icons/
cp packaging/linux/install-desktop.sh dist/digitize/
echo "bundle built in $(( $(date +%s) - start )) s: $(du -sh dist/digitize | cut -f1)"
bash packaging/linux/smoke.sh dist/digitize
