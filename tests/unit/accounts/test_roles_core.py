"""Roles hold in the core, not only in the GUI: revising, regrouping, exporting and keys.

Before issue #17 ``save_revision``, the regrouping functions and ``export`` checked no role, so
a clerk's or an archivist's workspace (or a script on it) could do what the GUI hides.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive._hazmat.kdf import TEST_PARAMS
from digitize.core import Workspace
from digitize.errors import PermissionDenied
from digitize.roles import can, require
from digitize.transfer.export import ExportOptions, export
from tests.unit.export.fake_dossiers import make_stored_dossier

PASS = "cum-mat-khau-thu"


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Path, str, str]:
    """An archive with two stored dossiers: one of clerk ``lan``, one of someone else."""
    root = tmp_path / "kho"
    with Workspace.init(root, PASS, office_code="H47", office_name="UBND",
                        kdf_params=TEST_PARAMS) as ws:
        own, other = make_stored_dossier(ws, 1), make_stored_dossier(ws, 2)
        ws.catalog.execute("UPDATE dossiers SET owner = 'lan' WHERE id = ?", (own,))
        ws.catalog.execute("UPDATE dossiers SET owner = 'minh' WHERE id = ?", (other,))
    return root, own, other


def _open(root: Path, user: str, role: str) -> Workspace:
    return Workspace.open(root, PASS, actor=user, role=role)


def _version(ws: Workspace, did: str) -> int:
    return ws.catalog.one("SELECT version FROM dossiers WHERE id = ?", (did,))["version"]


def test_a_clerk_revises_only_their_own_dossiers(archive: tuple[Path, str, str]) -> None:
    root, own, other = archive
    with _open(root, "lan", "clerk") as ws:
        with pytest.raises(PermissionDenied):
            ws.records.save_revision(other, documents={"H47.2025.02.1": {"subject": "Sửa"}})
        assert _version(ws, other) == 1
        ws.records.save_revision(own, documents={"H47.2025.01.1": {"subject": "Sửa"}})
        assert _version(ws, own) == 2


def test_a_clerk_cannot_regroup_another_users_dossier(archive: tuple[Path, str, str]) -> None:
    root, _own, other = archive
    with _open(root, "lan", "clerk") as ws:
        with pytest.raises(PermissionDenied):
            ws.records.merge_with_next(other, 0)
        with pytest.raises(PermissionDenied):
            ws.records.split_document_at(other, 0, 1)
        assert _version(ws, other) == 1


def test_an_archivist_revises_any_dossier_but_cannot_export(archive: tuple[Path, str, str],
                                                             tmp_path: Path) -> None:
    root, _own, other = archive
    with _open(root, "thu", "archivist") as ws:
        ws.records.save_revision(other, page_texts={1: "Văn bản đã sửa"})
        assert _version(ws, other) == 2
        out = tmp_path / "usb"
        out.mkdir()
        with pytest.raises(PermissionDenied):
            ws.transfer.export(out.as_uri(), dry_run=True)
        with pytest.raises(PermissionDenied):  # the core function itself, not only the facade
            export(ws, ExportOptions(to=out.as_uri(), dry_run=True))
        with pytest.raises(PermissionDenied):
            ws.office_keys.backup(tmp_path / "keys.bak", "mat-khau-sao-luu")
        assert not (tmp_path / "keys.bak").exists()


def test_require_is_the_one_rule() -> None:
    class Who:
        def __init__(self, actor: str, role: str) -> None:
            self.actor, self.role = actor, role

    require(Who("a", "admin"), "export")
    with pytest.raises(PermissionDenied) as e:
        require(Who("lan", "clerk"), "export")
    assert e.value.code == "digitize.permission_denied" and "lan" in e.value.message("vi")
    require(Who("lan", "clerk"), "edit_metadata", owner="lan")
    with pytest.raises(PermissionDenied):
        require(Who("lan", "clerk"), "edit_metadata", owner="minh")
    assert can("archivist", "edit_metadata") and not can("clerk", "edit_metadata")
