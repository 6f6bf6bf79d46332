"""Bad input at the command line: wrong passphrases, no archive, read-only folders, bad queries,
keys, decrypt and export targets. Every case exits with a clear message, never a traceback,
and leaves every file of the archive as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from archive.keystore import generate_central_keypair
from digitize.core import Workspace
from digitize.pipeline.run import process
from tests.integration.conftest import write_pages

pytestmark = pytest.mark.integration

CLI = [sys.executable, "-m", "digitize.cli"]
PASS = "mật khẩu đúng 2026"
REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real CLI; no case may ever print a Python traceback."""
    out = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True,
                         timeout=timeout, cwd=REPO)
    assert "Traceback" not in out.stderr, out.stderr
    return out


def snapshot(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` (the lock file's content never changes)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An archive holding one stored one-page dossier (built once; tests copy it)."""
    base = tmp_path_factory.mktemp("stored")
    root = base / "archive"
    with Workspace.init(root, PASS, office_code="H47.01", office_name="UBND tỉnh Kiên Giang",
                        kdf_params=TEST_PARAMS) as ws:
        r = process(ws, write_pages(base / "in", 1, dpi=150, seed=21), title="Hồ sơ gốc",
                    jobs=1)
    return root, r.dossier_id


@pytest.fixture
def arch(stored: tuple[Path, str], tmp_path: Path) -> dict:
    """A private copy of the stored archive and the CLI environment to open it."""
    root = tmp_path / "archive"
    shutil.copytree(stored[0], root)
    env = {**os.environ, "DIGITIZE_HOME": str(root), "DIGITIZE_PASSPHRASE": PASS}
    return {"root": root, "id": stored[1], "env": env}


def _bilingual_fail(out: subprocess.CompletedProcess, code: int, *, vi: str, en: str) -> None:
    assert out.returncode == code, (out.returncode, out.stdout, out.stderr)
    assert vi in out.stderr and en in out.stderr, out.stderr


# --- unlocking ------------------------------------------------------------------------------

COMMANDS = [["list"], ["verify", "--all"], ["search", "quyết định"], ["report"],
            ["keys", "show"], ["reindex"], ["decrypt", "{id}", "-o", "{tmp}/out"],
            ["export", "--to", "file://{tmp}/central"], ["process", "{page}"],
            ["import", "{page}", "--dossier", "HS-MOI"], ["keys", "passwd",
                                                           "--new-passphrase-file", "{pw}"],
            ["keys", "backup", "-o", "{tmp}/kb.json", "--backup-passphrase-file", "{pw}"]]


def _args(cmd: list[str], arch: dict, tmp: Path, page: Path, pw: Path) -> list[str]:
    return [a.format(id=arch["id"], tmp=tmp, page=page, pw=pw) for a in cmd]


def test_wrong_passphrase_changes_nothing_for_any_command(arch: dict, tmp_path: Path) -> None:
    page = write_pages(tmp_path / "in", 1, dpi=150, seed=3)[0]
    pw = tmp_path / "pw.txt"
    pw.write_text("mật khẩu mới 12345\n", encoding="utf-8")
    before = snapshot(arch["root"])
    env = {**arch["env"], "DIGITIZE_PASSPHRASE": "sai mật khẩu"}
    # all at once (none of them may write anything): a wrong passphrase never takes the lock
    procs = [subprocess.Popen([*CLI, *_args(cmd, arch, tmp_path, page, pw)], env=env, cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for cmd in COMMANDS]
    for cmd, proc in zip(COMMANDS, procs, strict=True):
        stdout, stderr = proc.communicate(timeout=300)
        out = subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)
        assert "Traceback" not in stderr, (cmd, stderr)
        _bilingual_fail(out, 1, vi="Sai cụm mật khẩu", en="Wrong archive passphrase")
    # the same through --passphrase-file, given before and after the command
    bad = tmp_path / "bad.txt"
    bad.write_text("cũng sai\n", encoding="utf-8")
    for argv in (["--passphrase-file", str(bad), "list"], ["list", "--passphrase-file", str(bad)]):
        _bilingual_fail(cli(*argv, env=arch["env"]), 1, vi="Sai cụm mật khẩu",
                        en="Wrong archive passphrase")
    assert snapshot(arch["root"]) == before
    assert not (tmp_path / "out").exists() and not (tmp_path / "central").exists()
    assert not (tmp_path / "kb.json").exists()


def test_no_archive_points_to_init(tmp_path: Path, arch: dict) -> None:
    for argv in (["--archive", str(tmp_path / "none"), "list"],
                 ["search", "x", "--archive", str(tmp_path / "none")],
                 ["--archive", str(tmp_path / "none"), "verify", "--all"]):
        out = cli(*argv, env=arch["env"])
        _bilingual_fail(out, 1, vi="digitize init", en="Run `digitize init")
    assert not (tmp_path / "none").exists()


def test_passphrase_file_missing_or_a_folder(tmp_path: Path, arch: dict) -> None:
    env = {k: v for k, v in arch["env"].items() if k != "DIGITIZE_PASSPHRASE"}
    for f in (tmp_path / "khong-co.txt", tmp_path):
        for argv in (["--passphrase-file", str(f), "list"], ["list", "--passphrase-file", str(f)]):
            out = cli(*argv, env=env)
            _bilingual_fail(out, 2, vi="không đọc được tệp mật khẩu",
                            en="cannot read passphrase file")
    # no passphrase at all and no terminal to ask on
    out = subprocess.run([*CLI, "list"], env=env, capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, cwd=REPO, timeout=60)
    assert out.returncode == 2 and "DIGITIZE_PASSPHRASE" in out.stderr
    assert "Traceback" not in out.stderr


def test_init_on_an_existing_archive_is_refused(arch: dict) -> None:
    before = snapshot(arch["root"])
    out = cli("init", "--office-code", "X.01", "--office-name", "Khác", env=arch["env"])
    _bilingual_fail(out, 2, vi="đã có kho lưu trữ", en="an archive already exists")
    assert snapshot(arch["root"]) == before


def _read_only(root: Path, argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the CLI with ``root`` read-only: a private read-only bind mount (a user and mount
    namespace), or plain permissions when not root (root ignores them)."""
    if os.geteuid() != 0:
        mode = root.stat().st_mode
        root.chmod(0o555)
        try:
            return cli(*argv, env=env)
        finally:
            root.chmod(mode)
    script = ('mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && '
              'exec "$@"')
    out = subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", str(root), *CLI, *argv],
                         env=env, capture_output=True, text=True, timeout=300, cwd=REPO)
    assert "Traceback" not in out.stderr, out.stderr
    return out


def test_read_only_archive_folder_is_a_clear_error(arch: dict, tmp_path: Path) -> None:
    page = write_pages(tmp_path / "in", 1, dpi=150, seed=4)[0]
    before = snapshot(arch["root"])
    for argv in (["list"], ["process", str(page)], ["verify", "--all"]):
        out = _read_only(arch["root"], argv, arch["env"])
        _bilingual_fail(out, 1, vi="chỉ đọc hoặc không có quyền", en="read-only or no permission")
    assert snapshot(arch["root"]) == before


# --- search ----------------------------------------------------------------------------------

QUERIES = ['"', "*", "AND", "NEAR(", "-", '"quyết định', "quyết định\"", "(", ")", "NOT", "^",
           "a OR", "col:x", "😀🎉", "NEAR(a b", "{a b}", "'", "\\", "x AND OR NOT y",
           "quyết " * 2000, "-quyết", "số 15/QĐ-UBND*", "\x00"]


def test_search_never_breaks_on_fts5_syntax(arch: dict, capsys: pytest.CaptureFixture,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from digitize.cli import main

    monkeypatch.setenv("DIGITIZE_HOME", str(arch["root"]))
    monkeypatch.setenv("DIGITIZE_PASSPHRASE", PASS)
    for q in QUERIES:  # in-process: the same code as the command, without 20 interpreters
        code = main(["search", "--json", "--", q])  # any exception fails the test
        err = capsys.readouterr().err
        assert code in (0, 2), (q, err)
        if code == 2:  # a bad query is explained, with examples, in both languages
            assert "Câu tìm kiếm không hợp lệ" in err and "Invalid search query" in err, (q, err)
    # through the real command line too, and an ordinary query still works after all that
    for q in ('"quyết định', "NEAR(", "😀🎉"):
        assert cli("search", q, env=arch["env"]).returncode in (0, 2)
    out = cli("search", "--json", "--", "-quyết", env=arch["env"])
    assert out.returncode in (0, 2)
    assert cli("search", "quyết định", env=arch["env"]).returncode == 0


def test_search_retention_filter_and_paging(arch: dict, capsys: pytest.CaptureFixture,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from digitize.cli import main

    monkeypatch.setenv("DIGITIZE_HOME", str(arch["root"]))
    monkeypatch.setenv("DIGITIZE_PASSPHRASE", PASS)

    def hits(*opts: str) -> list[dict]:
        assert main(["search", "--json", *opts, "--", ""]) == 0
        return json.loads(capsys.readouterr().out)["hits"]

    everything = hits("--dossier", arch["id"], "--limit", "100")
    assert everything and all(h["dossier_id"] == arch["id"] for h in everything)
    assert hits("--retention", "01", "--limit", "100") == everything  # stored as Vĩnh viễn
    assert hits("--retention", "06") == []  # no dossier kept 10 years
    assert hits("--retention", "01", "--limit", "1") == everything[:1]
    assert hits("--dossier", arch["id"], "--limit", "1", "--offset", "1") == everything[1:2]
    assert hits("--retention", "01", "--offset", str(len(everything))) == []
    for bad in (("--limit", "-1"), ("--offset", "x")):
        out = cli("search", "quyết", *bad, env=arch["env"], timeout=60)
        assert out.returncode == 2 and "needs a whole number" in out.stderr, out.stderr


@pytest.mark.parametrize("opt,value", [("--from", "2020-13-01"), ("--to", "abc"),
                                       ("--from", "31/02/2024"), ("--to", "")])
def test_search_bad_dates_are_usage_errors(arch: dict, opt: str, value: str) -> None:
    out = cli("search", "quyết", opt, value, env=arch["env"], timeout=60)
    assert out.returncode == 2
    assert "ngày không hợp lệ" in out.stderr and "invalid date" in out.stderr


# --- decrypt ---------------------------------------------------------------------------------

def test_decrypt_never_overwrites_and_names_unknown_ids(arch: dict, tmp_path: Path) -> None:
    out_dir = tmp_path / "ra"
    out_dir.mkdir()
    keep = out_dir / "ghi-chu.txt"
    keep.write_text("đừng ghi đè", encoding="utf-8")
    out = cli("decrypt", arch["id"], "-o", str(out_dir), env=arch["env"])
    _bilingual_fail(out, 2, vi="đã có tệp; không ghi đè", en="not overwriting")
    assert [p.name for p in out_dir.iterdir()] == ["ghi-chu.txt"]
    assert keep.read_text(encoding="utf-8") == "đừng ghi đè"
    out = cli("decrypt", "HS-KHONG-CO", "-o", str(tmp_path / "moi"), env=arch["env"])
    _bilingual_fail(out, 1, vi="Không tìm thấy hồ sơ HS-KHONG-CO", en="HS-KHONG-CO not found")
    assert not (tmp_path / "moi").exists()
    # an empty folder is fine, and the files arrive
    (tmp_path / "trong").mkdir()
    out = cli("decrypt", arch["id"], "-o", str(tmp_path / "trong"), env=arch["env"])
    assert out.returncode == 0, out.stderr
    assert list((tmp_path / "trong" / "documents").glob("*.pdf"))


# --- keys ------------------------------------------------------------------------------------

def test_import_central_garbage_own_key_twice_and_missing(arch: dict, tmp_path: Path) -> None:
    env = arch["env"]
    garbage = tmp_path / "rac.pub"
    garbage.write_bytes(os.urandom(300))
    _bilingual_fail(cli("keys", "import-central", str(garbage), "--label", "X", env=env), 1,
                    vi="Tệp khóa công khai không hợp lệ", en="Invalid public key file")
    out = cli("keys", "import-central", str(tmp_path / "khong-co.pub"), "--label", "X", env=env)
    _bilingual_fail(out, 2, vi="không đọc được tệp khóa", en="cannot read the key file")
    own = tmp_path / "own.pub"
    assert cli("keys", "export-public", "-o", str(own), env=env).returncode == 0
    _bilingual_fail(cli("keys", "import-central", str(own), "--label", "Own", env=env), 1,
                    vi="Tệp khóa công khai không hợp lệ", en="own key")
    central = tmp_path / "central.pub"
    central.write_bytes(generate_central_keypair("trung tâm 123", kdf_params=TEST_PARAMS)[1])
    first = cli("keys", "import-central", str(central), "--label", "Trung tâm", env=env)
    second = cli("keys", "import-central", str(central), "--label", "Trung tâm", env=env)
    assert first.returncode == 0, first.stderr
    assert second.returncode in (0, 1), second.stderr
    shown = cli("keys", "show", env=env).stdout
    assert shown.count("Khóa trung tâm") == 1, shown  # imported once, whatever the second said
    assert cli("verify", "--all", env=env).returncode == 0


def test_restore_wrong_or_truncated_backup(arch: dict, tmp_path: Path) -> None:
    env = arch["env"]
    bp, wrong = tmp_path / "bp.txt", tmp_path / "wrong.txt"
    bp.write_text("sao lưu khóa 2026\n", encoding="utf-8")
    wrong.write_text("không phải\n", encoding="utf-8")
    backup = tmp_path / "kb.json"
    assert cli("keys", "backup", "-o", str(backup), "--backup-passphrase-file", str(bp),
               env=env).returncode == 0
    short = tmp_path / "kb-cut.json"
    short.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    target = tmp_path / "new-archive"
    cases = [(backup, wrong, 1, "Sai cụm mật khẩu của bản sao lưu",
              "Wrong passphrase for the key backup"),
             (short, bp, 3, "bị thay đổi hoặc hỏng", "corruption"),
             (tmp_path / "none.json", bp, 2, "không có tệp sao lưu", "no backup file"),
             (backup, tmp_path / "none.txt", 2, "Sai cách dùng", "Usage error")]
    for f, pw, code, vi, en in cases:
        out = cli("--archive", str(target), "keys", "restore", str(f),
                  "--backup-passphrase-file", str(pw), env=env)
        _bilingual_fail(out, code, vi=vi, en=en)
        assert not (target / "keystore.json").exists()
    # the existing archive's keystore is never overwritten, even by a good backup
    before = snapshot(arch["root"])
    out = cli("keys", "restore", str(backup), "--backup-passphrase-file", str(bp), env=env)
    assert out.returncode == 1 and "không ghi đè" in out.stderr
    assert snapshot(arch["root"]) == before
    # a good restore into a new folder opens with the backup's passphrase
    out = cli("--archive", str(target), "keys", "restore", str(backup),
              "--backup-passphrase-file", str(bp), env=env)
    assert out.returncode == 0, out.stderr
    assert keystore_opens(target, "sao lưu khóa 2026")


def test_passwd_then_old_and_new_passphrases(arch: dict, tmp_path: Path) -> None:
    env = arch["env"]
    new = tmp_path / "new.txt"
    new.write_text("cụm mật khẩu mới 2027\n", encoding="utf-8")
    out = cli("keys", "passwd", "--new-passphrase-file", str(tmp_path / "none.txt"), env=env)
    assert out.returncode == 2
    assert keystore_opens(arch["root"], PASS)
    assert cli("keys", "passwd", "--new-passphrase-file", str(new), env=env).returncode == 0
    _bilingual_fail(cli("list", env=env), 1, vi="Sai cụm mật khẩu", en="Wrong archive passphrase")
    env2 = {**env, "DIGITIZE_PASSPHRASE": "cụm mật khẩu mới 2027"}
    assert cli("verify", "--all", env=env2).returncode == 0
    out = cli("list", env=env2)
    assert arch["id"] in out.stdout


def keystore_opens(root: Path, pw: str) -> bool:
    """Whether the archive's keystore opens with ``pw``."""
    from archive.keystore import Keystore

    return bool(Keystore.unlock(root / "keystore.json", pw).fingerprint())


# --- export targets --------------------------------------------------------------------------

def test_export_bad_targets(arch: dict, tmp_path: Path) -> None:
    env = arch["env"]
    for url in ("not a url", "ftp://x/y", "s3://", "file://relative/x", "http://127.0.0.1:1/x",
                ""):
        out = cli("export", "--to", url, env=env)
        _bilingual_fail(out, 2, vi="Địa chỉ kho trung tâm không hợp lệ",
                        en="Invalid central storage address")
    # a read-only destination folder
    with Workspace.open(arch["root"], PASS) as ws:
        ws.keys.import_central_key(
            generate_central_keypair("trung tâm 123", kdf_params=TEST_PARAMS)[1], "Trung tâm")
    dest = tmp_path / "central"
    dest.mkdir()
    out = _read_only(dest, ["export", "--to", f"file://{dest}"], env)
    assert out.returncode == 1, (out.stdout, out.stderr)
    assert "không ghi được" in out.stderr and "not writable" in out.stderr, out.stderr
    assert not list(dest.iterdir())
    # the queue survived: the same export to a writable folder then sends the dossier
    out = cli("export", "--to", f"file://{dest}", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    assert list(dest.rglob("*"))


# --- page commands and argument values ----------------------------------------------------

def test_page_commands_and_bad_values(arch: dict, tmp_path: Path) -> None:
    env = arch["env"]
    page = write_pages(tmp_path / "in", 1, dpi=150, seed=5)[0]
    zero, text = tmp_path / "rỗng.png", tmp_path / "chữ.png"
    zero.write_bytes(b"")
    text.write_text("không phải ảnh", encoding="utf-8")
    bad_txt = tmp_path / "hỏng.txt"
    bad_txt.write_bytes(b"\xff\xfe\x00 not utf-8")
    before = snapshot(arch["root"])
    cases = [  # (argv, exit code, text in stderr)
        (["clean", str(zero), "-o", str(tmp_path / "o.png")], 1, "empty (0 bytes)"),
        (["clean", str(text), "-o", str(tmp_path / "o.png")], 1, "not a supported image"),
        (["clean", str(page), "-o", str(tmp_path / "o.xyz")], 2, "use .png, .jpg or .tif"),
        (["clean", str(page), "-o", str(tmp_path / "no" / "o.png")], 1, "cannot write"),
        (["ocr", str(zero)], 1, "empty (0 bytes)"),
        (["ocr", str(page), "--jobs", "-3"], 2, "whole number"),
        (["ocr", str(page), "--format", "pdf", "-o", str(tmp_path / "no" / "x.pdf")], 1,
         "File system error"),
        (["extract", str(bad_txt), "--json"], 1, "Cannot read file"),
        (["extract", str(tmp_path / "none.txt"), "--json"], 1, "Cannot read file"),
        (["process", str(page), "--jobs", "x"], 2, "whole number"),
        (["process", str(page), "--ocr-lang", "xyz"], 1, "tesseract-ocr-xyz"),
        (["import", str(page), "--dossier", ""], 2, "invalid dossier id"),
        (["import", str(page), "--dossier", "../x"], 2, "invalid dossier id"),
    ]
    # all at once: only one of them (process) opens the archive, and it must write nothing
    procs = [subprocess.Popen([*CLI, *argv], env=env, cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for argv, _c, _s in cases]
    for (argv, code, said), proc in zip(cases, procs, strict=True):
        _stdout, stderr = proc.communicate(timeout=300)
        assert "Traceback" not in stderr, (argv, stderr)
        assert proc.returncode == code and said in stderr, (argv, proc.returncode, stderr)
    assert snapshot(arch["root"]) == before  # none of them staged or logged anything


def test_import_into_a_stored_dossier_is_refused(arch: dict, tmp_path: Path) -> None:
    page = write_pages(tmp_path / "in", 1, dpi=150, seed=9)[0]
    before = snapshot(arch["root"])
    out = cli("import", str(page), "--dossier", arch["id"], env=arch["env"])
    _bilingual_fail(out, 2, vi="đã lưu, không thêm trang được", en="is already stored")
    assert snapshot(arch["root"]) == before  # no unprocessed page hangs off the sealed dossier


def test_failed_scan_or_import_leaves_no_empty_dossier(arch: dict, tmp_path: Path) -> None:
    env = arch["env"]
    zero = tmp_path / "rỗng.png"
    zero.write_bytes(b"")
    out = cli("scan", "--device", "khong-co:0", "--dossier", "HS-QUET", "--pages", "1", env=env)
    assert out.returncode == 1 and "khong-co:0" in out.stderr, out.stderr
    out = cli("import", str(zero), "--dossier", "HS-NHAP", env=env)
    assert out.returncode == 1 and "empty (0 bytes)" in out.stderr, out.stderr
    listed = cli("list", env=env).stdout
    assert "HS-QUET" not in listed and "HS-NHAP" not in listed, listed
    assert cli("verify", "--all", env=env).returncode == 0


def test_list_and_search_work_while_another_program_writes(arch: dict) -> None:
    with Workspace.open(arch["root"], PASS):  # a writer holds the archive's lock
        busy = cli("verify", "--all", env=arch["env"])
        assert busy.returncode != 0 and "in use by another program" in busy.stderr
        listed = cli("list", "--json", env=arch["env"])
        assert listed.returncode == 0 and arch["id"] in listed.stdout, listed.stderr
        found = cli("search", "quyết định", "--json", env=arch["env"])
        assert found.returncode == 0, found.stderr
