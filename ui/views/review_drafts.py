"""Unsaved review edits kept as drafts: per document (fields) and per dossier (page texts).

Moving to another document or dossier, locking the screen or switching the language keeps
them; the document list marks them (✎) beside the fields still doubtful (⚠n) or none (✓).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.i18n import lang

__all__ = ["ReviewDrafts"]


class ReviewDrafts:
    """Mixed into :class:`ui.views.review_view.ReviewView` (uses its form and lists)."""

    dossier: Any
    doc_box: Any
    form: Any
    doc_drafts: dict[str, dict[str, str]]
    text_drafts: dict[str, dict[int, str]]
    _shown_doc: Any

    _keep_text: Callable[[], None]

    def _doc_label(self, d: Any) -> str:
        """"1. 15/QĐ-UBND (3 tr.)" with its state: ✎ unsaved edits, ⚠ n doubtful fields, ✓."""
        weak = sum(1 for c in d.meta.get("_confidence", {}).values() if float(c) < 0.9)
        mark = "✎ " if d.doc_id in self.doc_drafts else ""
        mark += f"⚠{weak} " if weak else "✓ "
        return (f"{mark}{d.seq}. {d.meta.get('codeNumber', '')}/"
                f"{d.meta.get('codeNotation', '')} ({d.n_pages} tr.)")

    def _relabel_docs(self) -> None:
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
        if changed:
            self.doc_drafts[doc.doc_id] = changed
        else:
            self.doc_drafts.pop(doc.doc_id, None)

    def unsaved(self) -> int:
        """How many documents and pages hold edits not saved yet."""
        self._stash()
        return len(self.doc_drafts) + sum(len(t) for t in self.text_drafts.values())

    def drafts(self) -> tuple[dict[str, dict[str, str]], dict[str, dict[int, str]]]:
        """The unsaved edits, to hand to the next review view (lock, language switch)."""
        self._stash()
        return dict(self.doc_drafts), {k: dict(v) for k, v in self.text_drafts.items() if v}

    def restore_drafts(self, drafts: tuple[dict[str, dict[str, str]],
                                           dict[str, dict[int, str]]]) -> None:
        """Take over unsaved edits kept by a previous review view."""
        self.doc_drafts.update(drafts[0])
        for did, texts in drafts[1].items():
            self.text_drafts.setdefault(did, {}).update(texts)

    def _problem_line(self, p: Any) -> str:
        """A problem as the clerk reads it ("Trích yếu: quá ngắn"; the field is named in it)."""
        return str(p.vi if lang() == "vi" else p.en)

