"""The capture view's questions before anything is discarded: a declared secret, a refusal
(which page bore the mark, its picture, what was discarded), renaming or deleting a dossier.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPixmap

from ui import dialogs
from ui.i18n import tr

__all__ = ["SecrecyChecks"]


class SecrecyChecks:
    """Mixed into :class:`ui.views.capture_view.CaptureView` (uses its widgets)."""

    ctx: Any
    op: Any
    activated: Any

    secret: Any
    secret_level: Any
    thumbs: Any
    status: Any
    dossier_box: Any
    dossier_id: str | None
    undo_stack: Any
    _offline: bool
    refused_page: QPixmap
    _count_pages: Any

    def _secret_ok(self) -> bool:
        """With "có dấu mật" chosen on a networked machine: say what will be discarded, ask.

        The core refuses (and purges) a declared secret here; nothing goes without a yes.
        """
        if not self.secret.isChecked() or self._offline:
            return True
        mark = self.secret_level.currentText()
        n = self.thumbs.count()
        title = self.dossier_box.currentText() if self.dossier_id else ""
        text = tr("Tài liệu mang dấu {mark} không được xử lý trên máy có kết nối mạng.").format(
            mark=mark)
        if n:
            text += " " + tr("Hồ sơ “{t}” và {n} trang đã quét sẽ bị hủy, không hoàn tác được."
                             ).format(t=title, n=n)
        else:
            text += " " + tr("Không có gì được quét hay nhập; hồ sơ trống sẽ bị hủy.")
        text += "\n\n" + tr("Nếu khai báo nhầm, chọn “Không mang dấu mật”. Tài liệu mật phải "
                             "đưa sang máy trạm ngoại tuyến.")
        first = self.thumbs.item(0)
        detail = "\n".join(self.thumbs.item(i).text().replace("\n", " ")
                           for i in range(n))
        ok = dialogs.confirm(self, tr("Khai báo tài liệu mật"), text,
                             yes=tr("Hủy hồ sơ này"), no=tr("Giữ hồ sơ"),
                             pixmap=first.icon().pixmap(110, 142) if first else None,
                             detail=detail)
        if not ok:
            self.status.setText(tr("Chưa làm gì: hồ sơ và các trang được giữ nguyên."))
        return ok

    def _refused(self, exc: BaseException, *, title: str = "", icons: list[Any] | None = None
                 ) -> None:
        """Say which page bore the mark (and show it) and what was discarded; stay put.

        ``title`` and ``icons`` describe a dossier refused in the processing queue (no longer
        shown); by default the dossier shown is the one refused.
        """
        from ui.errors import error_text

        fields = getattr(exc, "fields", {})
        page, mark = fields.get("page"), fields.get("mark", "")
        if icons is None:
            icons = [self.thumbs.item(i).icon() for i in range(self.thumbs.count())]
            title = self.dossier_box.currentText()
        n = len(icons)
        pix: QPixmap | None = icons[page - 1].pixmap(140, 180) if page and page <= n else None
        text = error_text(exc)
        if page:
            text = tr("Trang {p} mang dấu {mark}.").format(p=page, mark=mark) + " " + text
        if n:
            text += " " + tr("Đã hủy {n} trang của hồ sơ “{t}”.").format(n=n, t=title)
        detail = "\n".join(tr("Trang {n}").format(n=i) for i in range(1, n + 1))
        self.status.setText(text)
        self.refused_page = pix if pix is not None else QPixmap()
        dialogs.inform(self, tr("Tài liệu mật"), text, pixmap=pix, detail=detail)
        if fields.get("page") and title and title != self.dossier_box.currentText():
            return  # refused in the queue: the dossier on screen is another one, left alone
        row = self.dossier_box.findData(self.dossier_id)
        self.dossier_id = None
        self.undo_stack.clear()
        self.dossier_box.blockSignals(True)
        if row >= 0:
            self.dossier_box.removeItem(row)
        self.dossier_box.setCurrentIndex(-1)  # no other dossier opened behind the clerk's back
        self.dossier_box.blockSignals(False)
        self.thumbs.clear()
        self._count_pages()


    def rename_dossier(self, title: str | None = None) -> None:
        """Give the dossier in capture another title (asked for when not given)."""
        did = self.dossier_id
        if not did:
            self.status.setText(tr("Hãy chọn một hồ sơ."))
            return
        if title is None:
            from PySide6.QtWidgets import QInputDialog

            old = self.dossier_box.currentText().rsplit(" (", 1)[0]
            title, ok = QInputDialog.getText(self, tr("Đổi tên hồ sơ"), tr("Tiêu đề mới:"),
                                             text=old)
            if not ok:
                return
        ws = self.ctx.ws
        self.op(lambda: ws.capture.rename_dossier(did, title), write=True).on_success(
            lambda _r: (self.status.setText(tr("Đã đổi tên hồ sơ.")), self.activated())).start()

    def delete_dossier(self) -> None:
        """Delete the dossier in capture with its pages, after a question showing them."""
        did, n = self.dossier_id, self.thumbs.count()
        if not did:
            self.status.setText(tr("Hãy chọn một hồ sơ."))
            return
        first = self.thumbs.item(0)
        title = self.dossier_box.currentText()
        if not dialogs.confirm(self, tr("Xóa hồ sơ"), tr(
                "Xóa hồ sơ “{t}” và {n} trang đã quét? Không hoàn tác được.").format(t=title, n=n),
                yes=tr("Xóa hồ sơ"), no=tr("Giữ hồ sơ"),
                pixmap=first.icon().pixmap(110, 142) if first else None):
            return
        ws = self.ctx.ws
        self.op(lambda: ws.capture.delete_dossier(did), write=True).on_success(
            lambda k: self._dossier_deleted(did, title, k)).start()

    def _dossier_deleted(self, did: str, title: str, pages: int) -> None:
        self.status.setText(tr("Đã xóa hồ sơ “{t}” ({n} trang).").format(t=title, n=pages))
        if self.dossier_id == did:
            self.dossier_id = None
            self.undo_stack.clear()
            self.thumbs.clear()
            self._count_pages()
            self.dossier_box.blockSignals(True)
            self.dossier_box.removeItem(self.dossier_box.findData(did))
            self.dossier_box.setCurrentIndex(-1)  # no other dossier opened in its place
            self.dossier_box.blockSignals(False)
        self.activated()
