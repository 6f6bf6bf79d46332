"""Between a clerk's staging and the records catalog: the inbox of sealed dossiers.

A clerk holds no key of the records catalog or its search index (docs/threat-model.md). When
a clerk seals a dossier, its container (sealed to the office public key, signed by the clerk's
certified key) is stored, a marker naming it is left in ``inbox/``, and the dossier's rows
(pages, OCR text, metadata) are erased from the clerk's staging database. The next archivist
or admin unlock reads the container and indexes it into the catalog (:func:`intake`).

Also here: the clerk's staging database path, private output files, the shared file-code
counter and the keystore generation check.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from archive.clock import now_iso
from archive.container import open_container
from archive.errors import ArchiveError, TamperedError
from archive.fsutil import atomic_write
from digitize.errors import DigitizeError
from digitize.store.search_index import index_pages

#: The open ``digitize.store.vault.Vault`` (not imported: it imports this module).
Workspace = Any

__all__ = ["INBOX_DIR", "WORK_DIR", "audit_generation", "check_generation", "intake",
           "next_counter", "queue_sealed", "work_db_path", "write_private"]

INBOX_DIR = "inbox"
WORK_DIR = "work"
COUNTERS_FILE = "counters.json"


def work_db_path(root: Path, user: str, work_key: bytes | None) -> Path:
    """A user's own staging database: named by the user and their work key's id."""
    if not work_key:
        raise ValueError("a clerk's workspace needs the account's work key")
    folder = Path(root) / WORK_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / f"{user}.{hashlib.sha256(work_key).hexdigest()[:12]}.db"


def write_private(path: Path, data: bytes) -> None:
    """Write a new file readable by its owner only (0600); never replaces one."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def next_counter(ws: Workspace, key: str) -> int:
    """The next number of a counter shared by every account (file codes): the plain file
    ``counters.json`` (numbers only) and the catalog's own copy, whichever is higher."""
    path = ws.root / COUNTERS_FILE
    try:
        counters = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        counters = {}
    n = max(int(counters.get(key, 0)), int(ws.catalog.get_setting(key, 0))) + 1
    counters[key] = n
    atomic_write(path, json.dumps(counters, sort_keys=True).encode())
    ws.catalog.set_setting(key, n)
    return n


def check_generation(ws: Workspace) -> None:
    """Refuse a keystore older than the generation the catalog (or a clerk's staging
    database) saw: an old copy of ``keystore.json`` would bring back removed central keys.

    Raises:
        TamperedError: the keystore's generation is lower than the recorded one.
    """
    seen = int(ws.catalog.get_setting("keystore_generation", 0))
    gen = int(ws.keys.generation)
    if gen < seen:
        raise TamperedError(f"keystore.json: generation {gen} is older than generation {seen} "
                            "recorded in the catalog (an old copy of the key file?)")
    if gen > seen and not ws.readonly:
        ws.catalog.set_setting("keystore_generation", gen)


def audit_generation(ws: Workspace) -> int:
    """The highest keystore generation the audit log names (key changes log it)."""
    gens = [e.details.get("generation") for e in ws.audit.entries()]
    return max([g for g in gens if isinstance(g, int)], default=0)


def queue_sealed(ws: Workspace, did: str, cid: str) -> None:
    """A clerk sealed ``did`` as container ``cid``: leave the marker, erase the rows."""
    folder = ws.root / INBOX_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    atomic_write(folder / f"{cid}.json",
                 json.dumps({"container": cid, "dossier": did, "by": ws.actor}).encode())
    with ws.catalog.atomic() as db:  # secure_delete: the erased rows are overwritten
        db.execute("DELETE FROM page_blobs WHERE page_id IN "
                   "(SELECT id FROM pages WHERE dossier_id = ?)", (did,))
        db.execute("DELETE FROM pages WHERE dossier_id = ?", (did,))
        db.execute("DELETE FROM documents WHERE dossier_id = ?", (did,))
        db.execute("UPDATE dossiers SET status = 'stored', container_id = ?, meta = '{}', "
                   "updated = ? WHERE id = ?", (cid, now_iso(), did))


def intake(ws: Workspace) -> int:
    """Index the dossiers that clerks sealed into the catalog (archivist or admin unlock).

    A marker whose container fails verification stays unindexed (its container is then
    quarantined as an orphan) and the refusal is logged. Returns how many were indexed.
    """
    folder = ws.root / INBOX_DIR
    if ws.work_only or not folder.is_dir():
        return 0
    known = {r["id"] for r in ws.catalog.query("SELECT id FROM containers")}
    n = 0
    for marker in sorted(folder.glob("*.json")):
        cid = marker.stem
        if cid not in known and ws.store.has(cid):
            try:
                _index_container(ws, cid)
                n += 1
            except (ArchiveError, DigitizeError, ValueError, KeyError, TypeError) as e:
                ws.log("dossier.intake_refused", cid, {"reason": str(e)[:200]})
        with contextlib.suppress(FileNotFoundError):
            marker.unlink()
    return n


def _signer_name(ws: Workspace, header_signer: Any) -> str:
    for name, keys in ws._certified.items():
        if header_signer in keys:
            return name
    return ""


def _index_container(ws: Workspace, cid: str) -> None:
    with ws.store.open(cid) as fh:
        oc = open_container(fh, ws.keys, signer_public=ws.signers(), name=cid)
        meta, manifest = oc.metadata, oc.manifest
        ocr = {int(n[4:8]): oc.read(n).decode("utf-8") for n in oc.names()
               if n.startswith("ocr/") and n[4:8].isdigit()}
        fixed = {int(n[12:16]): oc.read(n).decode("utf-8") for n in oc.names()
                 if n.startswith("corrections/") and n[12:16].isdigit()}
        owner = _signer_name(ws, oc._p.signer)
    dossier = dict(meta["dossier"])
    did, title = dossier.pop("id"), dossier.pop("title", "")
    if ws.catalog.one("SELECT 1 FROM dossiers WHERE id = ?", (did,)):
        raise TamperedError(f"{cid}: dossier {did} is in the catalog already")
    pages = meta.get("pages", [])
    now = now_iso()
    with ws.catalog.atomic() as db:
        db["dossiers"].insert({"id": did, "title": title, "file_code": dossier.get("fileCode"),
                               "status": "stored", "created": meta.get("sealed", now),
                               "updated": now, "meta": json.dumps(dossier, ensure_ascii=False),
                               "secrecy": meta.get("secrecy", ""), "owner": owner,
                               "version": int(meta.get("version", 1)), "container_id": cid})
        db["containers"].insert({"id": cid, "dossier_id": did,
                                 "version": int(meta.get("version", 1)),
                                 "size": ws.store.path(cid).stat().st_size, "created": now,
                                 "manifest": json.dumps(manifest, sort_keys=True)})
        for n, m in enumerate(meta.get("documents", []), 1):
            mine = [p["seq"] for p in pages if p.get("doc") == n]
            issued = str(m.get("issuedDate", ""))
            db["documents"].insert({
                "doc_id": m["docId"], "dossier_id": did, "seq": n,
                "meta": json.dumps(m, ensure_ascii=False),
                "first_page": min(mine) if mine else None, "n_pages": len(mine),
                "pdf_name": f"{m['docId']}.pdf", "type_code": m.get("typeName"),
                "issued": f"{issued[6:10]}-{issued[3:5]}-{issued[0:2]}"
                if len(issued) == 10 else None, "organ": m.get("organName"),
                "notation": f"{m.get('codeNumber', '')}/{m.get('codeNotation', '')}"})
        ids = []
        for p in pages:
            words = json.loads(ocr.get(p["seq"], "{}") or "{}")
            ids.append(db["pages"].insert({
                "dossier_id": did, "seq": p["seq"], "source": f"container:{cid[:16]}",
                "source_index": p["seq"], "status": "stored", "dpi": p.get("dpi"),
                "width": words.get("width"), "height": words.get("height"),
                "quality": json.dumps(p.get("quality", {}), ensure_ascii=False),
                "history": json.dumps(p.get("history", []), ensure_ascii=False),
                "blank": int(bool(p.get("blank"))), "doc_seq": p.get("doc"),
                "ocr": ocr.get(p["seq"]), "mean_conf": words.get("mean_conf"),
                "text": fixed.get(p["seq"], words.get("text"))}).last_pk)
        index_pages(ws.catalog, ids)
    ws.log("dossier.index", did, {"container": cid, "pages": len(ids), "by": owner})
