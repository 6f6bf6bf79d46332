"""Capture (clerk): choose scanner and profile, declare secrecy, scan or import, fix pages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from digitize.model import DossierStatus
from ui.i18n import tr
from ui.tasks import Job
from ui.views.base import AppContext, View, button_row, fill_dossier_box, heading
from ui.widgets.scan_panel import ScanPanel
from ui.widgets.thumbnails import Thumbnails, page_item

__all__ = ["CaptureView"]

class CaptureView(View):
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
        lay = QHBoxLayout(self)
        self.panel = panel = ScanPanel(ctx.settings)
        for name in ("dossier_box", "new_title", "device", "source", "dpi", "mode", "count",
                     "not_secret", "secret", "secret_level", "scan_button", "process_button"):
            setattr(self, name, getattr(panel, name))
        self.dossier_box.currentIndexChanged.connect(self._on_dossier)
        panel.create.clicked.connect(lambda: self.create_dossier(self.new_title.text()))
        panel.find.clicked.connect(self.find_devices)
        panel.import_button.clicked.connect(self.choose_files)
        self.scan_button.clicked.connect(self.scan)
        self.process_button.clicked.connect(self.process)
        lay.addWidget(panel, 0)
        right = QVBoxLayout()
        right.addWidget(heading(tr("Quét và nhập trang")))
        right.addLayout(self._page_tools())
        self.thumbs = Thumbnails()
        self.thumbs.files_dropped.connect(lambda paths: self.import_paths(paths))
        self.thumbs.page_moved.connect(self.move_to)
        right.addWidget(self.thumbs, 1)
        self.status = QLabel(tr("Kéo thả tệp ảnh hoặc PDF vào đây để nhập."))
        self.status.setObjectName("captureStatus")
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        lay.addLayout(right, 1)
        self.shortcut("Ctrl+S", self.scan)
        self.shortcut("Ctrl+O", self.choose_files)
        self.shortcut("Ctrl+Return", self.process)
        self.shortcut("Ctrl+R", lambda: self.rotate(1))
        self.shortcut("Ctrl+Shift+R", lambda: self.rotate(-1))
        self.shortcut("Delete", self.delete)
        ctx.runner.progress.connect(self._on_progress)

    # layout -------------------------------------------------------------------------------
    def _page_tools(self) -> QHBoxLayout:
        return button_row(((tr("Xoay trái"), lambda: self.rotate(-1), "rotateLeft"),
                           (tr("Xoay phải"), lambda: self.rotate(1), "rotateRight"),
                           (tr("Lên trước"), lambda: self.shift(-1), "moveEarlier"),
                           (tr("Ra sau"), lambda: self.shift(1), "moveLater"),
                           (tr("Xóa trang"), self.delete, "deletePage"),
                           (tr("Quét lại trang"), self.rescan, "rescanPage")))

    # dossiers -----------------------------------------------------------------------------
    def activated(self) -> None:
        """Reload the dossiers in capture."""
        self.op(lambda ws=self.ctx.ws: ws.dossiers(status=DossierStatus.CAPTURING)
                ).on_success(self._fill_dossiers).start()

    def _fill_dossiers(self, dossiers: list[Any], select: str | None = None) -> None:
        fill_dossier_box(self.dossier_box, dossiers, select or self.dossier_id)
        self._on_dossier()

    def _on_dossier(self, *_a: Any) -> None:
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
        self._shown = 0
        self._loading = False
        self._gen += 1  # a load still in flight is dropped as stale
        self._load_new()

    def _load_new(self) -> None:
        did, ws, after = self.dossier_id, self.ctx.ws, self._shown
        if not did or self._loading:
            self._again = bool(did)
            return
        self._loading, self._again = True, False

        def work() -> list[tuple[Any, bytes]]:
            return [(p, ws.capture.thumbnail(did, p.seq)) for p in ws.capture.staged_pages(did)
                    if p.seq > after]

        self.op(work).on_success(lambda pages, d=did, g=self._gen: self._add_thumbs(
            d, pages, g)).on_failure(
            self._thumbs_failed).start()

    def _thumbs_failed(self, exc: BaseException) -> None:
        from ui.errors import show_error

        self._loading = False
        show_error(self, exc)

    def _add_thumbs(self, did: str, pages: list[tuple[Any, bytes]], gen: int) -> None:
        if gen != self._gen or did != self.dossier_id:
            return  # stale: the pages were reloaded or another dossier chosen meanwhile
        self._loading = False
        for page, jpeg in pages:
            if page.seq <= self._shown:
                continue
            self.thumbs.addItem(page_item(page, jpeg))
            self._shown = page.seq
        self.status.setText(tr("{n} trang trong hồ sơ.").format(n=self.thumbs.count()))
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

    # page edits ---------------------------------------------------------------------------
    def _edit(self, fn: Any) -> None:
        did, seq = self.dossier_id, self.selected_seq()
        if not did or seq is None:
            self.status.setText(tr("Hãy chọn một trang."))
            return
        ws = self.ctx.ws
        self.op(lambda: fn(ws, did, seq), write=True).on_success(
            lambda _r: self.reload_pages()).start()

    def rotate(self, turns: int) -> None:
        """Rotate the selected page by 90° (1 clockwise, -1 counter-clockwise)."""
        self._edit(lambda ws, did, seq: ws.capture.rotate_page(did, seq, turns))

    def delete(self) -> None:
        """Delete the selected page."""
        self._edit(lambda ws, did, seq: ws.capture.delete_page(did, seq))

    def shift(self, delta: int) -> None:
        """Move the selected page one place earlier (-1) or later (+1)."""
        self._edit(lambda ws, did, seq: ws.capture.move_page(did, seq, max(1, seq + delta)))

    def move_to(self, seq: int, to: int) -> None:
        """Move page ``seq`` to position ``to`` (what dragging a thumbnail does)."""
        did, ws = self.dossier_id, self.ctx.ws
        if did:
            self.op(lambda: ws.capture.move_page(did, seq, to), write=True).on_success(
                lambda _r: self.reload_pages()).start()

    def rescan(self) -> None:
        """Scan one page and put it in place of the selected page."""
        seq = self.selected_seq()
        if seq is None or not self._declared():
            return
        did, ws, prof = self.dossier_id, self.ctx.ws, self.panel.profile()

        def work(progress: Any, cancel: Any) -> None:
            page = next(iter(ws.capture.scan_batch(
                prof["device"], source=prof["source"], dpi=prof["dpi"], mode=prof["mode"],
                pages=1, cancel=cancel.event)))
            ws.capture.replace_page(did, seq, page)

        self.op(work, write=True).with_progress(tr("Quét lại trang {n}").format(n=seq)
                                                ).on_success(lambda _r: self.reload_pages()
                                                             ).start()

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
        if not did or not self._declared():
            return
        ws = self.ctx.ws
        mark = self.secret_level.currentText() if self.secret.isChecked() else ""
        prof = self.panel.profile()
        self.ctx.settings.save_scan_profile(**prof)
        pages = self.count.value() or None

        def work(progress: Any, cancel: Any) -> int:
            if mark:  # refused (and purged) unless this is the offline secrecy workstation
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

    def _refused(self, exc: BaseException) -> None:
        from ui.errors import error_text

        self.status.setText(error_text(exc))
        self.dossier_id = None
        self.activated()

    def choose_files(self) -> None:
        """Pick image or PDF files to import."""
        paths, _f = QFileDialog.getOpenFileNames(
            self, tr("Chọn tệp để nhập"), str(Path.home()),
            tr("Ảnh và PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)"))
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> Job | None:
        """Import files into the dossier (a new one named after the first file if none)."""
        if not paths or not self._declared():
            return None
        did = self.dossier_id
        ws = self.ctx.ws
        title = Path(paths[0]).stem
        mark = self.secret_level.currentText() if self.secret.isChecked() else ""

        def work(progress: Any, cancel: Any) -> tuple[int, list[tuple[str, str]], str]:
            target = did or ws.capture.new_dossier(title)
            if mark:
                ws.capture.declare_secrecy(target, mark)
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
        """Clean, OCR, assemble, sign and store the dossier (a secrecy mark stops it)."""
        did = self._need_dossier()
        if not did:
            return None
        ws = self.ctx.ws
        mark = self.secret_level.currentText() if self.secret.isChecked() else ""

        jobs = max(1, (os.cpu_count() or 2) - 1)  # leave a core for the interface

        def work(progress: Any, cancel: Any) -> Any:
            if mark:
                ws.capture.declare_secrecy(did, mark)
            ws.capture.process_pages(did, jobs=jobs, progress=progress, cancel=cancel)
            return ws.capture.seal_dossier(did, progress=progress)

        self.job = self.op(work, write=True).with_progress(tr("Xử lý hồ sơ")).on_success(
            self._processed).on_failure(self._process_failed).start()
        return self.job

    def _processed(self, result: Any) -> None:
        self.status.setText(tr("Đã lưu hồ sơ {id}: {p} trang, {d} tài liệu.").format(
            id=result.dossier_id, p=result.pages, d=result.documents))
        self.dossier_id = None
        self.activated()
        self.processed.emit(result.dossier_id)

    def _process_failed(self, exc: BaseException) -> None:
        from digitize.errors import SecrecyRefused
        from ui.errors import show_error

        if isinstance(exc, SecrecyRefused):
            self._refused(exc)
        show_error(self, exc)
