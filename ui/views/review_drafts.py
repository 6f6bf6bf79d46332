"""Unsaved review edits kept as drafts: per document (fields) and per dossier (page texts).

Moving to another document or dossier, locking the screen or switching the language keeps
them in memory; a second after the last keystroke, and at sign-out and quit, they are also
kept on disk by the core (``ws.records.keep_draft``: in the encrypted catalog, never in
plaintext), so a crash or a quit loses nothing: the next opening of the dossier puts them
back. The document list marks them (✎) beside the fields still doubtful (⚠n) or none (✓).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from digitize.metadata.extract import REVIEW_CONFIDENCE
from ui import dialogs
from ui.i18n import lang, tr

__all__ = ["AUTOSAVE_MS", "KeptDrafts", "ReviewDrafts", "count_drafts", "write_drafts"]

#: Quiet time after the last edit before the drafts are written to disk.
AUTOSAVE_MS = 1000

#: Drafts by dossier id: ``(fields by docId, page texts by seq)``.
KeptDrafts = dict[str, tuple[dict[str, dict[str, str]], dict[int, str]]]


def count_drafts(kept: KeptDrafts | None) -> int:
    """How many documents and pages hold unsaved edits."""
    return sum(len(docs) + len(texts) for docs, texts in (kept or {}).values())


def write_drafts(ws: Any, kept: KeptDrafts) -> None:
    """Keep each dossier's drafts on disk (in a worker); one failing does not stop the rest."""
    for did, (docs, texts) in kept.items():
        try:
            ws.records.keep_draft(did, documents=docs, page_texts=texts)
        except Exception:  # noqa: BLE001, S112 - at exit: the others are still written
            continue


class ReviewDrafts:
    """Mixed into :class:`ui.views.review_view.ReviewView` (uses its form and lists)."""

    ctx: Any
    dossier: Any
    doc_box: Any
    form: Any
    status: Any
    doc_drafts: dict[str, dict[str, str]]
    text_drafts: dict[str, dict[int, str]]
    draft_owner: dict[str, str]  # docId -> dossier id
    _dirty: set[str]
    _shown_doc: Any

    _keep_text: Callable[[], None]
    op: Callable[..., Any]

    def _doc_label(self, d: Any) -> str:
        """"1. 15/QĐ-UBND (3 tr.)" with its state: ✎ unsaved edits, ⚠ n doubtful fields, ✓."""
        weak = sum(1 for c in d.meta.get("_confidence", {}).values()
                   if float(c) < REVIEW_CONFIDENCE)
        mark = "✎ " if d.doc_id in self.doc_drafts else ""
        mark += f"⚠{weak} " if weak else "✓ "
        return (f"{mark}{d.seq}. {d.meta.get('codeNumber', '')}/"
                f"{d.meta.get('codeNotation', '')} ({d.n_pages} tr.)")

    _on_disk: set[str]  # dossiers with a draft kept on disk
    dossier_box: Any

    def _mark_dossiers(self) -> None:
        """Mark with ✎ the dossiers holding unsaved edits (in memory or kept on disk)."""
        box = self.dossier_box
        held = set(self._on_disk) | set(self.draft_owner[k] for k in self.doc_drafts
                                        if k in self.draft_owner)
        held |= {did for did, texts in self.text_drafts.items() if texts}
        for i in range(box.count()):
            text = box.itemText(i).removeprefix("✎ ")
            box.setItemText(i, f"✎ {text}" if box.itemData(i) in held else text)

    def _relabel_docs(self) -> None:
        self._mark_dossiers()
        if self.dossier is None:
            return
        for i, d in enumerate(self.dossier.documents[:self.doc_box.count()]):
            self.doc_box.setItemText(i, self._doc_label(d))

    def _stash(self) -> None:
        """Keep the shown document's unsaved field edits (and page text) as a draft."""
        doc = self._shown_doc
        if doc is None:
            return
        self._keep_text()
        values = self.form.values()
        changed = {k: values[k] for k in self.form.changed_fields()}
        before = self.doc_drafts.get(doc.doc_id)
        if changed:
            self.doc_drafts[doc.doc_id] = changed
            self.draft_owner[doc.doc_id] = self.dossier.id
        else:
            self.doc_drafts.pop(doc.doc_id, None)
        if before != (changed or None):
            self._dirty.add(self.dossier.id)

    def unsaved(self) -> int:
        """How many documents and pages hold edits not saved yet."""
        self._stash()
        return len(self.doc_drafts) + sum(len(t) for t in self.text_drafts.values())

    def drafts(self) -> KeptDrafts:
        """The unsaved edits by dossier (to write to disk, or to hand to the next view)."""
        self._stash()
        out: KeptDrafts = {}
        for doc_id, fields in self.doc_drafts.items():
            did = self.draft_owner.get(doc_id)
            if did:
                out.setdefault(did, ({}, {}))[0][doc_id] = dict(fields)
        for did, texts in self.text_drafts.items():
            if texts:
                out.setdefault(did, ({}, {}))[1].update(texts)
        return out

    def restore_drafts(self, kept: KeptDrafts) -> None:
        """Take over unsaved edits kept by a previous review view (lock, language switch)."""
        for did, (docs, texts) in kept.items():
            self._take(did, docs, texts)

    def _take(self, did: str, docs: dict[str, dict[str, str]], texts: dict[int, str]) -> int:
        """Add drafts of dossier ``did`` that are not in memory already; how many were added."""
        n = 0
        for doc_id, fields in docs.items():
            if doc_id not in self.doc_drafts:
                self.doc_drafts[doc_id] = dict(fields)
                self.draft_owner[doc_id] = did
                n += 1
        mine = self.text_drafts.setdefault(did, {})
        for seq, text in texts.items():
            if seq not in mine:
                mine[seq] = text
                n += 1
        return n

    def _take_kept(self, dossier: Any, draft: Any) -> str:
        """Put back the draft kept on disk for ``dossier`` (a crash, a quit); a note or ''."""
        if draft is None:
            return ""
        here = {d.doc_id for d in dossier.documents}
        docs = {k: v for k, v in draft.documents.items() if k in here}
        seqs = {p.seq for p in getattr(dossier, "pages", [])} or None
        texts = {s: t for s, t in draft.page_texts.items() if seqs is None or s in seqs}
        if not self._take(dossier.id, docs, texts):
            return ""
        when = draft.kept[11:16] + " " + "/".join(reversed(draft.kept[:10].split("-")))
        note = tr("Đã mở lại các sửa chưa lưu của lần trước ({n} tài liệu, {p} trang; giữ lúc "
                  "{when}). Lưu để ghi lại, hoặc “Bỏ sửa chưa lưu”.").format(
            n=len(docs), p=len(texts), when=when)
        if draft.container != dossier.container_id:
            note += " " + tr("Hồ sơ đã có phiên bản mới hơn từ khi sửa: hãy xem lại.")
        return note

    # on disk ------------------------------------------------------------------------------
    def keep_on_disk(self) -> None:
        """Write the drafts of the dossiers edited since the last write (in the writer)."""
        self._stash()
        if not self._dirty:
            return
        kept = self.drafts()
        batch = {did: kept.get(did, ({}, {})) for did in self._dirty}
        self._dirty = set()
        for did, (docs, texts) in batch.items():
            (self._on_disk.add if docs or texts else self._on_disk.discard)(did)
        self._relabel_docs()  # ✎ on the document and the dossier, a second after the edit
        ws = self.ctx.ws
        self.op(lambda: write_drafts(ws, batch), write=True).on_failure(lambda _e: None).start()

    def discard_drafts(self) -> None:
        """"Bỏ sửa chưa lưu": forget this dossier's unsaved edits (after a question)."""
        if self.dossier is None:
            return
        did = self.dossier.id
        self._stash()
        keys = [k for k in self.doc_drafts if self.draft_owner.get(k) == did]
        n = len(keys) + len(self.text_drafts.get(did, {}))
        if not n or not dialogs.confirm(
                self, tr("Bỏ sửa chưa lưu"),  # type: ignore[arg-type]
                tr("Bỏ {n} sửa chưa lưu của hồ sơ này? Các trường và trang sẽ trở lại như bản "
                   "đã lưu.").format(n=n), yes=tr("Bỏ các sửa"), no=tr("Giữ lại")):
            return
        for k in keys:
            self.doc_drafts.pop(k, None)
        self.text_drafts.pop(did, None)
        self._shown_doc = None
        self._dirty.discard(did)
        self._on_disk.discard(did)
        ws = self.ctx.ws
        self.op(lambda: ws.records.discard_draft(did), write=True).start()
        self._show_dossier(self.dossier)
        self.status.setText(tr("Đã bỏ các sửa chưa lưu."))

    _show_dossier: Callable[[Any], None]

    def _problem_line(self, p: Any) -> str:
        """A problem as the clerk reads it ("Trích yếu: quá ngắn"; the field is named in it)."""
        return str(p.vi if lang() == "vi" else p.en)
