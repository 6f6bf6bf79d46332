"""Capture (clerk): choose scanner and profile, declare secrecy, scan or import, fix pages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from digitize.model import DossierStatus
from ui.i18n import tr
from ui.tasks import Job
from ui.views.base import AppContext, View, fill_dossier_box, heading
from ui.views.capture_declassified import DeclassifiedPages
from ui.views.capture_edits import PageEdits
from ui.views.capture_secrecy import SecrecyChecks
from ui.views.capture_withheld import WithheldPages, page_pictures
from ui.widgets.process_queue import ProcessQueue
from ui.widgets.scan_panel import ScanPanel
from ui.widgets.status_log import StatusLog
from ui.widgets.thumbnails import Thumbnails

__all__ = ["CaptureView"]

class CaptureView(WithheldPages, DeclassifiedPages, SecrecyChecks, PageEdits, View):
    """Scanning and importing into a dossier, page by page, before processing."""

    action = "capture"
    processed = Signal(str)  # dossier id, after sealing

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dossier_id: str | None = None
        self.job: Job | None = None
        self._shown = 0
        self._loading = self._again = False
        self._gen = 0
        self._offline = False
        self.queued: dict[str, dict[str, Any]] = {}  # dossiers waiting for or in processing
        self.undo_stack = QUndoStack(self)
        lay = QHBoxLayout(self)
        self.panel = panel = ScanPanel(ctx.settings)
        for name in ("dossier_box", "new_title", "device", "source", "dpi", "mode", "count",
                     "not_secret", "secret", "secret_level", "scan_button", "process_button"):
            setattr(self, name, getattr(panel, name))
        self.dossier_box.currentIndexChanged.connect(self._on_dossier)
        panel.create.clicked.connect(lambda: self.create_dossier(self.new_title.text()))
        self.new_title.returnPressed.connect(lambda: self.create_dossier(self.new_title.text()))
        panel.find.clicked.connect(self.find_devices)
        panel.rename.clicked.connect(lambda: self.rename_dossier())
        panel.remove.clicked.connect(self.delete_dossier)
        panel.import_button.clicked.connect(self.choose_files)
        self.scan_button.clicked.connect(self.scan)
        self.process_button.clicked.connect(self.process)
        lay.addWidget(panel, 0)
        right = QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(heading(tr("Quét và nhập trang")))
        head.addStretch(1)
        self.page_count = QLabel("")
        self.page_count.setObjectName("pageCountLabel")
        head.addWidget(self.page_count)
        right.addLayout(head)
        right.addLayout(self._page_tools())
        self.thumbs = Thumbnails()
        self.thumbs.files_dropped.connect(lambda paths: self.import_paths(paths))
        self.thumbs.page_moved.connect(self.move_to)
        self.thumbs.delete_pressed.connect(self.delete)
        self.thumbs.undo_pressed.connect(
            lambda redo: self.undo_stack.redo() if redo else self.undo_stack.undo())
        right.addWidget(self.thumbs, 1)
        right.addWidget(self._withheld_bar())
        right.addWidget(self._declassified_bar())
        self.queue_box = ProcessQueue(ctx.runner)
        right.addWidget(self.queue_box)
        self.status = StatusLog(tr("Kéo thả tệp ảnh hoặc PDF vào đây để nhập."))
        self.status.setObjectName("captureStatus")
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        lay.addLayout(right, 1)
        self.shortcut("F8", self.scan)  # not Ctrl+S: that saves, in review
        self.shortcut("Ctrl+O", self.choose_files)
        self.shortcut("Ctrl+Return", self.process)
        self.shortcut("Ctrl+R", lambda: self.rotate(1))
        self.shortcut("Ctrl+Shift+R", lambda: self.rotate(-1))
        self.shortcut("Delete", self.delete)
        self.shortcut(QKeySequence.StandardKey.Undo, self.undo_stack.undo)
        self.shortcut(QKeySequence.StandardKey.Redo, self.undo_stack.redo)
        ctx.runner.progress.connect(self._on_progress)

    # dossiers -----------------------------------------------------------------------------
    def activated(self) -> None:
        """Reload the dossiers in capture (and whether this is the offline workstation)."""
        ws, session = self.ctx.ws, self.ctx.session

        def work() -> list[Any]:
            self._offline = bool(session.settings()["offline_mode"])
            return ws.dossiers(status=DossierStatus.CAPTURING)

        self.op(work).on_success(
            lambda ds: self._fill_dossiers([d for d in ds if d.id not in self.queued])).start()

    def _fill_dossiers(self, dossiers: list[Any], select: str | None = None) -> None:
        keep_none = select is None and self.dossier_id is None and self.dossier_box.count() \
            and self.dossier_box.currentIndex() < 0
        fill_dossier_box(self.dossier_box, dossiers, select or self.dossier_id)
        if keep_none:  # after a refusal: no other dossier is opened behind the clerk's back
            self.dossier_box.blockSignals(True)
            self.dossier_box.setCurrentIndex(-1)
            self.dossier_box.blockSignals(False)
        self._on_dossier()

    def _on_dossier(self, *_a: Any) -> None:
        if self.dossier_box.currentData() != self.dossier_id or self.dossier_id is None:
            self.undo_stack.clear()
        self.dossier_id = self.dossier_box.currentData()
        self.reload_pages()

    def create_dossier(self, title: str) -> None:
        """Create a dossier in capture and select it."""
        title = title.strip() or tr("Hồ sơ chưa đặt tên")
        ws = self.ctx.ws

        def work() -> tuple[list[Any], str]:
            did = ws.capture.new_dossier(title)
            return ws.dossiers(status=DossierStatus.CAPTURING), did

        self.op(work, write=True).on_success(
            lambda r: (self.new_title.clear(), self._fill_dossiers(r[0], r[1]))).start()

    def _need_dossier(self) -> str | None:
        if not self.dossier_id:
            self.status.setText(tr("Hãy tạo hoặc chọn một hồ sơ trước."))
        return self.dossier_id

    # thumbnails ---------------------------------------------------------------------------
    def reload_pages(self) -> None:
        """Reload every thumbnail of the dossier."""
        self.thumbs.clear()
        self.page_count.setText("")
        self._shown = 0
        self._loading = False
        self._gen += 1  # a load still in flight is dropped as stale
        self._show_withheld([])
        self._load_new()

    def _load_new(self) -> None:
        did, ws, after = self.dossier_id, self.ctx.ws, self._shown
        if not did or self._loading:
            self._again = bool(did)
            return
        self._loading, self._again = True, False

        self.op(lambda: page_pictures(ws, did, after)).on_success(
            lambda pages, d=did, g=self._gen: self._add_thumbs(d, pages, g)).on_failure(
            self._thumbs_failed).start()

    def _thumbs_failed(self, exc: BaseException) -> None:
        from ui.errors import show_error

        self._loading = False
        show_error(self, exc)

    def _add_thumbs(self, did: str, loaded: tuple[list[tuple[Any, bytes]], list[Any]],
                    gen: int) -> None:
        if gen != self._gen or did != self.dossier_id:
            return  # stale: the pages were reloaded or another dossier chosen meanwhile
        self._loading = False
        pages, held = loaded
        self._show_withheld(held)  # withheld pages: placeholders and the clerk's two choices
        for page, jpeg in pages:
            if page.seq <= self._shown:
                continue
            self.thumbs.addItem(self._thumb_item(page, jpeg))
            self._shown = page.seq
        self._count_pages()
        if self._again:
            self._load_new()

    def _on_progress(self, jobs: list[Job]) -> None:
        if self.job is None:
            return
        for j in jobs:
            if j.id == self.job.id and j.event and j.event.stage == "capture" and \
                    (j.event.page or 0) > self._shown:
                self._load_new()

    def selected_seq(self) -> int | None:
        """Seq of the selected thumbnail."""
        item = self.thumbs.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    # scanning, importing, processing ------------------------------------------------------
    def find_devices(self) -> None:
        """List SANE scanners (in a reader thread: SANE can take seconds)."""
        self.op(lambda: self.ctx.ws.capture.list_devices()).on_success(self._fill_devices).start()

    def _fill_devices(self, devices: list[Any]) -> None:
        self.panel.fill_devices(devices)
        self.status.setText(tr("Tìm thấy {n} máy quét.").format(n=len(devices)))

    def _declared(self) -> bool:
        if not (self.not_secret.isChecked() or self.secret.isChecked()):
            self.status.setText(tr("Hãy khai báo tài liệu có mang dấu mật hay không trước khi "
                                   "quét."))
            return False
        return True

    def scan(self) -> None:
        """Scan a batch into the dossier; thumbnails appear as pages arrive."""
        did = self._need_dossier()
        if not did or not self._declared() or not self._secret_ok():
            return
        ws = self.ctx.ws
        mark = self.secret_level.currentText() if self.secret.isChecked() else ""
        prof = self.panel.profile()
        self.ctx.settings.save_scan_profile(**prof)
        pages = self.count.value() or None

        def work(progress: Any, cancel: Any) -> int:
            # recorded either way ("none" too); a mark is refused (and purged) unless this
            # is the offline secrecy workstation
            ws.capture.declare_secrecy(did, mark)
            return ws.capture.scan_into(did, prof["device"], source=prof["source"],
                                        dpi=prof["dpi"], mode=prof["mode"], pages=pages,
                                        progress=progress, cancel=cancel)

        self.job = self.op(work, write=True).with_progress(tr("Quét")).on_success(
            self._scanned).on_failure(self._scan_failed).start()

    def _scanned(self, n: int) -> None:
        self._load_new()
        self.status.setText(tr("Đã quét {n} trang.").format(n=n))

    def _scan_failed(self, exc: BaseException) -> None:
        from digitize.errors import SecrecyRefused

        if isinstance(exc, SecrecyRefused):
            self._refused(exc)
            return
        self._load_new()  # pages read before the error are kept
        from ui.errors import show_error

        show_error(self, exc)

    def choose_files(self) -> None:
        """Pick image or PDF files to import."""
        paths, _f = QFileDialog.getOpenFileNames(
            self, tr("Chọn tệp để nhập"), str(Path.home()),
            tr("Ảnh và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)"))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> Job | None:
        """Import files into the dossier (a new one named after the first file if none)."""
        if not paths or not self._declared() or not self._secret_ok():
            return None
        did = self.dossier_id
        ws = self.ctx.ws
        title = Path(paths[0]).stem
        mark = self.secret_level.currentText() if self.secret.isChecked() else ""

        def work(progress: Any, cancel: Any) -> tuple[int, list[tuple[str, str]], str]:
            target = did or ws.capture.new_dossier(title)
            ws.capture.declare_secrecy(target, mark)  # "none" is recorded too
            n, problems = ws.capture.import_into(target, [Path(p) for p in paths],
                                                 progress=progress, cancel=cancel)
            return n, problems, target

        self.job = self.op(work, write=True).with_progress(tr("Nhập tệp")).on_success(
            self._imported).on_failure(self._scan_failed).start()
        return self.job

    def _imported(self, result: tuple[int, list[tuple[str, str]], str]) -> None:
        n, problems, did = result
        if did != self.dossier_id:
            self.dossier_id = did
            self.activated()
        else:
            self._load_new()
        text = tr("Đã nhập {n} trang.").format(n=n)
        if problems:
            text += " " + tr("Bỏ qua: {files}").format(files="; ".join(m for _p, m in problems))
        self.status.setText(text)

    def process(self) -> Job | None:
        """Queue the dossier for cleaning, OCR, assembly, signing and storage; capture goes on.

        The dossier leaves the capture list at once and is shown in the processing queue;
        the clerk can scan or import the next one while it is processed. A declared secret is
        refused on the spot (after the question), as before.
        """
        did = self._need_dossier()
        if not did or not self._secret_ok():
            return None
        if did in self.queued:
            self.status.setText(tr("Hồ sơ này đã ở trong hàng chờ xử lý."))
            return None
        ws = self.ctx.ws
        if self.secret.isChecked():
            mark = self.secret_level.currentText()
            self.job = self.op(lambda: ws.capture.declare_secrecy(did, mark), write=True
                               ).on_failure(self._scan_failed).start()
            return self.job
        jobs = max(1, (os.cpu_count() or 2) - 1)  # leave a core for the interface
        runner = self.ctx.runner

        def work(progress: Any, cancel: Any) -> Any:
            runner.writer.submit(lambda: None).result()  # pages still arriving come first
            ws.capture.declare_secrecy(did, "")  # declared "none": recorded as every path does
            ws.capture.process_pages(did, jobs=jobs, progress=progress, cancel=cancel,
                                     per_page=True)  # a marked page is withheld alone
            return ws.capture.seal_dossier(did, progress=progress)

        title = self.dossier_box.currentText()
        job = self.op(work).in_lane("process").with_progress(
            tr("Xử lý {t}").format(t=title)).on_success(
            lambda r, d=did: self._processed(d, r)).on_failure(
            lambda e, d=did: self._process_failed(d, e)).start()
        icons = [self.thumbs.item(i).icon() for i in range(self.thumbs.count())]
        self.queued[did] = {"title": title, "job": job, "icons": icons}
        self.queue_box.add(did, title, job)
        self.undo_stack.clear()
        row = self.dossier_box.findData(did)
        self.dossier_box.blockSignals(True)
        self.dossier_box.removeItem(row)
        self.dossier_box.setCurrentIndex(-1)
        self.dossier_box.blockSignals(False)
        self.dossier_id = None
        self.thumbs.clear()
        self._count_pages()
        self.status.setText(tr("Đã đưa “{t}” vào hàng chờ xử lý ({n} hồ sơ đang chờ). Có thể "
                               "quét hoặc nhập hồ sơ tiếp theo.").format(
            t=title, n=len(self.queued)))
        return job

    def _processed(self, did: str, result: Any) -> None:
        self.queued.pop(did, None)
        self.queue_box.finish(did, tr("đã lưu: {p} trang, {d} tài liệu").format(
            p=result.pages, d=result.documents))
        self.status.setText(tr("Đã lưu hồ sơ {id}: {p} trang, {d} tài liệu.").format(
            id=result.dossier_id, p=result.pages, d=result.documents))
        self.processed.emit(result.dossier_id)

    def _process_failed(self, did: str, exc: BaseException) -> None:
        from digitize.errors import Cancelled, SecrecyRefused
        from digitize.errors_secrecy import DeclassifiedPending, SecretPagesWithheld
        from ui.errors import error_text, show_error

        entry = self.queued.pop(did, None) or {}
        self.queue_box.finish(did, tr("lỗi: {e}").format(e=error_text(exc)), ok=False)
        if isinstance(exc, SecretPagesWithheld):
            self._withheld(did, exc, entry)
            return
        if isinstance(exc, DeclassifiedPending):
            self._declassified(did, exc, entry)  # GIẢI MẬT: waits for a confirmation
            return
        if isinstance(exc, SecrecyRefused):
            self._refused(exc, title=entry.get("title", ""), icons=entry.get("icons", []))
            return
        if isinstance(exc, Cancelled):
            self.activated()  # the dossier is back in capture, its pages kept
            return
        show_error(self, exc)
        self.activated()

