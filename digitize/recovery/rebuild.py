"""``digitize rebuild-catalog``: a new catalog from the containers, the keys and the audit log.

Every container in ``containers/`` is opened and fully verified (signatures, every file's
SHA-256) with the office's keys. The newest version of each dossier gives its dossier,
document and page rows (OCR from ``ocr/NNNN.json``, corrected text from ``corrections/``);
every version gives its ``containers`` row; the search index is built from the rows. The signed
audit log gives its head and the export state (``export.sent`` entries). What neither tells is
listed in :attr:`RebuildReport.not_recovered`.

Crash safety: the new catalog is written under a temporary name and put in place by renames
(an existing catalog is moved aside, never deleted), so a run killed at any moment leaves the
old catalog, or none, or the complete new one; running again finishes the job.
"""

from __future__ import annotations

import base64
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.accounts import Accounts
from archive.audit import AuditLog
from archive.catalog import Catalog
from archive.clock import now_vn
from archive.container import open_container, read_header
from archive.errors import ArchiveError, NotARecipient, TamperedError
from archive.fsutil import fsync_dir
from archive.keystore import HybridVerifier, Keystore
from archive.store import ContainerStore
from digitize.model import DossierStatus, PageStatus
from digitize.progress import ProgressEvent, ProgressFn, no_progress
from digitize.recovery.facts import DOSSIER_FORMATS
from digitize.store.rebuilt_rows import insert_rebuilt_dossier, mark_sent
from digitize.store.schema import MIGRATIONS
from digitize.store.search_index import reindex
from digitize.store.vault import (
    AUDIT_FILE,
    CATALOG_FILE,
    CONTAINERS_DIR,
    KEYSTORE_FILE,
    LOCK_FILE,
    _take_lock,
)

__all__ = ["RebuildReport", "rebuild_catalog"]

_TMP = "catalog.db.rebuild"
_SIDE = ("", "-wal", "-shm")
#: What a catalog holds that no container or log entry tells (said after every rebuild).
LOST_ALWAYS = (
    "dossiers not yet sealed (staged pages) / hồ sơ đang xử lý chưa đóng gói",
    "signing key setup (PKCS#12 or token) and CRLs: set them up again / "
    "cấu hình khóa ký số và CRL: cần thiết lập lại",
    "storage target settings / cấu hình nơi lưu trữ trung tâm",
)


@dataclass
class RebuildReport:
    """What a rebuild found and did."""

    containers: int = 0
    dossiers: int = 0
    versions: int = 0
    pages: int = 0
    documents: int = 0
    exports: int = 0
    v1_dossiers: list[str] = field(default_factory=list)  # rebuilt from format-1 containers
    failed: list[tuple[str, str]] = field(default_factory=list)  # (container, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (container, reason)
    not_recovered: list[str] = field(default_factory=list)
    moved_aside: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return dict(self.__dict__)


@dataclass
class _Version:
    id: str
    size: int
    manifest: dict[str, Any]
    meta: dict[str, Any]

    @property
    def dossier(self) -> str:
        return str(self.meta.get("dossier", {}).get("id", ""))

    @property
    def number(self) -> int:
        return int(self.meta.get("version") or 0)

    @property
    def time(self) -> str:
        return str(self.meta.get("revised") or self.meta.get("sealed") or "")


def _remove(root: Path, name: str) -> None:
    for suffix in _SIDE:
        (root / (name + suffix)).unlink(missing_ok=True)


def _signers(root: Path, keys: Keystore) -> dict[bytes, HybridVerifier]:
    """Keys a container may be signed by: the office key and the user keys it certified."""
    certified = Accounts(root).certified_keys(keys.verifier())
    return {v.to_bytes(): v for v in [keys.verifier(), *(k for ks in certified.values()
                                                         for k in ks)]}


def _signer(store: ContainerStore, cid: str, signers: dict[bytes, HybridVerifier]
            ) -> HybridVerifier:
    """The key that signed container ``cid``, if it is one this office trusts (else the office
    key, whose check then fails and names the container)."""
    with store.open(cid) as fh:
        named = base64.b64decode(str(read_header(fh, name=cid).get("signer", "")))
    return signers.get(named) or next(iter(signers.values()))


def _scan(root: Path, keys: Keystore, report: RebuildReport, progress: ProgressFn
          ) -> dict[str, list[_Version]]:
    """Open and verify every container; group the dossier versions by dossier."""
    store = ContainerStore(root / CONTAINERS_DIR)
    store.recover()
    ids = store.ids()
    signers = _signers(root, keys)
    by_dossier: dict[str, list[_Version]] = defaultdict(list)
    for n, cid in enumerate(ids, 1):
        progress(ProgressEvent("scan", n, len(ids)))
        try:
            signer = _signer(store, cid, signers)
            with store.open(cid) as fh:
                store.verify(cid, signer)
                oc = open_container(fh, keys, signer_public=signer, name=cid)
                v = _Version(cid, store.path(cid).stat().st_size, oc.manifest, oc.metadata)
        except NotARecipient:
            report.skipped.append((cid, "not encrypted for this office / không mã hóa cho cơ quan"))
            continue
        except (TamperedError, ArchiveError, ValueError, KeyError) as e:
            reason = e.message("en") if isinstance(e, ArchiveError) else str(e)
            report.failed.append((cid, reason))
            continue
        if v.meta.get("format") not in DOSSIER_FORMATS or not v.dossier or v.number < 1:
            report.skipped.append((cid, f"not a dossier version ({v.meta.get('format')})"))
            continue
        report.containers += 1
        by_dossier[v.dossier].append(v)
    return by_dossier


def _chain(versions: list[_Version], report: RebuildReport) -> list[_Version]:
    """One container per version number: the one the next version names as predecessor,
    else the newest; the others are reported (they stay on disk, quarantined at next open)."""
    by_number: dict[int, list[_Version]] = defaultdict(list)
    for v in versions:
        by_number[v.number].append(v)
    named = {v.meta.get("predecessor") for v in versions}
    kept = []
    for number in sorted(by_number):
        cands = sorted(by_number[number], key=lambda v: (v.id in named, v.time, v.id))
        kept.append(cands[-1])
        for v in cands[:-1]:
            report.skipped.append((v.id, f"second container for version {number} of "
                                         f"{v.dossier} (interrupted run)"))
    return kept


def _iso(issued: Any) -> str | None:
    s = str(issued or "")
    return f"{s[6:10]}-{s[3:5]}-{s[0:2]}" if len(s) == 10 else None


def _insert_dossier(cat: Catalog, root: Path, keys: Keystore, versions: list[_Version],
                    report: RebuildReport) -> list[int]:
    """Rows of one dossier from its versions (the newest gives the current state)."""
    latest, first = versions[-1], versions[0]
    meta, did = latest.meta, latest.dossier
    rec = meta.get("record") or {}
    if not meta.get("record"):
        report.v1_dossiers.append(did)
    dossier = meta.get("dossier", {})
    store = ContainerStore(root / CONTAINERS_DIR)
    with store.open(latest.id) as fh:
        oc = open_container(fh, keys, signer_public=_signer(store, latest.id,
                                                            _signers(root, keys)),
                            name=latest.id)
        names = set(oc.names())
        ocr = {p["seq"]: oc.read(f"ocr/{p['seq']:04d}.json").decode()
               for p in meta.get("pages", []) if f"ocr/{p['seq']:04d}.json" in names}
        fixed = {p["seq"]: oc.read(f"corrections/{p['seq']:04d}.txt").decode("utf-8")
                 for p in meta.get("pages", []) if f"corrections/{p['seq']:04d}.txt" in names}
    sources = {s[0]: (s[1], s[2]) for s in rec.get("sources", [])}
    dossier_row = {
        "id": did, "job_key": rec.get("job_key"), "title": dossier.get("title", ""),
        "file_code": dossier.get("fileCode"), "status": DossierStatus.STORED,
        "created": rec.get("created") or first.meta.get("sealed") or now_vn().isoformat(),
        "updated": latest.time or now_vn().isoformat(),
        "meta": json.dumps({k: v for k, v in dossier.items() if k != "id"},
                           ensure_ascii=False),
        "secrecy": rec.get("secrecy") or dossier.get("secrecy") or "",
        "owner": rec.get("owner", ""), "version": latest.number, "container_id": latest.id}
    containers = [{"id": v.id, "dossier_id": did, "version": v.number, "size": v.size,
                   "created": v.time, "manifest": json.dumps(v.manifest, sort_keys=True)}
                  for v in versions]
    pages = []
    for p in meta.get("pages", []):
        seq = p["seq"]
        o = json.loads(ocr.get(seq) or "{}")
        src, idx = sources.get(seq, (f"rebuilt:{latest.id[:16]}", seq))
        pages.append({
            "dossier_id": did, "seq": seq, "source": src, "source_index": idx,
            "status": PageStatus.STORED, "dpi": p.get("dpi"), "width": o.get("width"),
            "height": o.get("height"), "quality": json.dumps(p.get("quality", {})),
            "history": json.dumps(p.get("history", []), ensure_ascii=False),
            "blank": int(bool(p.get("blank"))), "doc_seq": p.get("doc"),
            "ocr": ocr.get(seq), "text": fixed.get(seq, o.get("text")),
            "mean_conf": o.get("mean_conf")})
    documents = []
    for n, m in enumerate(meta.get("documents", []), 1):
        seqs = [p["seq"] for p in meta.get("pages", []) if p.get("doc") == n]
        documents.append({
            "doc_id": m["docId"], "dossier_id": did, "seq": n,
            "meta": json.dumps(m, ensure_ascii=False),
            "first_page": seqs[0] if seqs else None, "n_pages": len(seqs),
            "pdf_name": f"{m['docId']}.pdf", "type_code": m.get("typeName"),
            "issued": _iso(m.get("issuedDate")), "organ": m.get("organName"),
            "notation": f"{m.get('codeNumber', '')}/{m.get('codeNotation', '')}"})
    page_ids = insert_rebuilt_dossier(cat, dossier_row, containers, pages, documents)
    report.documents += len(documents)
    report.dossiers += 1
    report.versions += len(versions)
    report.pages += len(page_ids)
    return page_ids


def _settings(cat: Catalog, root: Path, keys: Keystore, newest: list[_Version]) -> None:
    """Office, counters of file codes, trust anchors and offline mode, from the newest facts."""
    office = {"code": keys.office_code, "name": keys.office_name}
    cat.set_setting("office", office)
    created = json.loads((root / KEYSTORE_FILE).read_text(encoding="utf-8")).get("created")
    cat.set_setting("created", created or now_vn().isoformat())
    counters: dict[str, int] = {}
    for v in newest:
        code = str(v.meta.get("dossier", {}).get("fileCode") or "")
        year, _, no = code[len(office["code"]) + 1:].partition(".")
        if code.startswith(office["code"] + ".") and year.isdigit() and no.isdigit():
            counters[year] = max(counters.get(year, 0), int(no))
    for year, n in counters.items():
        cat.set_setting(f"dossier_counter.{year}", n)
    facts = [v.meta["record"] for v in sorted(newest, key=lambda v: v.time)
             if v.meta.get("record")]
    if facts:
        roots = facts[-1].get("pades", {}).get("roots") or []
        if roots:
            cat.set_setting("signing_trust", roots)
        if any(f.get("offline_mode") for f in facts):
            cat.set_setting("offline_mode", True)


def _from_audit(cat: Catalog, root: Path, keys: Keystore, report: RebuildReport) -> None:
    """The audit log's head and the export state it records (verified entries only)."""
    certified = Accounts(root).certified_keys(keys.verifier())
    log = AuditLog(root / AUDIT_FILE, None, keys.verifier(),
                   lambda actor: certified.get(actor, ()))
    target, head = "", None
    try:
        for e in log.entries():
            head = [e.seq, e.hash]
            if e.action == "export.run":
                target = str(e.details.get("target") or "")
            elif e.action == "export.sent" and target and e.record:
                _sent(cat, target, e.record, e.details, e.time)
                report.exports += 1
    except ArchiveError as e:
        report.not_recovered.append(f"audit log after entry {head[0] if head else 0} "
                                    f"({e.message('en')})")
    if head:
        cat.set_setting("audit_head", head)


def _sent(cat: Catalog, target: str, did: str, d: dict[str, Any], when: str) -> None:
    mark_sent(cat, target, did, int(d.get("version") or 0), package=d.get("package"),
              key=d.get("key"), size=d.get("size"), checksum=d.get("checksum"), when=when)


def _put_in_place(root: Path) -> str | None:
    """Move an existing catalog aside and the rebuilt one to its name (renames only)."""
    aside = None
    if (root / CATALOG_FILE).exists():
        aside = f"{CATALOG_FILE}.before-rebuild-{now_vn():%Y%m%dT%H%M%S}"
        for suffix in reversed(_SIDE):  # the main file last: until then it is still whole
            if (root / (CATALOG_FILE + suffix)).exists():
                os.replace(root / (CATALOG_FILE + suffix), root / (aside + suffix))
    for suffix in ("-wal", "-shm"):
        (root / (CATALOG_FILE + suffix)).unlink(missing_ok=True)
    os.replace(root / _TMP, root / CATALOG_FILE)
    fsync_dir(root)
    return aside


def rebuild_catalog(root: Path, keys: Keystore, *, progress: ProgressFn = no_progress
                    ) -> RebuildReport:
    """Build a new catalog for the archive in ``root`` from its containers and audit log.

    Args:
        root: The archive folder (its lock is taken: no other program may write meanwhile).
        keys: The unlocked keystore.
        progress: Receives ``ProgressEvent("scan", n, total)`` per container.

    Returns:
        What was rebuilt, what failed verification, and what could not be recovered.

    Raises:
        ArchiveBusy: another program has the archive open for writing.
    """
    root = Path(root)
    report = RebuildReport(not_recovered=list(LOST_ALWAYS))
    lock = _take_lock(root / LOCK_FILE)
    try:
        by_dossier = _scan(root, keys, report, progress)
        _remove(root, _TMP)
        cat = Catalog(root / _TMP, keys.catalog_key(), MIGRATIONS)
        try:
            newest = []
            for did in sorted(by_dossier):
                versions = _chain(by_dossier[did], report)
                _insert_dossier(cat, root, keys, versions, report)
                newest.append(versions[-1])
            _settings(cat, root, keys, newest)
            _from_audit(cat, root, keys, report)
            reindex(cat)
        finally:
            cat.close()
        if report.v1_dossiers:
            report.not_recovered.append(
                f"{len(report.v1_dossiers)} dossier(s) sealed in format 1: owner, job key, "
                "capture sources and creation time / người tạo, nguồn quét, thời điểm tạo")
        report.moved_aside = _put_in_place(root)
    finally:
        lock.close()
    return report
