"""Page edits of the capture view: rotate, move, delete, rescan; in place and undoable.

Each edit runs in the writer; only the thumbnails it touches are redrawn, the selection and
the scroll position stay. Edits go on a ``QUndoStack`` (Ctrl+Z): a rotation turns back, a
move moves back, a deleted page (kept in memory) is put back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider

from ui import dialogs
from ui.i18n import tr
from ui.views.base import button_row

__all__ = ["PageEdits"]


class PageEdits:
    """Mixed into :class:`ui.views.capture_view.CaptureView` (uses its widgets and runner)."""

    thumbs: Any
    status: Any
    page_count: Any
    undo_stack: Any
    dossier_id: str | None
    ctx: Any
    panel: Any
    _gen: int
    _shown: int

    # page tools -------------------------------------------------------------------------------
    def _page_tools(self) -> QHBoxLayout:
        row = button_row(((tr("Xoay trái"), lambda: self.rotate(-1), "rotateLeft"),
                          (tr("Xoay phải"), lambda: self.rotate(1), "rotateRight"),
                          (tr("Lên trước"), lambda: self.shift(-1), "moveEarlier"),
                          (tr("Ra sau"), lambda: self.shift(1), "moveLater"),
                          (tr("Xóa trang (Delete)"), self.delete, "deletePage"),
                          (tr("Quét lại trang"), self.rescan, "rescanPage"),
                          (tr("Hoàn tác (Ctrl+Z)"), self.undo_stack.undo, "undoEdit")))
        self.thumb_size = QSlider(Qt.Orientation.Horizontal)
        self.thumb_size.setObjectName("thumbSize")
        self.thumb_size.setRange(80, 320)
        self.thumb_size.setValue(140)
        self.thumb_size.setMaximumWidth(120)
        self.thumb_size.setToolTip(tr("Cỡ ảnh thu nhỏ"))
        self.thumb_size.valueChanged.connect(lambda v: self.thumbs.set_thumb_size(v))
        row.addWidget(QLabel(tr("Cỡ")))
        row.addWidget(self.thumb_size)
        return row

    # page edits ---------------------------------------------------------------------------
    def _count_pages(self) -> None:
        self.page_count.setText(tr("{n} trang trong hồ sơ").format(n=self.thumbs.count()))

    def _edit(self, fn: Any, undo: Any = None, *, text: str = "") -> None:
        """Run a page edit; only the thumbnails it touches are redrawn, selection kept."""
        did, seq = self.dossier_id, self.selected_seq()
        if not did or seq is None:
            self.status.setText(tr("Hãy chọn một trang."))
            return
        if seq in getattr(self, "withheld_marks", {}):
            self.status.setText(tr("Trang này đã bị xóa khỏi máy này vì mang dấu mật."))
            return
        self.undo_stack.push(_PageEdit(self, did, seq, fn, undo, text))

    def _run_edit(self, did: str, fn: Any, after: Any) -> None:
        ws = self.ctx.ws
        self.op(lambda: fn(ws, did), write=True).on_success(
            lambda r: after(r) if did == self.dossier_id else None).start()

    def refresh_pages(self, seqs: list[int], *, select: int | None = None) -> None:
        """Redraw the thumbnails of pages ``seqs`` in place (and renumber the labels)."""
        did, ws = self.dossier_id, self.ctx.ws
        if not did:
            return
        bar = self.thumbs.verticalScrollBar()

        def work() -> tuple[list[Any], list[tuple[Any, bytes]]]:
            pages = ws.capture.staged_pages(did)
            return pages, [(p, ws.capture.thumbnail(did, p.seq)) for p in pages
                           if p.seq in seqs and p.status != "withheld"]  # no image left

        def done(r: tuple[list[Any], list[tuple[Any, bytes]]], gen: int = self._gen) -> None:
            if gen != self._gen or did != self.dossier_id:
                return
            pages, fresh = r
            scroll = bar.value()
            self.thumbs.sync(pages, dict((p.seq, jpeg) for p, jpeg in fresh))
            self._shown = len(pages)
            if select is not None and 0 < select <= self.thumbs.count():
                self.thumbs.setCurrentRow(select - 1)
            bar.setValue(scroll)
            self._count_pages()

        self.op(work).on_success(done).start()

    def rotate(self, turns: int) -> None:
        """Rotate the selected page by 90° (1 clockwise, -1 counter-clockwise); undoable."""
        self._edit(lambda ws, did, seq: ws.capture.rotate_page(did, seq, turns),
                   lambda ws, did, seq, _r: ws.capture.rotate_page(did, seq, -turns),
                   text=tr("xoay trang"))

    def delete(self) -> None:
        """Delete the selected page (Ctrl+Z puts it back)."""
        self._edit(lambda ws, did, seq: ws.capture.delete_page(did, seq),
                   lambda ws, did, _seq, removed: ws.capture.restore_page(did, removed),
                   text=tr("xóa trang"))

    def shift(self, delta: int) -> None:
        """Move the selected page one place earlier (-1) or later (+1)."""
        seq = self.selected_seq()
        if seq is not None:
            self.move_to(seq, max(1, min(self.thumbs.count(), seq + delta)))

    def move_to(self, seq: int, to: int) -> None:
        """Move page ``seq`` to position ``to`` (what dragging a thumbnail does); undoable."""
        did = self.dossier_id
        if did and to != seq:
            self.undo_stack.push(_PageEdit(
                self, did, seq, lambda ws, d, s: ws.capture.move_page(d, s, to),
                lambda ws, d, _s, _r: ws.capture.move_page(d, to, seq), tr("chuyển trang"),
                target=to))

    def rescan(self) -> None:
        """Scan one page and put it in place of the selected page (after a question)."""
        seq = self.selected_seq()
        if seq is None or not self._declared():
            return
        item = self.thumbs.currentItem()
        if not dialogs.confirm(self, tr("Quét lại trang {n}").format(n=seq),
                               tr("Ảnh hiện tại của trang {n} sẽ được thay bằng ảnh quét mới. "
                                  "Đặt trang vào máy quét rồi chọn “Quét lại”.").format(n=seq),
                               yes=tr("Quét lại"), no=tr("Giữ ảnh cũ"),
                               pixmap=item.icon().pixmap(140, 180) if item else None):
            return
        did, ws, prof = self.dossier_id, self.ctx.ws, self.panel.profile()

        def work(progress: Any, cancel: Any) -> None:
            page = next(iter(ws.capture.scan_batch(
                prof["device"], source=prof["source"], dpi=prof["dpi"], mode=prof["mode"],
                pages=1, cancel=cancel.event)))
            ws.capture.replace_page(did, seq, page)

        self.op(work, write=True).with_progress(tr("Quét lại trang {n}").format(n=seq)
                                                ).on_success(
            lambda _r: (self.refresh_pages([seq], select=seq), self.status.setText(
                tr("Đã quét lại trang {n}.").format(n=seq)))).start()


class _PageEdit(QUndoCommand):
    """One page edit on the undo stack: done in the writer, shown on the thumbnails in place.

    The result of the edit (a deleted page) is kept by the writer thread itself, so an undo
    queued right after it finds it: the writer runs both in order.
    """

    def __init__(self, view: Any, did: str, seq: int, fn: Any, undo: Any, text: str,
                 *, target: int | None = None) -> None:
        super().__init__(text)
        self.view, self.did, self.seq, self.fn, self.undo_fn = view, did, seq, fn, undo
        self.target = target
        self.result: Any = None
        if undo is None:
            self.setObsolete(True)

    def _work_redo(self, ws: Any, did: str) -> None:
        self.result = self.fn(ws, did, self.seq)

    def _work_undo(self, ws: Any, did: str) -> None:
        at = self.target if self.target is not None else self.seq
        self.undo_fn(ws, did, at, self.result)

    def redo(self) -> None:
        """Do the edit; the thumbnails follow when the writer has done it."""
        self.view._run_edit(self.did, self._work_redo, lambda _r: self._shown(undo=False))

    def undo(self) -> None:
        """Undo the edit (rotate back, move back, put the deleted page back)."""
        self.view._run_edit(self.did, self._work_undo, lambda _r: self._shown(undo=True))

    def _shown(self, *, undo: bool) -> None:
        thumbs, seq, to = self.view.thumbs, self.seq, self.target
        if to is not None:  # a move
            a, b = (to, seq) if undo else (seq, to)
            thumbs.move_row(a - 1, b - 1)
            self.view.refresh_pages([], select=b)
        elif hasattr(self.result, "blobs"):  # a delete (the page kept for undo)
            if undo:
                self.view.refresh_pages([seq], select=seq)
            else:
                thumbs.remove_row(seq - 1)
                self.view.refresh_pages([], select=min(seq, thumbs.count()))
        else:  # a rotation
            self.view.refresh_pages([seq], select=seq)
        verb = tr("Đã hoàn tác: {what}.") if undo else tr("Đã {what}.")
        self.view.status.setText(verb.format(what=self.text()) + " " + tr(
            "Trang {n}.").format(n=seq) + ("" if undo else " " + tr("Ctrl+Z để hoàn tác.")))
