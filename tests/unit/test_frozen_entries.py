"""#22: the frozen bundle's entry points call ``multiprocessing.freeze_support()`` before
anything else, so a child started by ``spawn`` (scanner host, page workers) runs its task and
exits instead of starting the command line or the window again."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _first_statements(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    body = tree.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return [ast.unparse(node) for node in body]


@pytest.mark.parametrize("entry", ["entry_cli.py", "entry_gui.py"])
def test_freeze_support_runs_before_any_other_statement(entry: str) -> None:
    statements = _first_statements(ROOT / "packaging" / entry)
    assert statements[:2] == ["import multiprocessing", "multiprocessing.freeze_support()"], \
        statements[:3]
    assert statements[-1] == "sys.exit(main())"
