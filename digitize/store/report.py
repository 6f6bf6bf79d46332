"""Digitization progress against the targets: dossiers and pages digitized, signed, sent."""

from __future__ import annotations

import json
from typing import Any

from archive.catalog import Catalog
from digitize.model import LOW_CONFIDENCE, AwaitingPage, DossierStatus
from digitize.store.vault import Vault

__all__ = ["backup_age_text", "pages_awaiting_review", "progress_report", "render_text"]

def pages_awaiting_review(catalog: Catalog, limit: int = 200) -> list[AwaitingPage]:
    """Pages awaiting review, newest dossier first (at most ``limit``)."""
    rows = catalog.query(
        "SELECT p.dossier_id, p.seq, p.mean_conf, d.title FROM pages p "
        "JOIN dossiers d ON d.id = p.dossier_id WHERE (p.mean_conf IS NOT NULL AND "
        "p.mean_conf < ?) OR p.quality LIKE '%\"code\"%' ORDER BY d.created DESC, p.seq "
        "LIMIT ?", (LOW_CONFIDENCE, limit))
    return [AwaitingPage(r["dossier_id"], r["title"], r["seq"], r["mean_conf"]) for r in rows]


def progress_report(ws: Vault) -> dict[str, Any]:
    """Counts for the dashboard and ``digitize report`` (all from the catalog)."""
    q = ws.catalog.query
    by_status = {r["status"]: r["n"] for r in q(
        "SELECT status, COUNT(*) AS n FROM dossiers GROUP BY status")}
    stored = by_status.get(DossierStatus.STORED, 0)
    total = sum(by_status.values())
    pages = q("SELECT COUNT(*) AS n, SUM(blank) AS blank, "
              "SUM(CASE WHEN quality LIKE '%\"code\"%' THEN 1 ELSE 0 END) AS flagged, "
              "SUM(CASE WHEN mean_conf IS NOT NULL AND mean_conf < ? THEN 1 ELSE 0 END) "
              "AS low_conf FROM pages", (LOW_CONFIDENCE,))[0]
    sent = 0
    if q("SELECT name FROM sqlite_master WHERE name = 'upload_queue'"):  # the export queue
        sent = q("SELECT COUNT(DISTINCT dossier_id) AS n FROM upload_queue WHERE state = 'sent'"
                 )[0]["n"]
    months = q("SELECT substr(d.created, 1, 7) AS month, COUNT(DISTINCT d.id) AS dossiers, "
               "COUNT(p.id) AS pages FROM dossiers d LEFT JOIN pages p ON p.dossier_id = d.id "
               "WHERE d.status = ? GROUP BY month ORDER BY month", (DossierStatus.STORED,))
    types = q("SELECT COALESCE(type_code, '32') AS type, COUNT(*) AS documents, "
              "SUM(n_pages) AS pages FROM documents GROUP BY type ORDER BY documents DESC")
    return {
        "office": ws.office,
        "dossiers": {"total": total, "stored": stored, "in_progress": total - stored,
                     "signed": stored, "sent": sent},
        "pages": {"total": pages["n"] or 0, "blank_flagged": pages["blank"] or 0,
                  "quality_flagged": pages["flagged"] or 0,
                  "awaiting_review": (pages["flagged"] or 0) + (pages["low_conf"] or 0)},
        "documents": sum(t["documents"] for t in types),
        "percent_stored": round(100.0 * stored / total, 1) if total else 0.0,
        "percent_sent": round(100.0 * sent / stored, 1) if stored else 0.0,
        "by_month": months,
        "by_type": types,
    }


def render_text(rep: dict[str, Any]) -> str:
    """A readable summary of :func:`progress_report` (Vietnamese, English in brackets)."""
    d, p = rep["dossiers"], rep["pages"]
    lines = [
        f"Cơ quan / office: {rep['office'].get('name', '')} ({rep['office'].get('code', '')})",
        f"Hồ sơ / dossiers: {d['total']} — đã số hóa, ký số, lưu (stored, signed): {d['stored']}"
        f" ({rep['percent_stored']}%), đã gửi (sent): {d['sent']} ({rep['percent_sent']}%)",
        f"Trang / pages: {p['total']} — chờ rà soát (awaiting review): {p['awaiting_review']}, "
        f"trang trắng (blank flagged): {p['blank_flagged']}",
        f"Tài liệu / documents: {rep['documents']}",
    ]
    if "last_backup" in rep:
        lines.append(f"Sao lưu gần nhất / last backup: {backup_age_text(rep['last_backup'])}")
    for m in rep["by_month"]:
        lines.append(f"  {m['month']}: {m['dossiers']} hồ sơ, {m['pages']} trang")
    return "\n".join(lines) + "\n" + json.dumps(rep["by_type"], ensure_ascii=False)


def backup_age_text(last: dict[str, Any] | None) -> str:
    """The last good backup's age as ``digitize report`` prints it (the dashboard shows the
    same ``age_hours``): ``"26.5 giờ trước (hours ago), 2026-12-06 08:00, /media/usb"`` or
    ``"chưa có bản sao lưu (no backup yet)"``."""
    if not last:
        return "chưa có bản sao lưu (no backup yet)"
    when = str(last.get("time", ""))[:16].replace("T", " ")
    return f"{last['age_hours']} giờ trước (hours ago), {when}, {last.get('to', '')}"
