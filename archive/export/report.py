"""The export report: what was sent, verified, failed or excluded, as JSON and as text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["EXCLUSION_REASONS", "ExportItem", "ExportReport", "render_text"]

#: Why a dossier is not part of an upload: (vi, en).
EXCLUSION_REASONS: dict[str, tuple[str, str]] = {
    "secrecy": ("có độ mật (bí mật nhà nước) — không bao giờ gửi qua mạng",
                "marked as a state secret — never uploaded"),
    "not_stored": ("chưa lưu xong (chưa có gói đã ký)", "not stored yet (no signed container)"),
    "invalid_sip": ("gói SIP_hoso không hợp lệ", "the SIP_hoso package is invalid"),
}


@dataclass
class ExportItem:
    """One dossier version in the report (ids, sizes, checksums; never record content)."""

    dossier_id: str
    version: int
    status: str  # sent | already_sent | would_send | failed | excluded | pending
    file_code: str = ""
    package_id: str = ""
    object_key: str = ""
    size: int = 0
    checksum: str = ""
    parts: int = 0
    parts_sent: int = 0
    parts_resumed: int = 0
    reason: str = ""
    error_code: str = ""
    error: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class ExportReport:
    """The outcome of one ``export`` run."""

    target: str
    dry_run: bool
    started: str
    finished: str = ""
    items: list[ExportItem] = field(default_factory=list)
    error_code: str = ""
    error: str = ""
    cause: Exception | None = field(default=None, repr=False, compare=False)
    cancelled: bool = False  # stopped by the user; what was not sent stays queued

    def by_status(self, *statuses: str) -> list[ExportItem]:
        """Items with one of ``statuses``."""
        return [i for i in self.items if i.status in statuses]

    @property
    def ok(self) -> bool:
        """Nothing failed and nothing is left pending."""
        return not self.error_code and not self.by_status("failed", "pending")

    def counts(self) -> dict[str, int]:
        """Items per status, and bytes sent."""
        out: dict[str, int] = {}
        for i in self.items:
            out[i.status] = out.get(i.status, 0) + 1
        out["bytes_sent"] = sum(i.size for i in self.by_status("sent"))
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"target": self.target, "dry_run": self.dry_run, "started": self.started,
                "finished": self.finished, "ok": self.ok, "cancelled": self.cancelled,
                "counts": self.counts(),
                "error": {"code": self.error_code, "message": self.error} if self.error_code
                else None,
                "items": [asdict(i) for i in self.items]}

    def audit_entries(self) -> list[tuple[str, str | None, dict[str, Any]]]:
        """Audit log entries ``(action, record, details)``: a summary, then one per dossier
        sent, failed or excluded. Ids, counts, codes and checksums only (no record content),
        each a short scalar."""
        c = self.counts()
        summary = {"target": self.target[-128:], "dry_run": self.dry_run,
                   "error": self.error_code or None, "cancelled": self.cancelled,
                   **{k: v for k, v in c.items() if k != "bytes_sent"},
                   "bytes_sent": c["bytes_sent"]}
        out: list[tuple[str, str | None, dict[str, Any]]] = [
            ("export.dry_run" if self.dry_run else "export.run", None, summary)]
        if self.dry_run:
            return out
        for i in self.items:
            if i.status in ("sent", "already_sent"):
                out.append(("export.sent", i.dossier_id, {
                    "version": i.version, "package": i.package_id, "size": i.size,
                    "checksum": i.checksum[:128], "key": i.object_key[-128:],
                    "resent": i.status == "sent"}))
            elif i.status in ("failed", "pending"):
                out.append(("export.failed", i.dossier_id, {
                    "version": i.version, "code": i.error_code or self.error_code or "queued"}))
            elif i.status == "excluded":
                out.append(("export.excluded", i.dossier_id, {"version": i.version,
                                                               "reason": i.reason}))
        return out


_LABELS = {
    "sent": ("Đã gửi và kiểm tra", "Sent and verified"),
    "already_sent": ("Đã có trên kho (không gửi lại)", "Already there (not resent)"),
    "would_send": ("Sẽ gửi", "Would send"),
    "failed": ("Lỗi", "Failed"),
    "pending": ("Còn chờ trong hàng đợi", "Still queued"),
    "excluded": ("Không gửi", "Excluded"),
}


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n} B"


def render_text(report: ExportReport, lang: str = "vi") -> str:
    """A readable summary in ``vi`` or ``en``."""
    li = 0 if lang == "vi" else 1
    head = ("Xuất lên kho trung tâm", "Export to central storage")[li]
    dry = (" (chạy thử, không gửi gì)", " (dry run, nothing sent)")[li] if report.dry_run else ""
    lines = [f"{head}{dry}: {report.target}"]
    for status, labels in _LABELS.items():
        items = report.by_status(status)
        if not items:
            continue
        lines.append(f"{labels[li]}: {len(items)}")
        for i in items:
            what = f"  - {i.dossier_id} v{i.version} {i.file_code}".rstrip()
            if status in ("sent", "already_sent", "would_send"):
                what += f"  {_size(i.size)}  {i.object_key}"
                if i.checksum:
                    what += f"  {i.checksum}"
                if i.parts_resumed:
                    what += ("  (tiếp tục: {r}/{p} phần đã có)", "  (resumed: {r}/{p} parts "
                             "were there)")[li].format(r=i.parts_resumed, p=i.parts)
            elif status == "excluded":
                reason = EXCLUSION_REASONS.get(i.reason, (i.reason, i.reason))[li]
                what += f"  — {reason}"
            else:
                what += f"  — {i.error_code}: {i.error}"
            lines.append(what)
            if i.warnings:  # e.g. paperFileCode of a digitized dossier (TT 05), to fill in
                more = f" (+{len(i.warnings) - 3})" if len(i.warnings) > 3 else ""
                lines.append(f"    ! {('thiếu', 'missing')[li]}: "
                             f"{'; '.join(i.warnings[:3])}{more}")
    c = report.counts()
    lines.append(("Tổng: {s} đã gửi ({b}), {f} lỗi/chờ, {e} không gửi",
                  "Total: {s} sent ({b}), {f} failed/queued, {e} excluded")[li].format(
        s=c.get("sent", 0) + c.get("already_sent", 0), b=_size(c["bytes_sent"]),
        f=c.get("failed", 0) + c.get("pending", 0), e=c.get("excluded", 0)))
    if report.cancelled:
        lines.append(("Đã hủy theo yêu cầu: {q} hồ sơ chưa gửi vẫn trong hàng đợi, lần xuất sau "
                      "sẽ gửi tiếp.", "Cancelled by the user: {q} dossier(s) not sent stay "
                      "queued; the next export sends them.")[li].format(
            q=c.get("failed", 0) + c.get("pending", 0)))
    if report.error_code:
        lines.append(f"{('Dừng vì', 'Stopped because')[li]}: {report.error}")
    return "\n".join(lines)
