"""Review: the page beside its OCR text and the document's metadata form; save and next."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from digitize.model import DossierStatus
from ui.i18n import tr
from ui.views.base import AppContext, View, fill_dossier_box, heading
from ui.views.review_drafts import AUTOSAVE_MS, ReviewDrafts
from ui.views.review_page import ReviewPage
from ui.widgets.metadata_form import MetadataForm
from ui.widgets.page_canvas import PageCanvas
from ui.widgets.status_log import StatusLog

__all__ = ["ReviewView"]


class ReviewView(ReviewPage, ReviewDrafts, View):
    """Page image (zoom, pan, before/after), text with weak words, metadata form."""

    action = "review"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dossier: Any = None
        self.doc_index = 0
        self.page_seq: int | None = None
        self.page: Any = None
        self.spans: list[tuple[int, int]] = []
        self.edited_texts: dict[int, str] = {}
        #: Unsaved edits, kept when the clerk moves on: fields by docId, page texts by dossier.
        self.doc_drafts: dict[str, dict[str, str]] = {}
        self.text_drafts: dict[str, dict[int, str]] = {}
        self.draft_owner: dict[str, str] = {}
        self._dirty: set[str] = set()  # dossiers whose drafts changed since the last write
        self._on_disk: set[str] = set()
        self._shown_doc: Any = None
        #: A quiet second after the last edit, the drafts are kept on disk (crash, quit).
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.keep_on_disk)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(tr("Rà soát")))
        self.dossier_box = QComboBox()
        self.dossier_box.setObjectName("reviewDossier")
        self.dossier_box.setMinimumWidth(260)
        self.dossier_box.currentIndexChanged.connect(self._on_dossier)
        self.doc_box = QComboBox()
        self.doc_box.setObjectName("reviewDocument")
        self.doc_box.setMinimumWidth(200)
        self.doc_box.currentIndexChanged.connect(self._on_document)
        self.page_label = QLabel("")
        prev_p, next_p = QPushButton(tr("◀ Trang")), QPushButton(tr("Trang ▶"))
        prev_p.clicked.connect(lambda: self.step_page(-1))
        next_p.clicked.connect(lambda: self.step_page(1))
        self.before = QCheckBox(tr("Ảnh gốc"))
        self.before.setObjectName("beforeToggle")
        self.before.toggled.connect(lambda _c: self._show_image())
        top.addWidget(self.dossier_box, 3)
        self.rename_button = QPushButton(tr("Đổi tên…"))
        self.rename_button.setObjectName("renameStored")
        self.rename_button.setToolTip(tr("Đổi tiêu đề hồ sơ: niêm phong thành phiên bản mới"))
        self.rename_button.clicked.connect(lambda: self.rename_dossier())
        top.addWidget(self.rename_button)
        top.addWidget(self.doc_box, 2)
        nav = QHBoxLayout()
        for w in (prev_p, self.page_label, next_p, self.before):
            nav.addWidget(w)
        self.split_button = QPushButton(tr("Tách từ trang này"))
        self.split_button.setObjectName("splitDocument")
        self.split_button.setToolTip(tr("Trang đang xem bắt đầu một tài liệu mới"))
        self.split_button.clicked.connect(self.split_here)
        self.merge_button = QPushButton(tr("Gộp với tài liệu sau"))
        self.merge_button.setObjectName("mergeDocument")
        self.merge_button.clicked.connect(self.merge_next)
        top.addWidget(self.split_button)
        top.addWidget(self.merge_button)
        zin, zout, fit = QPushButton("+"), QPushButton("−"), QPushButton(tr("Vừa khung"))
        for b in (zin, zout, fit):
            b.setMaximumWidth(90)
            nav.addWidget(b)
        nav.addStretch(1)
        lay.addLayout(top)
        lay.addLayout(nav)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.canvas = PageCanvas()
        self.canvas.word_clicked.connect(self._word_from_image)
        zin.clicked.connect(lambda: self.canvas.zoom_by(1.25))
        zout.clicked.connect(lambda: self.canvas.zoom_by(0.8))
        fit.clicked.connect(self.canvas.fit)
        self.text = QTextEdit()
        self.text.setObjectName("ocrText")
        self.text.setAcceptRichText(False)
        self.text.cursorPositionChanged.connect(self._word_from_text)
        self.form = MetadataForm()
        self.form.edited.connect(self._edited)
        self.form.field_focused.connect(self.zoom_to_field)
        self.text.textChanged.connect(self._edited)
        split.addWidget(self.canvas)
        split.addWidget(self.text)
        split.addWidget(self.form)
        split.setSizes([470, 330, 420])
        lay.addWidget(split, 1)
        bottom = QHBoxLayout()
        self.status = StatusLog("")
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.discard_button = QPushButton(tr("Bỏ sửa chưa lưu"))
        self.discard_button.setObjectName("discardDrafts")
        self.discard_button.setToolTip(tr("Trả các trường và trang của hồ sơ này về bản đã lưu"))
        self.discard_button.clicked.connect(self.discard_drafts)
        bottom.addWidget(self.discard_button)
        self.save_button = QPushButton(tr("Lưu (Ctrl+S)"))
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(lambda: self.save(advance=False))
        self.doubt_button = QPushButton(tr("Trường đáng ngờ tiếp (F2)"))
        self.doubt_button.setObjectName("nextDoubtful")
        self.doubt_button.clicked.connect(self.next_doubtful)
        bottom.addWidget(self.doubt_button)
        self.next_button = QPushButton(tr("Lưu và tiếp (Ctrl+Enter)"))
        self.next_button.setObjectName("saveNextButton")
        self.next_button.clicked.connect(lambda: self.save(advance=True))
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.next_button)
        lay.addLayout(bottom)
        self.shortcut("Ctrl+S", lambda: self.save(advance=False))
        self.shortcut("Ctrl+Return", lambda: self.save(advance=True))
        self.shortcut("PgDown", lambda: self.step_page(1))
        self.shortcut("PgUp", lambda: self.step_page(-1))
        self.shortcut("Ctrl++", lambda: self.canvas.zoom_by(1.25))
        self.shortcut("Ctrl+-", lambda: self.canvas.zoom_by(0.8))
        self.shortcut("Ctrl+B", self.before.toggle)
        self.shortcut("F2", self.next_doubtful)

    # loading ------------------------------------------------------------------------------
    def activated(self) -> None:
        """Reload the stored dossiers (clerks see their own)."""
        ws, session = self.ctx.ws, self.ctx.session
        own = None if session.can("edit_metadata") else session.user

        def work() -> tuple[list[Any], list[str]]:
            return ws.dossiers(status=DossierStatus.STORED, owner=own), ws.records.drafted()

        self.op(work).on_success(self._fill).start()

    def open_dossier(self, did: str) -> None:
        """Show a dossier (e.g. just processed, or opened from search)."""
        self._wanted = did
        self.activated()

    def _fill(self, loaded: tuple[list[Any], list[str]]) -> None:
        dossiers, drafted = loaded
        wanted = getattr(self, "_wanted", None) or (self.dossier.id if self.dossier else None)
        self._wanted = None
        fill_dossier_box(self.dossier_box, dossiers, wanted)
        self._on_disk = set(drafted)
        self._mark_dossiers()
        self._on_dossier()

    def _on_dossier(self, *_a: Any) -> None:
        did = self.dossier_box.currentData()
        if not did:
            return
        self._stash()
        ws = self.ctx.ws
        self.op(lambda: (ws.dossier(did), ws.records.draft(did))).on_success(
            self._opened).start()

    def _opened(self, loaded: tuple[Any, Any]) -> None:
        """A dossier and the draft kept on disk for it (put back, and said so)."""
        dossier, draft = loaded
        note = self._take_kept(dossier, draft)
        self._show_dossier(dossier)
        if note:
            self.status.setText(note)

    def _edited(self) -> None:
        """A field or the page text changed: keep the drafts on disk after a quiet second."""
        if self.dossier is not None and self._shown_doc is not None:
            self._dirty.add(self.dossier.id)
            self.autosave.start()

    def _show_dossier(self, dossier: Any) -> None:
        self._stash()
        self.dossier = dossier
        self.edited_texts = self.text_drafts.setdefault(dossier.id, {})
        self.doc_box.blockSignals(True)
        self.doc_box.clear()
        for d in dossier.documents:
            self.doc_box.addItem(self._doc_label(d), d.doc_id)
        self.doc_box.blockSignals(False)
        self.doc_box.setCurrentIndex(min(self.doc_index, max(0, len(dossier.documents) - 1)))
        self._on_document()

    def document(self) -> Any:
        """The document shown."""
        if not self.dossier or not self.dossier.documents:
            return None
        return self.dossier.documents[max(0, self.doc_box.currentIndex())]

    def _on_document(self, *_a: Any) -> None:
        self._stash()
        doc = self.document()
        if doc is None:
            return
        self.doc_index = self.doc_box.currentIndex()
        self.form.set_document(doc.meta, file_code=self.dossier.file_code, ordinal=doc.seq)
        self._shown_doc = doc
        draft = self.doc_drafts.get(doc.doc_id)
        if draft:
            self.form.apply_draft(draft)
            self.status.setText(tr("Đã mở lại các sửa chưa lưu của tài liệu này ({fields}).")
                                .format(fields=", ".join(self.form.labels[k].text()
                                                         for k in draft)))
        else:
            self.status.setText("")
        self._relabel_docs()
        self.show_page(doc.first_page)

    def next_doubtful(self) -> None:
        """F2: the cursor goes to the next field read with low confidence."""
        if not self.form.focus_next_doubtful():
            self.status.setText(tr("Không còn trường nào đáng ngờ."))

    def rename_dossier(self, title: str | None = None) -> None:
        """Give the stored dossier another title (asked for when not given): a new sealed
        version; unsaved edits stay as they are."""
        if self.dossier is None:
            return
        if title is None:
            from PySide6.QtWidgets import QInputDialog

            title, ok = QInputDialog.getText(self, tr("Đổi tên hồ sơ"), tr("Tiêu đề mới:"),
                                             text=self.dossier.title)
            if not ok:
                return
        title = " ".join(title.split())
        if not title or title == self.dossier.title:
            return
        ws, did = self.ctx.ws, self.dossier.id

        def done(_r: object) -> None:
            self.open_dossier(did)
            self.status.setText(tr("Đã đổi tên hồ sơ (niêm phong thành phiên bản mới)."))

        self.op(lambda: ws.records.rename(did, title), write=True).on_success(done).start()

    # documents: split and merge ---------------------------------------------------------
    def split_here(self) -> None:
        """Start a new document at the page shown (a missed document boundary)."""
        doc = self.document()
        if doc is None or self.page_seq is None or self.page_seq <= doc.first_page:
            self.status.setText(tr("Hãy mở trang đầu của phần cần tách (không phải trang 1 "
                                   "của tài liệu)."))
            return
        at = self.page_seq - doc.first_page
        i = self.doc_box.currentIndex()
        self._regroup(lambda ws, did, i=i: ws.records.split_document_at(did, i, at),
                      tr("Đã tách tài liệu."))

    def merge_next(self) -> None:
        """Join the document shown with the next one (a wrong boundary undone)."""
        i = self.doc_box.currentIndex()
        if i < 0 or i + 1 >= self.doc_box.count():
            self.status.setText(tr("Không có tài liệu sau để gộp."))
            return
        self._regroup(lambda ws, did: ws.records.merge_with_next(did, i),
                      tr("Đã gộp tài liệu."))

    def _regroup(self, fn: Any, note: str) -> None:
        ws, did = self.ctx.ws, self.dossier.id
        self.op(lambda: (fn(ws, did), ws.dossier(did)), write=True).on_success(
            lambda r: (self._show_dossier(r[1]), self.status.setText(note))).start()

    # saving -------------------------------------------------------------------------------
    def _keep_text(self) -> None:
        if self.page_seq is not None and self.text.document().isModified():
            self.edited_texts[self.page_seq] = self.text.toPlainText()
            self.text.document().setModified(False)

    def save(self, *, advance: bool) -> None:
        """Check the form and seal the corrections as a new version; optionally go on."""
        doc = self.document()
        if doc is None:
            return
        self._keep_text()
        meta = self.form.values()
        problems = self.ctx.ws.records.validate(meta, file_code=self.dossier.file_code,
                                                ordinal=doc.seq)
        self.form.show_problems(problems)
        blocking = [p for p in problems if p.severity == "error" and p.field in
                    self.form.changed_fields()]
        if blocking:
            self.status.setText(tr("Chưa lưu: hãy sửa các trường được đánh dấu đỏ."))
            return
        changed = {k: meta.get(k, "") for k in self.form.changed_fields()}
        ws, did, texts = self.ctx.ws, self.dossier.id, dict(self.edited_texts)
        here = {d.doc_id for d in self.dossier.documents}
        docs = {k: v for k, v in self.doc_drafts.items() if k in here and k != doc.doc_id}
        if changed:
            docs[doc.doc_id] = changed
        if not docs and not texts:
            self._saved(None, advance, problems)
            return
        self.save_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.op(lambda: (ws.records.save_revision(did, documents=docs, page_texts=texts),
                         ws.dossier(did)), write=True).on_success(
            lambda r: self._saved(r, advance, problems)).on_failure(self._save_failed).start()

    def _save_failed(self, exc: BaseException) -> None:
        from ui.errors import show_error

        self.save_button.setEnabled(True)
        self.next_button.setEnabled(True)
        show_error(self, exc)

    def _saved(self, result: Any, advance: bool, problems: list[Any]) -> None:
        self.save_button.setEnabled(True)
        self.next_button.setEnabled(True)
        note = tr("Đã lưu.")
        if problems:
            note += " " + tr("Còn {n} lưu ý về đặc tả: {list}").format(
                n=len(problems), list="; ".join(self._problem_line(p) for p in problems))
        if result is not None:
            for d in self.dossier.documents:
                self.doc_drafts.pop(d.doc_id, None)
            self.text_drafts.pop(self.dossier.id, None)
            self._dirty.discard(self.dossier.id)  # the core dropped the draft on disk
            self._on_disk.discard(self.dossier.id)
            self._shown_doc = None  # saved: nothing to keep as a draft
            self.dossier = result[1]
            keep = self.doc_box.currentIndex()
            self._show_dossier(self.dossier)
            self.doc_box.setCurrentIndex(keep)
        if advance:
            if self.doc_box.currentIndex() + 1 < self.doc_box.count():
                self.doc_box.setCurrentIndex(self.doc_box.currentIndex() + 1)
            elif self.dossier_box.currentIndex() + 1 < self.dossier_box.count():
                self.doc_index = 0
                self.dossier_box.setCurrentIndex(self.dossier_box.currentIndex() + 1)
            else:
                note += " " + tr("Đã hết tài liệu cần rà soát.")
        self.status.setText(note)
        self.ctx.session.touch()
