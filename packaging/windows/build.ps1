# Build the Windows one-folder bundle and the installer.
# Prerequisites (see README.md): Python 3.11 x64, Tesseract 5 for Windows (UB Mannheim build)
# installed to C:\Program Files\Tesseract-OCR with the Vietnamese data, Inno Setup 6.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
py -3.11 -m venv .venv-win
.\.venv-win\Scripts\pip install -e .[dev] "pyinstaller>=6.10"

$tess = "C:\Program Files\Tesseract-OCR"
$bundle = "build\tess-bundle"
Remove-Item -Recurse -Force $bundle -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$bundle\tessdata" | Out-Null
Copy-Item "$tess\*.exe", "$tess\*.dll" $bundle
foreach ($l in "vie", "eng", "osd") { Copy-Item "$tess\tessdata\$l.traineddata" "$bundle\tessdata" }

$env:DIGITIZE_TESS_BUNDLE = (Resolve-Path $bundle).Path
.\.venv-win\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyi packaging\digitize.spec

# smoke test: version and OCR of a rendered page, with the system Tesseract hidden
$env:PATH = "C:\Windows\System32"
.\dist\digitize\digitize.exe --version
.\.venv-win\Scripts\python -c "import cv2; from digitize.sample import *; cv2.imwrite('build/page.png', cv2.cvtColor(render_document(make_document(3, party=False)), cv2.COLOR_RGB2BGR))"
.\dist\digitize\digitize.exe ocr build\page.png | Select-String "CỘNG HÒA"

& "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\digitize.iss
