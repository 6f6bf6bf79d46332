"""The import direction of DESIGN section 1 holds: ui -> digitize -> {ocr, archive} ->
{bilingual, vntext}; no import cycle; package roots stay small; the GUI runs no SQL; the core's
SQL lives in digitize/store/; Vietnamese folding is written once (vntext/)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("digitize", "ocr", "archive", "ui", "bilingual", "vntext")
FORBIDDEN = {
    "bilingual": {"digitize", "ui", "ocr", "archive", "vntext", "PySide6", "cryptography",
                  "sqlite_utils", "sqlcipher3", "boto3", "cv2", "pytesseract", "numpy"},
    "vntext": {"digitize", "ui", "ocr", "archive", "bilingual", "PySide6", "cryptography",
               "sqlite_utils", "sqlcipher3", "boto3", "cv2", "pytesseract", "numpy"},
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


# the import graph -------------------------------------------------------------------------------
#: Most loose modules (``__init__`` not counted) at the root of a package: more means the
#: folder no longer says where a change belongs (issue #17).
ROOT_MODULE_LIMIT = {"digitize": 12, "archive": 12}


def _modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the packages: dotted name -> (file, is a package's __init__)."""
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_pkg = parts[-1] == "__init__"
            out[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return out


def _edges(modules: dict[str, tuple[Path, bool]]) -> dict[str, set[str]]:
    """Module -> the project modules it imports (relative, conditional, TYPE_CHECKING and
    ``__import__``/``import_module`` with a literal name included)."""

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for mod, (path, is_pkg) in modules.items():
        base = mod if is_pkg else mod.rpartition(".")[0]
        targets: list[str] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = base.split(".")[:len(base.split(".")) - node.level + 1]
                    source = ".".join(parts + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                # ``from pkg import sub`` imports the submodule, not the package's __init__
                targets += [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source
                            for a in node.names]
            elif (isinstance(node, ast.Call) and node.args
                  and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                  and (getattr(node.func, "id", None) == "__import__"
                       or getattr(node.func, "attr", None) == "import_module")):
                targets.append(node.args[0].value)
        graph[mod] = {r for t in targets if (r := resolve(t)) and r != mod}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_no_import_cycle() -> None:
    cycles = _cycles(_edges(_modules()))
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_cycle_checker_sees_hidden_and_type_only_imports(tmp_path: Path) -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    mods = {"p": (tmp_path / "p.py", False), "q": (tmp_path / "q.py", False)}
    (tmp_path / "p.py").write_text("from typing import TYPE_CHECKING\n"
                                   "if TYPE_CHECKING:\n    import q\n")
    (tmp_path / "q.py").write_text("X = __import__('p', fromlist=['x'])\n")
    assert _cycles(_edges(mods)) == [["p", "q"]]


def test_package_roots_stay_small() -> None:
    over = {}
    for pkg, limit in ROOT_MODULE_LIMIT.items():
        loose = sorted(p.name for p in (ROOT / pkg).glob("*.py") if p.name != "__init__.py")
        if len(loose) > limit:
            over[pkg] = loose
    assert not over, f"too many loose modules at a package root (limit {ROOT_MODULE_LIMIT}): {over}"


# the GUI uses the core's surface ----------------------------------------------------------------
_SQL = re.compile(r"\b(SELECT\b.+\bFROM|INSERT\s+INTO|UPDATE\b.+\bSET|DELETE\s+FROM|"
                  r"CREATE\s+(TABLE|INDEX)|PRAGMA)\b", re.DOTALL)  # SQL is written in capitals


def _sql_and_catalog(path: Path) -> list[str]:
    """SQL text in string constants and ``.catalog`` attribute uses in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and _SQL.search(node.value):
            found.append(f"{path.name}:{node.lineno} SQL {node.value[:40]!r}")
        elif isinstance(node, ast.Attribute) and node.attr == "catalog":
            found.append(f"{path.name}:{node.lineno} .catalog")
    return found


def test_ui_runs_no_sql_and_never_touches_the_catalog() -> None:
    bad = [f for path in sorted((ROOT / "ui").rglob("*.py")) for f in _sql_and_catalog(path)]
    assert not bad, "the GUI must go through the core's typed surface:\n" + "\n".join(bad)


def test_sql_checker_catches_both(tmp_path: Path) -> None:
    f = tmp_path / "v.py"
    f.write_text('rows = ws.catalog.query("SELECT owner FROM dossiers WHERE id = ?", (i,))\n'
                 'label = "Select a page from the list"\n')
    assert [x.split(" ", 1)[1] for x in _sql_and_catalog(f)] == [
        "SQL 'SELECT owner FROM dossiers WHERE id = ?'", ".catalog"]


# the core's SQL has one owner: digitize/store/ ----------------------------------------------------
#: Modules of ``digitize/`` outside ``digitize/store/`` that still write SQL or catalog tables
#: themselves, each with the reason it was not moved. An entry is removed (the test says so)
#: once its module holds no SQL any more; nothing is added without a reason.
SQL_ALLOWED: dict[str, str] = {
    # "digitize/<path>.py": "why this module still runs its own SQL (and the issue to move it)",
}
_CATALOG_CALLS = {"query", "one", "execute", "executemany"}


def _core_sql(path: Path) -> list[str]:
    """SQL in one module: SQL text in string constants, ``.query/.one/.execute`` on a
    ``.catalog`` (or a ``db``/``catalog`` handle) and sqlite-utils table access ``db["t"]``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and _SQL.search(node.value):
            found.append(f"{path.name}:{node.lineno} SQL {node.value[:40]!r}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in _CATALOG_CALLS:
            on = node.func.value
            if (isinstance(on, ast.Attribute) and on.attr == "catalog") or \
                    (isinstance(on, ast.Name) and on.id in {"db", "catalog"}):
                found.append(f"{path.name}:{node.lineno} .{node.func.attr}()")
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) \
                and node.value.id == "db" and isinstance(node.slice, ast.Constant) \
                and isinstance(node.slice.value, str):
            found.append(f"{path.name}:{node.lineno} table {node.slice.value!r}")
    return found


def test_core_sql_lives_in_store() -> None:
    bad, stale = [], []
    for path in sorted((ROOT / "digitize").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("digitize/store/"):
            continue
        found = _core_sql(path)
        if rel in SQL_ALLOWED:
            if not found:
                stale.append(rel)
        else:
            bad.extend(f"{rel}: {f}" for f in found)
    assert not bad, "domain SQL belongs in digitize/store/ (a typed function there):\n" + \
        "\n".join(bad)
    assert not stale, f"no SQL left: remove from SQL_ALLOWED: {stale}"
    assert all(len(reason) > 40 for reason in SQL_ALLOWED.values())


def test_core_sql_checker_catches_each_form(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text('n = ws.catalog.one(q, (i,))\n'
                 'db.execute("DELETE FROM pages WHERE id = ?", (i,))\n'
                 'db["pages"].insert({"id": i})\n'
                 'label = "Select a page; update the set"\n'
                 'rows = staging_rows.page_ids(ws.catalog, did)\n')
    assert [x.split(" ", 1)[1] for x in _core_sql(f)] == [
        ".one()", ".execute()", "SQL 'DELETE FROM pages WHERE id = ?'", "table 'pages'"]


# Vietnamese folding is written once: vntext/ ----------------------------------------------------
#: Functions outside ``vntext/`` that drop combining marks for another job than folding, each
#: with the reason. An entry whose function no longer does it fails the test.
FOLD_ALLOWED: dict[str, str] = {
    "digitize/metadata/layout.py::_clean": "drops the stray combining marks NFC could not "
    "attach to a letter; the letters keep their tones (cleaning, not folding)",
}
_D_TO_PLAIN = {("đ", "d"), ("Đ", "D"), ("ð", "d"), ("Ð", "D"), ("Đ", "d"), ("Ð", "d")}


def _folds(path: Path) -> list[str]:
    """Places in one module that fold Vietnamese themselves, as ``function: what``: a call of
    ``unicodedata.combining``, ``unicodedata.category(..) == / != "Mn"``, ``.replace("đ", "d")``
    (any of đ Đ ð Ð to d or D) and the combining-marks range ``\\u0300-\\u036f`` in a string."""
    found: list[str] = []

    def visit(node: ast.AST, func: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            func = node.name
        what = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.attr == "combining":
                what = "unicodedata.combining"
            elif node.func.attr == "replace" and tuple(args[:2]) in _D_TO_PLAIN:
                what = f"replace({args[0]!r}, {args[1]!r})"
        elif isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value == "Mn" for c in node.comparators):
            what = 'category == "Mn"'
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                "\u0300-\u036f" in node.value.lower() or "\\u0300-\\u036f" in node.value.lower()):
            what = "the U+0300-U+036F range"
        if what:
            found.append(f"{func}: {what}")
        for child in ast.iter_child_nodes(node):
            visit(child, func)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), "<module>")
    return found


def test_vietnamese_folding_is_written_once() -> None:
    bad, used = [], set()
    for pkg in PACKAGES:
        if pkg == "vntext":
            continue
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for f in _folds(path):
                key = f"{rel}::{f.split(':', 1)[0]}"
                if key in FOLD_ALLOWED:
                    used.add(key)
                else:
                    bad.append(f"{rel}: {f}")
    assert not bad, "fold Vietnamese with vntext.strip_marks / vntext.fold:\n" + "\n".join(bad)
    assert used == set(FOLD_ALLOWED), f"no folding left: remove {set(FOLD_ALLOWED) - used}"
    assert all(len(reason) > 40 for reason in FOLD_ALLOWED.values())
    assert _folds(ROOT / "vntext" / "__init__.py"), "the checker no longer sees vntext's own fold"


def test_fold_checker_catches_each_form(tmp_path: Path) -> None:
    f = tmp_path / "f.py"
    f.write_text("import re, unicodedata\n"
                 "def a(t):\n    return ''.join(c for c in t if not unicodedata.combining(c))\n"
                 "def b(t):\n    return t.replace('đ', 'd').replace('Đ', 'D')\n"
                 "def c(t):\n    return [x for x in t if unicodedata.category(x) != 'Mn']\n"
                 "MARKS = re.compile(r'[\\u0300-\\u036f]')\n"
                 "OK = 'đ'.upper().replace('a', 'b')\n")
    assert _folds(f) == ["a: unicodedata.combining", "b: replace('Đ', 'D')",
                         "b: replace('đ', 'd')", 'c: category == "Mn"',
                         "<module>: the U+0300-U+036F range"]


# archive/ is generic: it names none of digitize's tables ------------------------------------------
#: digitize's records tables that ``archive/`` may name, each with the reason.
ARCHIVE_TABLES_ALLOWED: dict[str, str] = {
    "settings": "the catalog's own key-value store (Catalog.get_setting/set_setting); "
                "created by digitize's first migration only because the on-disk order is fixed",
}


def _records_tables() -> set[str]:
    """The tables digitize's migrations create (``CREATE TABLE x`` in digitize/store/)."""
    found: set[str] = set()
    for path in (ROOT / "digitize" / "store").rglob("*.py"):
        found |= set(re.findall(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)",
                                path.read_text(encoding="utf-8")))
    return found


def _tables_named(path: Path, tables: set[str]) -> list[str]:
    """SQL in one module naming one of ``tables`` (``FROM/JOIN/INTO/UPDATE/TABLE t``) and
    sqlite-utils access ``db["t"]``."""
    names = "|".join(sorted(map(re.escape, tables)))
    sql = re.compile(rf"\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?"
                     rf"({names})\b")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [f"{path.name}:{node.lineno} {m}" for m in sql.findall(node.value)]
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                and node.slice.value in tables:
            found.append(f"{path.name}:{node.lineno} [{node.slice.value!r}]")
    return found


def test_archive_names_no_records_table() -> None:
    tables = _records_tables()
    assert {"dossiers", "pages", "documents"} <= tables  # the checker still finds them
    named = tables - set(ARCHIVE_TABLES_ALLOWED)
    bad = [f"{path.relative_to(ROOT)}: {f}" for path in sorted((ROOT / "archive").rglob("*.py"))
           for f in _tables_named(path, named)]
    assert not bad, ("archive/ is generic: the caller hands it documents and rows "
                     "(digitize/store/search_index.py), it reads no records table:\n"
                     + "\n".join(bad))
    assert all(len(reason) > 40 for reason in ARCHIVE_TABLES_ALLOWED.values())


def test_table_checker_catches_sql_and_table_access(tmp_path: Path) -> None:
    f = tmp_path / "a.py"
    f.write_text('Q = """SELECT p.id FROM pages p JOIN dossiers d ON d.id = p.dossier_id\n'
                 'LEFT JOIN documents doc ON doc.seq = p.doc_seq"""\n'
                 'db["pages"].insert({})\n'
                 'doc = "the index keeps which pages hold a token; from pages of a dossier"\n'
                 'conn.execute("DELETE FROM search_rows WHERE page_id = ?")\n')
    assert [x.split(" ", 1)[1] for x in _tables_named(f, {"pages", "dossiers", "documents"})] \
        == ["pages", "dossiers", "documents", "['pages']"]


def test_core_never_imports_devtools() -> None:
    """``digitize/devtools/`` (demo archive, sample pages, launcher) is not the product: the
    core may not depend on it (the UI's demo mode and the tests may)."""
    graph = _edges(_modules())
    bad = sorted(f"{mod} imports {t}" for mod, targets in graph.items()
                 if mod.startswith("digitize.") and not mod.startswith("digitize.devtools")
                 for t in targets if t.startswith("digitize.devtools"))
    assert not bad, "the core imports dev tools:\n" + "\n".join(bad)
