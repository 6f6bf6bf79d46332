"""The import direction of DESIGN section 1 holds: ui -> digitize -> {ocr, archive}."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("digitize", "ocr", "archive", "ui")
FORBIDDEN = {
    "ocr": {"digitize", "ui", "archive", "PySide6", "cryptography", "sqlite_utils",
            "sqlcipher3", "boto3", "cv2"},
    "archive": {"digitize", "ui", "ocr", "PySide6", "pytesseract", "cv2"},
    "digitize": {"ui", "PySide6", "pytesseract", "cryptography", "sqlite_utils", "sqlcipher3",
                 "boto3"},
    "ui": {"ocr", "archive", "pytesseract", "cryptography", "sqlite_utils", "sqlcipher3",
           "boto3"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_import_direction() -> None:
    bad = []
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            for name in _imports(path) & FORBIDDEN[pkg]:
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not bad, "import direction broken:\n" + "\n".join(sorted(bad))


def test_checker_catches_a_violation(tmp_path: Path) -> None:
    f = tmp_path / "x.py"
    f.write_text("import PySide6.QtCore\nfrom archive.catalog import Catalog\n")
    assert _imports(f) == {"PySide6", "archive"}
