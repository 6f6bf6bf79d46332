"""Search (archivist): live results as you type, filters, snippets, the page with its hits."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDate, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from digitize.metadata.codes import options
from digitize.model import DossierStatus
from ui.fmt import day
from ui.i18n import tr
from ui.scratch import ram_file
from ui.views.base import AppContext, View, heading
from ui.widgets.document_viewer import DocumentViewer
from ui.widgets.hit_delegate import HTML_ROLE, SnippetDelegate, snippet_html
from ui.widgets.page_canvas import PageCanvas

__all__ = ["PAGE_HITS", "SearchView"]

#: Hits fetched at a time (the first page of results, then each "more").
PAGE_HITS = 50


class SearchView(View):
    """Type to search; Enter or double-click opens the page with the hits highlighted."""

    action = "search"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self._asked: tuple[str, dict[str, Any]] = ("", {})
        self._next_offset = 0
        self.results: Any = None
        self.current: Any = None
        lay = QVBoxLayout(self)
        lay.addWidget(heading(tr("Tra cứu hồ sơ, tài liệu")))
        self.query = QLineEdit()
        self.query.setObjectName("searchBox")
        self.query.setPlaceholderText(tr("Nhập từ cần tìm, có dấu hoặc không dấu, "
                                         "vd. quyết định 15/QĐ-UBND"))
        self.query.setClearButtonEnabled(True)
        lay.addWidget(self.query)
        lay.addLayout(self._filters())
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._debounce.start())
        self.query.returnPressed.connect(self.open_selected)
        split = QSplitter()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.count = QLabel("")
        self.count.setObjectName("resultCount")
        self.list = QListWidget()
        self.list.setObjectName("results")
        self.list.setWordWrap(True)
        self.list.setItemDelegate(SnippetDelegate(self.list))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the snippets on resize
        self.list.itemActivated.connect(lambda _i: self.open_selected())
        self._preview = QTimer(self)  # one click (or arrow key) previews the page
        self._preview.setSingleShot(True)
        self._preview.setInterval(120)
        self._preview.timeout.connect(self.open_selected)
        self.list.currentRowChanged.connect(lambda _r: self._preview.start())
        self.list.itemDoubleClicked.connect(lambda _i: self.open_selected())
        self.more_button = QPushButton("")
        self.more_button.setObjectName("moreResults")
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        ll.addWidget(self.count)
        ll.addWidget(self.list, 1)
        ll.addWidget(self.more_button)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.page_title = QLabel("")
        self.page_title.setWordWrap(True)
        self.canvas = PageCanvas()
        buttons = QHBoxLayout()
        self.pdf_button = QPushButton(tr("Xem tài liệu (Ctrl+P)"))
        self.pdf_button.setToolTip(tr("Mở tài liệu ngay trong ứng dụng, tại trang tìm thấy"))
        self.pdf_button.setObjectName("openPdf")
        self.pdf_button.clicked.connect(self.open_pdf)
        self.verify_button = QPushButton(tr("Kiểm tra toàn vẹn (Ctrl+K)"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.verify)
        self.verify_label = QLabel("")
        self.verify_label.setObjectName("verifyResult")
        self.verify_label.setWordWrap(True)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.verify_label, 1)
        rl.addWidget(self.page_title)
        rl.addWidget(self.canvas, 1)
        rl.addLayout(buttons)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([520, 640])
        lay.addWidget(split, 1)
        self.shortcut("Ctrl+F", self.query.setFocus)
        self.shortcut("Ctrl+P", self.open_pdf)
        self.shortcut("Ctrl+K", self.verify)

    def _filters(self) -> QGridLayout:
        g = QGridLayout()
        self.type_box = QComboBox()
        self.type_box.setObjectName("typeFilter")
        self.type_box.addItem(tr("Mọi loại văn bản"), "")
        for code, label in options("typeName"):
            self.type_box.addItem(label, code)
        self.organ = QLineEdit()
        self.organ.setObjectName("organFilter")
        self.organ.setPlaceholderText(tr("Cơ quan ban hành"))
        self.use_dates = QCheckBox(tr("Ngày ban hành từ"))
        self.date_from = QDateEdit(QDate(2000, 1, 1))
        self.date_to = QDateEdit(QDate.currentDate())
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("dd/MM/yyyy")
        self.retention_box = QComboBox()
        self.retention_box.setObjectName("retentionFilter")
        self.retention_box.addItem(tr("Mọi thời hạn bảo quản"), "")
        for code, label in options("maintenance"):
            self.retention_box.addItem(label, code)
        self.dossier_box = QComboBox()
        self.dossier_box.setObjectName("dossierFilter")
        self.dossier_box.addItem(tr("Mọi hồ sơ"), "")
        g.addWidget(self.type_box, 0, 0)
        g.addWidget(self.organ, 0, 1)
        g.addWidget(self.use_dates, 0, 2)
        g.addWidget(self.date_from, 0, 3)
        g.addWidget(QLabel(tr("đến")), 0, 4)
        g.addWidget(self.date_to, 0, 5)
        g.addWidget(self.retention_box, 0, 6)
        g.addWidget(self.dossier_box, 0, 7)
        g.setColumnStretch(1, 1)
        g.setColumnStretch(7, 1)
        for sig in (self.type_box.currentIndexChanged, self.dossier_box.currentIndexChanged,
                    self.retention_box.currentIndexChanged,
                    self.organ.textChanged, self.use_dates.toggled, self.date_from.dateChanged,
                    self.date_to.dateChanged):
            sig.connect(lambda *_a: self._debounce.start())
        return g

    def activated(self) -> None:
        """Refresh the dossier filter."""
        ws = self.ctx.ws
        self.op(lambda: ws.dossiers(status=DossierStatus.STORED)).on_success(
            self._fill_dossiers).start()
        self.query.setFocus()

    def _fill_dossiers(self, dossiers: list[Any]) -> None:
        current = self.dossier_box.currentData()
        self.dossier_box.blockSignals(True)
        while self.dossier_box.count() > 1:
            self.dossier_box.removeItem(1)
        for d in dossiers:
            self.dossier_box.addItem(d.title, d.id)
        self.dossier_box.setCurrentIndex(max(0, self.dossier_box.findData(current)))
        self.dossier_box.blockSignals(False)

    # searching ----------------------------------------------------------------------------
    def run_search(self) -> None:
        """Search now in a reader thread; results of older queries are dropped."""
        q = self.query.text().strip()
        filters = {"type_code": self.type_box.currentData() or None,
                   "organ": self.organ.text().strip() or None,
                   "dossier_id": self.dossier_box.currentData() or None,
                   "maintenance": self.retention_box.currentData() or None}
        if self.use_dates.isChecked():
            filters["date_from"] = self.date_from.date().toString("yyyy-MM-dd")
            filters["date_to"] = self.date_to.date().toString("yyyy-MM-dd")
        if not q and not any(filters.values()):
            self._generation += 1  # a result still on its way is dropped
            self.results = None
            self.list.clear()
            self.count.setText("")
            self.more_button.hide()
            return
        self._generation += 1
        gen, ws = self._generation, self.ctx.ws
        self._asked = (q, filters)
        self._next_offset = PAGE_HITS
        self.op(lambda: ws.search(q, limit=PAGE_HITS, **filters)).on_success(
            lambda r: self._show(gen, r)).on_failure(lambda e: self._failed(gen, e)).start()

    def load_more(self) -> None:
        """Fetch the next hits of the same query and add them below the ones shown."""
        if self.results is None or self._next_offset >= self.results.total:
            return
        q, filters = self._asked
        gen, ws, offset = self._generation, self.ctx.ws, self._next_offset
        self.more_button.setEnabled(False)
        self.op(lambda: ws.search(q, limit=PAGE_HITS, offset=offset, **filters)).on_success(
            lambda r: self._append(gen, offset, r)).on_failure(
            lambda e: (self.more_button.setEnabled(True), self._failed(gen, e))).start()

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            from ui.errors import error_text

            self.count.setText(error_text(exc))

    def _show(self, gen: int, results: Any) -> None:
        if gen != self._generation:
            return
        self.results = results
        self.list.clear()
        self._add_items(results.hits)
        self._update_count(results.elapsed_ms)
        if results.hits:
            self.list.setCurrentRow(0)

    def _append(self, gen: int, offset: int, more: Any) -> None:
        self.more_button.setEnabled(True)
        if gen != self._generation or self.results is None or offset != self._next_offset:
            return  # the query changed, or these hits were added already
        self._next_offset = offset + PAGE_HITS
        self.results = replace(self.results, hits=[*self.results.hits, *more.hits])
        self._add_items(more.hits)
        self._update_count(more.elapsed_ms)

    def _update_count(self, ms: float) -> None:
        r = self.results
        if r.total_exact:
            text = tr("{n} trang khớp ({ms:.0f} ms)").format(n=r.total, ms=ms)
        else:
            text = tr("Hơn {n} trang khớp; xếp hạng {n} trang mới nhất ({ms:.0f} ms): thêm từ "
                      "hoặc bộ lọc để thu hẹp").format(n=r.total, ms=ms)
        self.count.setText(text)
        self.more_button.setVisible(self._next_offset < r.total)
        self.more_button.setText(tr("Xem thêm (đang hiện {shown}/{n})").format(
            shown=len(r.hits), n=r.total))

    def _add_items(self, hits: list[Any]) -> None:
        for hit in hits:
            m = hit.meta or {}
            head = f"{hit.dossier_title} — {tr('trang')} {hit.page_seq}"
            if m.get("codeNumber") or m.get("codeNotation"):
                head += " — " + tr("Số {n}").format(
                    n=f"{m.get('codeNumber', '')}/{m.get('codeNotation', '')}")
            if m.get("issuedDate"):
                head += f" ({tr('ngày')} {day(m['issuedDate'])})"
            if m.get("subject"):
                head += f"\n{tr('V/v')}: {m['subject']}"
            item = QListWidgetItem(f"{head}\n{hit.snippet.replace('«', '').replace('»', '')}")
            item.setData(HTML_ROLE, snippet_html(head, hit.snippet))
            self.list.addItem(item)

    def open_selected(self) -> None:
        """Show the selected hit's page with the hits highlighted."""
        row = self.list.currentRow()
        if self.results is None or not 0 <= row < len(self.results.hits):
            if self._debounce.isActive():
                self._debounce.stop()
                self.run_search()
            return
        hit = self.results.hits[row]
        self.current = hit
        ws = self.ctx.ws
        self.page_title.setText(f"{hit.dossier_title} — {tr('trang')} {hit.page_seq}")
        self.op(lambda: ws.records.load_page(hit.dossier_id, hit.page_seq)).on_success(
            lambda page: self._show_page(hit, page)).start()

    def _show_page(self, hit: Any, page: Any) -> None:
        if hit is not self.current:
            return
        self.canvas.set_page(page.image, ocr_size=(page.width, page.height), hits=hit.boxes)
        self.ctx.session.touch()

    # actions on the record ----------------------------------------------------------------
    def open_pdf(self) -> None:
        """Show the hit's document inside the application, at the page of the hit."""
        hit = self.current
        if hit is None or not hit.doc_id:
            return
        ws = self.ctx.ws

        def where() -> tuple[int, int]:
            doc = next((d for d in ws.dossier(hit.dossier_id).documents
                        if d.doc_id == hit.doc_id), None)
            return (doc.first_page, doc.n_pages) if doc else (hit.page_seq, 1)

        self.op(where).on_success(lambda r: self._view(hit, *r)).start()

    def _view(self, hit: Any, first: int, count: int) -> None:
        ws = self.ctx.ws
        m = hit.meta or {}
        title = " — ".join(t for t in (hit.dossier_title, m.get("subject", "")) if t)
        viewer: DocumentViewer | None = None

        def load(seq: int) -> None:
            self.op(lambda: ws.records.load_page(hit.dossier_id, seq)).on_success(
                lambda page: viewer.show_page(seq, page, hit.boxes if seq == hit.page_seq
                                              else []) if viewer is not None else None).start()

        viewer = DocumentViewer(title, first, count, hit.page_seq, load, self)
        viewer.external.connect(lambda: self.open_pdf_outside(hit, viewer))
        self.viewer = viewer
        viewer.show()
        self.ctx.session.touch()

    def open_pdf_outside(self, hit: Any, viewer: DocumentViewer | None = None) -> None:
        """Decrypt the document's PDF into RAM and hand it to the desktop's PDF viewer."""
        ws = self.ctx.ws
        self.op(lambda: ram_file(f"{hit.doc_id}.pdf", ws.records.document_pdf(
                                                   hit.dossier_id, hit.doc_id))
                ).on_success(lambda path: self._opened(path, viewer)).start()

    def _opened(self, path: Any, viewer: DocumentViewer | None = None) -> None:
        self.last_pdf = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))) and viewer is not None:
            viewer.note.setText(tr("Máy này chưa có trình xem PDF nào, nên không mở được tệp "
                                   "PDF bên ngoài; tài liệu vẫn xem được ngay ở đây."))

    def verify(self) -> None:
        """Check the hit's dossier: signatures, checksums, catalog against container."""
        hit = self.current
        if hit is None:
            return
        ws = self.ctx.ws
        self.verify_label.setText(tr("Đang kiểm tra…"))
        self.op(lambda: ws.records.verify([hit.dossier_id])).on_success(self._verified).start()

    def _verified(self, report: Any) -> None:
        if report.ok:
            self.verify_label.setText(tr("✔ Toàn vẹn: chữ ký và mã băm đúng ({n} gói).").format(
                n=len(report.checked)))
            self.verify_label.setStyleSheet("color: #188038;")
        else:
            self.verify_label.setText(tr("✘ Phát hiện sai lệch: {f}").format(
                f="; ".join(f"{r}: {m}" for r, m in report.failures)))
            self.verify_label.setStyleSheet("color: #b3261e;")
