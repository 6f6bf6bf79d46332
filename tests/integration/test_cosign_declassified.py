"""Co-signing a GIẢI MẬT confirmation in the clerk's session (#23/#24).

Before: a clerk's dossier lives in the clerk's own staging database, which an archivist or
admin signed in on their own account cannot open, so a clerk's GIẢI MẬT page could never be
confirmed. Now the archivist types their own name and password on the clerk's screen; the
core checks them (Argon2id, office-signed accounts file) and the role, and audits the
confirmation under the archivist's own key."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from digitize.devtools.sample_marks import RED, Mark, stamp
from digitize.session import setup_archive, sign_in
from tests.integration.test_leaks import _token
from tests.integration.test_secrecy_refusals import _page_with, _png

pytestmark = pytest.mark.integration

USERS = {"luutru": ("matkhau-luutru-2026", "archivist"), "vanthu": ("matkhau-vanthu-2026", "clerk"),
         "vanthu2": ("matkhau-vanthu2-2026", "clerk")}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "kho"
    s, _p = setup_archive(root, office_code="H47.01", office_name="UBND xã Mỹ Lâm",
                          admin="quantri", password="matkhau-quantri-2026",
                          kdf_params=TEST_PARAMS)
    try:
        for name, (pw, role) in USERS.items():
            s.add_account(name, pw, role)
    finally:
        s.close()
    return root


def test_an_archivist_cosigns_a_clerks_giai_mat_page(archive: Path, tmp_path: Path) -> None:
    from digitize.errors_secrecy import CosignRefused, DeclassifiedPending
    from digitize.pipeline import cosign

    img = stamp(_page_with(f"KM{_token()}"), Mark("GIẢI MẬT", RED, "rect", 4, 0.7, 0.8), 150)
    page = _png(tmp_path / "in", "giai-mat.png", img)
    session = sign_in(archive, "vanthu", USERS["vanthu"][0])
    try:
        ws = session.workspace
        with pytest.raises(DeclassifiedPending) as ei:
            ws.capture.process([page], title="Tài liệu đã giải mật", jobs=1)
        did = ei.value.fields["dossier"]
        cosign._failures.clear()
        refusals = [("luutru", "sai-mat-khau", "credentials"),
                    ("vanthu", USERS["vanthu"][0], "self"),
                    ("vanthu2", USERS["vanthu2"][0], "role"),
                    ("khongco", "gi-cung-duoc", "credentials")]
        for name, pw, reason in refusals:
            with pytest.raises(CosignRefused) as er:
                ws.capture.confirm_declassified_cosigned(did, 1, name, pw)
            assert er.value.reason == reason
            assert "lưu trữ viên hoặc quản trị viên" in er.value.message("vi")
            assert "archivist or admin" in er.value.message("en")
        assert [p.status for p in ws.capture.secret_pages(did)] == ["declassified"]
        by = ws.capture.confirm_declassified_cosigned(did, 1, " LuuTru ", USERS["luutru"][0])
        assert by == "luutru"
        assert ws.capture.secret_pages(did) == []
        r = ws.capture.process([page], title="Tài liệu đã giải mật", jobs=1)
        assert r.dossier_id == did and r.pages == 1
        entries = list(ws.audit.entries())  # verifies every signature, the confirmer's included
        [ev] = [e for e in entries if e.action == "secrecy.declassified_confirmed"]
        assert ev.actor == "luutru" and ev.record == did
        assert ev.details == {"page": 1, "by": "luutru", "session": "vanthu", "cosigned": True}
        refused = [e.details["reason"] for e in entries if e.action == "secrecy.cosign_refused"]
        assert refused == ["credentials", "self", "role", "credentials"]
    finally:
        session.close()


def test_failed_attempts_are_throttled(archive: Path, tmp_path: Path) -> None:
    from digitize.errors_secrecy import CosignRefused, DeclassifiedPending
    from digitize.pipeline import cosign

    img = stamp(_page_with(f"KM{_token()}"), Mark("GIẢI MẬT", RED, "rect", 4, 0.7, 0.8), 150)
    page = _png(tmp_path / "in", "giai-mat.png", img)
    session = sign_in(archive, "vanthu", USERS["vanthu"][0])
    try:
        ws = session.workspace
        with pytest.raises(DeclassifiedPending) as ei:
            ws.capture.process([page], title="Giải mật", jobs=1)
        did = ei.value.fields["dossier"]
        cosign._failures.clear()
        t = [1000.0]
        for _ in range(cosign.MAX_FAILURES):
            with pytest.raises(CosignRefused):
                cosign.confirm_cosigned(ws, did, 1, "luutru", "sai", clock=lambda: t[0])
        with pytest.raises(CosignRefused) as er:  # even the right password, for a while
            cosign.confirm_cosigned(ws, did, 1, "luutru", USERS["luutru"][0],
                                    clock=lambda: t[0])
        assert er.value.reason == "throttled"
        t[0] += cosign.WINDOW_S
        assert cosign.confirm_cosigned(ws, did, 1, "luutru", USERS["luutru"][0],
                                       clock=lambda: t[0]) == "luutru"
    finally:
        session.close()


def test_cli_confirms_as_the_clerk_with_the_confirmers_password(archive: Path,
                                                                 tmp_path: Path) -> None:
    import os
    import subprocess

    from digitize.errors_secrecy import DeclassifiedPending
    from tests.integration.test_leaks import CLI

    img = stamp(_page_with(f"KM{_token()}"), Mark("GIẢI MẬT", RED, "rect", 4, 0.7, 0.8), 150)
    page = _png(tmp_path / "in", "giai-mat.png", img)
    with closing(sign_in(archive, "vanthu", USERS["vanthu"][0])) as session:
        with pytest.raises(DeclassifiedPending) as ei:
            session.workspace.capture.process([page], title="Giải mật", jobs=1)
    did = ei.value.fields["dossier"]
    pw = {n: tmp_path / f"{n}.pw" for n in USERS}
    for n, f in pw.items():
        f.write_text(USERS[n][0], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGITIZE_")}
    env["DIGITIZE_HOME"] = str(archive)
    base = [*CLI, "--user", "vanthu", "--password-file", str(pw["vanthu"]), "--lang", "en",
            "secret", "confirm-declassified", did, "--page", "1", "--confirmer"]
    bad = subprocess.run([*base, "vanthu2", "--confirmer-password-file", str(pw["vanthu2"])],
                         env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "not an archivist or admin" in bad.stderr, bad.stderr
    ok = subprocess.run([*base, "luutru", "--confirmer-password-file", str(pw["luutru"])],
                        env=env, capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    with closing(sign_in(archive, "vanthu", USERS["vanthu"][0])) as session:
        ws = session.workspace
        assert ws.capture.secret_pages(did) == []
        assert ws.capture.process([page], title="Giải mật", jobs=1).dossier_id == did
