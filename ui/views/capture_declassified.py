"""The capture view's side of GIẢI MẬT (#18, #23): a page bearing a declassification stamp is
not processed, and its dossier not stored, until an archivist or admin confirms the stamp.

Processing raises :class:`~digitize.errors_secrecy.DeclassifiedPending`; the dossier comes
back to capture, its waiting pages labelled, and a bar under the thumbnails either offers the
confirmation (a role that may confirm: a question, then ``confirm_declassified`` in the
writer, audited by the core, then processing again) or, for a clerk, a dialog where an
archivist or admin types their own name and password on the clerk's screen
(``confirm_declassified_cosigned``: the core checks the account and audits under its name).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton

from digitize.pipeline.secret_pages import DECLASSIFY
from ui import dialogs
from ui.i18n import tr
from ui.widgets.cosign_dialog import CosignDialog
from ui.widgets.notice_bar import notice_bar
from ui.widgets.thumbnails import DECLASSIFIED

__all__ = ["DeclassifiedPages"]


class DeclassifiedPages:
    """Mixed into :class:`ui.views.capture_view.CaptureView` (uses its widgets)."""

    ctx: Any
    op: Any
    status: Any
    thumbs: Any
    dossier_id: str | None
    dossier_box: Any
    process: Any
    selected_seq: Any
    _back_to_capture: Any
    declassified_seqs: list[int]

    def _declassified_bar(self) -> QFrame:
        """The bar naming the GIẢI MẬT pages, with the confirmation (hidden until then)."""
        self.declassified_seqs = []
        self.confirm_declassified_button = QPushButton(tr("Xác nhận đã giải mật trang này"))
        self.confirm_declassified_button.clicked.connect(self.confirm_declassified_page)
        self.cosign_button = QPushButton(tr("Nhờ lưu trữ viên/quản trị viên xác nhận…"))
        self.cosign_button.setObjectName("cosignButton")
        self.cosign_button.clicked.connect(self.ask_cosign)
        self.cosign_dialog: CosignDialog | None = None
        self.declassified_bar, self.declassified_text = notice_bar(
            "declassifiedBar", "declassifiedText",
            [self.confirm_declassified_button, self.cosign_button])
        return self.declassified_bar

    def _may_confirm(self) -> bool:
        session = self.ctx.session
        return bool(session is not None and session.can(DECLASSIFY))

    def _show_declassified(self, waiting: list[Any]) -> None:
        """Show (or hide) the bar for the dossier's pages waiting for a GIẢI MẬT confirmation."""
        self.declassified_seqs = [p.seq for p in waiting]
        if not waiting:
            self.declassified_bar.hide()
            return
        pages = ", ".join(str(s) for s in self.declassified_seqs)
        text = tr("Trang {p} mang dấu GIẢI MẬT: trang chưa được xử lý và hồ sơ chưa được lưu cho "
                  "đến khi có người xác nhận.").format(p=pages)
        may = self._may_confirm()
        if may:
            text += " " + tr("Hãy đối chiếu dấu trên bản giấy (ngày, người ký) rồi xác nhận; việc "
                             "xác nhận được ghi nhật ký.")
        else:
            text += " " + tr("Chỉ lưu trữ viên hoặc quản trị viên được xác nhận: hãy nhờ họ đối "
                             "chiếu bản giấy rồi tự nhập tên và mật khẩu của họ ngay tại máy này. "
                             "Hồ sơ được giữ ở đây, không mất trang nào.")
        self.declassified_text.setText(text)
        self.confirm_declassified_button.setVisible(may)
        self.cosign_button.setVisible(not may)
        self.declassified_bar.show()

    def _declassified(self, did: str, exc: BaseException, entry: dict[str, Any]) -> None:
        """Processing stopped at GIẢI MẬT pages: say so, bring the dossier back to capture."""
        pages = str(getattr(exc, "fields", {}).get("pages", ""))
        text = tr("Hồ sơ “{t}”: trang {p} mang dấu GIẢI MẬT, chờ xác nhận trước khi xử lý và "
                  "lưu.").format(t=entry.get("title", ""), p=pages)
        if not self._may_confirm():
            text += " " + tr("Chỉ lưu trữ viên hoặc quản trị viên được xác nhận.")
        self.status.setText(text)
        dialogs.inform(self, tr("Trang mang dấu GIẢI MẬT"), text)
        self._back_to_capture(did)

    def _declassified_seq(self) -> int | None:
        """The selected page if it waits for a confirmation, else the first that does."""
        seq = self.selected_seq()
        if seq in self.declassified_seqs:
            return int(seq)
        return self.declassified_seqs[0] if self.declassified_seqs else None

    def confirm_declassified_page(self) -> Any:
        """After a question, record (in the writer, audited) that page's GIẢI MẬT is confirmed;
        when no page waits any more, process and store the dossier again."""
        did, seq = self.dossier_id, self._declassified_seq()
        if not did or seq is None:
            return None
        title = self.dossier_box.currentText()
        if not dialogs.confirm(self, tr("Xác nhận đã giải mật trang này"), tr(
                "Trang {n} của hồ sơ “{t}” mang dấu GIẢI MẬT. Chỉ xác nhận khi đã đối chiếu dấu "
                "trên bản giấy (ngày, người ký). Việc xác nhận được ghi nhật ký với tên bạn; sau "
                "đó trang được xử lý như tài liệu thường.").format(n=seq, t=title),
                yes=tr("Xác nhận đã giải mật"), no=tr("Chưa xác nhận")):
            self.status.setText(tr("Chưa xác nhận: trang vẫn chờ, hồ sơ chưa được lưu."))
            return None
        ws = self.ctx.ws
        return self.op(lambda: ws.capture.confirm_declassified(did, seq), write=True).on_success(
            lambda _r: self._declassified_confirmed(did, seq)).start()

    def ask_cosign(self) -> CosignDialog | None:
        """The clerk's side: an archivist or admin types their own name and password in a
        dialog; the core checks them and confirms the page under their name (audited)."""
        did, seq = self.dossier_id, self._declassified_seq()
        if not did or seq is None:
            return None
        dlg = self.cosign_dialog = CosignDialog(seq, self.dossier_box.currentText(),
                                                self)  # type: ignore[arg-type]  # a QWidget (mixin)
        ws = self.ctx.ws

        def ok(by: str) -> None:
            dlg.accept()
            self._declassified_confirmed(did, seq)
            self.status.setText(tr("{u} đã xác nhận.").format(u=by) + " " + self.status.text())

        def bad(exc: BaseException) -> None:
            from ui.errors import error_text

            dlg.failed(error_text(exc))

        dlg.submitted.connect(lambda user, pw: self.op(
            lambda: ws.capture.confirm_declassified_cosigned(did, seq, user, pw), write=True)
            .on_success(ok).on_failure(bad).start())
        dlg.setModal(True)
        dlg.show()
        return dlg

    def _declassified_confirmed(self, did: str, seq: int) -> None:
        if did != self.dossier_id:
            return
        left = [s for s in self.declassified_seqs if s != seq]
        item = self.thumbs.item(seq - 1)
        if item is not None and item.data(DECLASSIFIED):
            item.setData(DECLASSIFIED, None)
            item.setText(tr("Trang {n}").format(n=seq))
            item.setForeground(Qt.GlobalColor.black)
        done = tr("Đã xác nhận trang {n} đã giải mật.").format(n=seq)
        if left:
            self._show_declassified([_Waiting(s) for s in left])
            self.status.setText(done)
            return
        self._show_declassified([])
        self.process()
        self.status.setText(done + " " + self.status.text())


class _Waiting:
    """A page still waiting (only its number is needed by the bar)."""

    def __init__(self, seq: int) -> None:
        self.seq = seq
