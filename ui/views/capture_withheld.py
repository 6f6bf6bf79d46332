"""The capture view's side of secrecy page by page (#23): a page that carried a secrecy mark
was withheld by the core (everything of it deleted from this machine); its place is shown as
a placeholder, never as a picture, and the clerk chooses what happens to the dossier.

Two choices, in a bar under the thumbnails: drop the withheld pages and store the rest
(``remove_withheld`` then processing again), or move the whole dossier to the offline
workstation (``move_offline``, after a question: everything of it is purged here).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QPushButton

from digitize.model import DossierStatus, PageStatus
from ui import dialogs
from ui.i18n import tr
from ui.widgets.notice_bar import notice_bar
from ui.widgets.thumbnails import page_item, withheld_item

__all__ = ["WithheldPages", "page_pictures"]


def page_pictures(ws: Any, did: str, after: int) -> tuple[list[tuple[Any, bytes]], list[Any]]:
    """(In a reader thread.) The dossier's pages after ``after`` with their thumbnails, and its
    pages waiting for a secrecy decision (withheld, or GIẢI MẬT waiting for a confirmation).
    A withheld page has no image left: its thumbnail is never asked for."""
    pages = ws.capture.staged_pages(did)
    held = ws.capture.secret_pages(did) if any(
        p.status in (PageStatus.WITHHELD, PageStatus.DECLASSIFIED) for p in pages) else []
    gone = {p.seq for p in held if p.status == PageStatus.WITHHELD}
    return [(p, b"" if p.seq in gone else ws.capture.thumbnail(did, p.seq))
            for p in pages if p.seq > after], held


class WithheldPages:
    """Mixed into :class:`ui.views.capture_view.CaptureView` (uses its widgets)."""

    ctx: Any
    op: Any
    status: Any
    thumbs: Any
    dossier_id: str | None
    dossier_box: Any
    queued: dict[str, dict[str, Any]]
    process: Any
    activated: Any
    _fill_dossiers: Any
    _dossier_deleted: Any
    _count_pages: Any
    _show_declassified: Any
    withheld_marks: dict[int, str]
    refused_page: QPixmap

    def _withheld_bar(self) -> QFrame:
        """The bar naming the withheld pages, with the clerk's two choices (hidden until then)."""
        self.withheld_marks = {}
        self.remove_withheld_button = QPushButton(tr("Bỏ trang này và lưu phần còn lại"))
        self.remove_withheld_button.clicked.connect(self.remove_withheld_pages)
        self.move_offline_button = QPushButton(tr("Chuyển hồ sơ sang máy không nối mạng"))
        self.move_offline_button.clicked.connect(self.move_dossier_offline)
        self.withheld_bar, self.withheld_text = notice_bar(
            "withheldBar", "withheldText",
            [self.remove_withheld_button, self.move_offline_button])
        return self.withheld_bar

    def _thumb_item(self, page: Any, jpeg: bytes) -> Any:
        """A thumbnail, or the placeholder of a withheld page (no picture of it exists)."""
        if page.seq in self.withheld_marks:
            return withheld_item(page, self.withheld_marks[page.seq])
        return page_item(page, jpeg)

    def _show_withheld(self, pending: list[Any]) -> None:
        """Show (or hide) the bars for the withheld and GIẢI MẬT pages of the dossier on screen."""
        self._show_declassified([p for p in pending if p.status == PageStatus.DECLASSIFIED])
        held = [p for p in pending if p.status == PageStatus.WITHHELD]
        self.withheld_marks = {p.seq: p.mark for p in held}
        if not held:
            self.withheld_bar.hide()
            return
        pages = ", ".join(str(p.seq) for p in held)
        marks = ", ".join(dict.fromkeys(p.mark for p in held))
        self.withheld_text.setText(tr(
            "Trang {p} mang dấu {mark}: mọi dữ liệu của trang đã bị xóa khỏi máy này, các trang "
            "khác được giữ; hồ sơ chưa được lưu. Hãy xem bản giấy: các trang sau thuộc cùng văn "
            "bản cũng là tài liệu mật dù không có dấu.").format(p=pages, mark=marks))
        self.remove_withheld_button.setText(
            tr("Bỏ trang này và lưu phần còn lại") if len(held) == 1
            else tr("Bỏ các trang này và lưu phần còn lại"))
        self.withheld_bar.show()

    def _withheld(self, did: str, exc: BaseException, entry: dict[str, Any]) -> None:
        """Processing withheld marked pages: say which (showing the page as captured before),
        bring the dossier back to capture with its placeholders and the two choices."""
        fields = getattr(exc, "fields", {})
        pages, mark = str(fields.get("pages", "")), fields.get("mark", "")
        title = entry.get("title", "")
        text = tr("Hồ sơ “{t}”: trang {p} mang dấu {mark} nên đã bị xóa khỏi máy này; các trang "
                  "khác được giữ. Chọn: bỏ trang mật và lưu phần còn lại, hoặc chuyển hồ sơ sang "
                  "máy không nối mạng.").format(t=title, p=pages, mark=mark)
        icons = entry.get("icons", [])
        first = pages.split(",")[0].strip()
        seq = int(first) if first.isdigit() else 0
        pix = icons[seq - 1].pixmap(140, 180) if 0 < seq <= len(icons) else None
        self.status.setText(text)
        self.refused_page = pix if pix is not None else QPixmap()
        dialogs.inform(self, tr("Trang mang dấu mật"), text, pixmap=pix)  # type: ignore[arg-type]
        self._back_to_capture(did)

    def _back_to_capture(self, did: str) -> None:
        """The dossier is back in capture: reopened if the clerk has none open, else listed."""
        if self.dossier_id is not None:
            self.activated()  # the clerk is on another dossier: left alone, this one listed
            return
        ws = self.ctx.ws
        self.op(lambda: ws.dossiers(status=DossierStatus.CAPTURING)).on_success(
            lambda ds: self._fill_dossiers([d for d in ds if d.id not in self.queued], did)
        ).start()

    def remove_withheld_pages(self) -> Any:
        """Choice 1: drop the withheld pages for good, then process and store the rest."""
        did = self.dossier_id
        if not did:
            return None
        ws = self.ctx.ws
        return self.op(lambda: ws.capture.remove_withheld(did), write=True).on_success(
            lambda seqs: self._withheld_removed(did, seqs)).start()

    def _withheld_removed(self, did: str, seqs: list[int]) -> None:
        self.withheld_marks = {}
        self.withheld_bar.hide()
        if did != self.dossier_id:
            return
        for seq in sorted(seqs, reverse=True):
            self.thumbs.remove_row(seq - 1)
        self._count_pages()
        self.process()
        self.status.setText(tr("Đã bỏ trang {p}; phần còn lại đang được xử lý và lưu.").format(
            p=", ".join(str(s) for s in seqs)) + " " + self.status.text())

    def move_dossier_offline(self) -> Any:
        """Choice 2, after a question: purge the whole dossier here (its paper goes to the
        offline workstation)."""
        did = self.dossier_id
        if not did:
            return None
        title = self.dossier_box.currentText()
        if not dialogs.confirm(self, tr("Chuyển hồ sơ sang máy không nối mạng"), tr(
                "Mọi trang của hồ sơ “{t}” sẽ bị xóa khỏi máy này; bản giấy được đưa sang máy "
                "trạm không nối mạng để xử lý ở đó. Không hoàn tác được.").format(t=title),
                yes=tr("Xóa ở máy này và chuyển"), no=tr("Giữ hồ sơ")):
            self.status.setText(tr("Chưa làm gì: hồ sơ và các trang được giữ nguyên."))
            return None
        ws = self.ctx.ws
        return self.op(lambda: ws.capture.move_offline(did), write=True).on_success(
            lambda n: self._moved_offline(did, title, n)).start()

    def _moved_offline(self, did: str, title: str, pages: int) -> None:
        self.withheld_marks = {}
        self.withheld_bar.hide()
        self._dossier_deleted(did, title, pages)
        self.status.setText(tr("Đã xóa hồ sơ “{t}” khỏi máy này ({n} trang); hãy xử lý bản giấy "
                               "ở máy trạm không nối mạng.").format(t=title, n=pages))
