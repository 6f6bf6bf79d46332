"""The TT 05/2025 document form: code lists as drop-downs, confidences, Vietnamese problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from digitize.metadata.codes import options
from digitize.metadata.extract import REVIEW_CONFIDENCE
from digitize.records.review import document_fields
from ui import dialogs
from ui.i18n import lang, tr

__all__ = ["MetadataForm", "FORM_FIELDS", "GUARDED_FIELDS"]

#: Fields that hide a record or stop its export when raised: changed only after a question.
GUARDED_FIELDS = ("secrecy", "mode")

#: The fields shown, in the order a clerk reads a document (NĐ 30/2020 layout).
FORM_FIELDS = ("docId", "typeName", "codeNumber", "codeNotation", "issuedDate", "organName",
               "subject", "signerName", "signerTitle", "place", "secrecy", "urgency",
               "maintenance", "mode", "language", "confidenceLevel", "format", "numberOfPage",
               "keyword", "description")


class MetadataForm(QScrollArea):
    """One row per field; a confidence badge for extracted values; problems under fields.

    ``edited`` is emitted when a value changes other than by loading a document or a draft.
    """

    edited = Signal()
    #: The cursor entered a field (its name): the review shows where it was read.
    field_focused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataForm")
        self.setWidgetResizable(True)
        inner = QWidget()
        outer = QVBoxLayout(inner)
        outer.setSpacing(2)
        self.form = QVBoxLayout()
        self.form.setSpacing(2)
        outer.addLayout(self.form)
        self.summary = QLabel("")
        self.summary.setObjectName("problemSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #b3261e;")
        outer.addWidget(self.summary)
        outer.addStretch(1)
        self.setWidget(inner)
        specs = {name: (vi, typ, cl) for name, vi, typ, cl in document_fields()}
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.badges: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self._loaded: dict[str, str] = {}
        self._filling = False
        self._doubtful: set[str] = set()
        self._last_index: dict[str, int] = {}
        for name in FORM_FIELDS:
            vi, typ, code_list = specs[name]
            editor: QLineEdit | QComboBox
            if typ in ("code", "codes") and code_list:
                editor = QComboBox()
                editor.addItem("—", "")
                for code, label in options(code_list):
                    editor.addItem(f"{code} {label}" if code != label else label, code)
            else:
                editor = QLineEdit()
                if typ == "date":
                    editor.setPlaceholderText(tr("ngày/tháng/năm, vd. 08/06/2022"))
            editor.setObjectName(f"field_{name}")
            editor.installEventFilter(self)
            if name == "docId":
                editor.setReadOnly(True)
            badge = QLabel("")
            badge.setMinimumWidth(40)
            err = QLabel("")
            err.setWordWrap(True)
            err.setStyleSheet("color: #b3261e;")
            err.hide()
            label = QLabel(vi if lang() == "vi" else name)
            label.setWordWrap(True)
            label.setToolTip(name)
            label.setStyleSheet("color: #3c4043; margin-top: 6px;")
            self.labels[name] = label
            line = QHBoxLayout()
            line.addWidget(editor, 1)
            line.addWidget(badge)
            self.form.addWidget(label)
            self.form.addLayout(line)
            self.form.addWidget(err)
            self.editors[name], self.badges[name], self.errors[name] = editor, badge, err
            if isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(self._changed)
            else:
                editor.textChanged.connect(self._changed)
            if name in GUARDED_FIELDS and isinstance(editor, QComboBox):
                editor.currentIndexChanged.connect(
                    lambda i, n=name: self._guarded_change(n, i))

    def set_document(self, meta: dict[str, Any], *, file_code: str | None = None,
                     ordinal: int | None = None) -> None:
        """Fill from a document's metadata (``_confidence`` gives the extraction badges)."""
        conf = meta.get("_confidence", {})
        self._doubtful = {k for k, c in conf.items() if float(c) < REVIEW_CONFIDENCE}
        self._loaded = {}
        self._filling = True
        for name, ed in self.editors.items():
            value = meta.get(name, "")
            value = "" if value is None else str(value)
            if isinstance(ed, QComboBox):
                i = ed.findData(value)
                if i < 0 and value:
                    ed.addItem(value, value)
                    i = ed.count() - 1
                ed.setCurrentIndex(max(0, i))
                self._last_index[name] = ed.currentIndex()
            else:
                ed.setText(value)
            self._loaded[name] = self._value(name)
            c = conf.get(name)
            badge = self.badges[name]
            if c is None:
                badge.setText("")
                badge.setToolTip("")
            else:
                badge.setText(f"{round(100 * float(c))}%")
                badge.setToolTip(tr("Độ tin cậy của trích xuất tự động"))
                color = ("#188038" if c >= REVIEW_CONFIDENCE
                         else "#b06000" if c >= 0.6 else "#b3261e")
                badge.setStyleSheet(f"color: {color}; font-weight: bold;")
        self._filling = False
        self.show_problems([])

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Report a field getting the cursor (Tab, F2, a click); never consume the event."""
        if event.type() == QEvent.Type.FocusIn:
            name = obj.objectName().removeprefix("field_")
            if name in self.editors:
                self.field_focused.emit(name)
        return False

    def _changed(self, *_a: Any) -> None:
        if not self._filling:
            self.edited.emit()

    def _guarded_change(self, name: str, index: int) -> None:
        """Raising Độ mật or Chế độ sử dụng asks first; "Hủy" puts the old value back."""
        ed = self.editors[name]
        before = self._last_index.get(name, 0)
        if self._filling or index <= before or not isinstance(ed, QComboBox):
            self._last_index[name] = index
            return
        label = self.labels[name].text()
        if name == "secrecy":
            text = tr("Đặt độ mật “{v}” cho tài liệu này? Tài liệu mật không còn hiện trong tra "
                      "cứu và cả hồ sơ sẽ không được xuất.").format(v=ed.itemText(index))
        else:
            text = tr("Đổi “{f}” thành “{v}”? Người không có quyền sẽ không xem được tài liệu "
                      "này.").format(f=label, v=ed.itemText(index))
        if dialogs.confirm(self, tr("Xác nhận thay đổi {f}").format(f=label), text,
                           yes=tr("Đổi"), no=tr("Giữ như cũ")):
            self._last_index[name] = index
            return
        ed.blockSignals(True)
        ed.setCurrentIndex(before)
        ed.blockSignals(False)

    def _value(self, name: str) -> str:
        ed = self.editors[name]
        return str(ed.currentData() or "") if isinstance(ed, QComboBox) else ed.text().strip()

    def values(self) -> dict[str, str]:
        """The form's values by field name (empty strings for empty fields)."""
        return {name: self._value(name) for name in self.editors}

    def changed_fields(self) -> list[str]:
        """Fields whose value differs from what was loaded."""
        return [n for n in self.editors if self._value(n) != self._loaded.get(n, "")]

    def set_value(self, name: str, value: str) -> None:
        """Set a field as a user would (tests, keyboard macros)."""
        ed = self.editors[name]
        if isinstance(ed, QComboBox):
            i = ed.findData(value)
            if i < 0 and value:
                ed.addItem(value, value)
                i = ed.count() - 1
            ed.setCurrentIndex(max(0, i))
        else:
            ed.setText(value)

    def doubtful_fields(self) -> list[str]:
        """Fields whose extracted confidence is under ``REVIEW_CONFIDENCE``, in form order."""
        return [n for n in self.editors if n in self._doubtful]

    def focus_next_doubtful(self) -> str | None:
        """Put the cursor in the next doubtful field after the focused one (wraps); its name."""
        names = self.doubtful_fields()
        if not names:
            return None
        order = list(self.editors)
        here = next((n for n, ed in self.editors.items() if ed.hasFocus()), None)
        start = order.index(here) if here in order else -1
        nxt = next((n for n in names if order.index(n) > start), names[0])
        ed = self.editors[nxt]
        ed.setFocus()
        self.ensureWidgetVisible(ed)
        if isinstance(ed, QLineEdit):
            ed.selectAll()
        return nxt

    def apply_draft(self, values: dict[str, str]) -> None:
        """Put back values typed earlier and not saved (no questions: they were asked then)."""
        self._filling = True
        try:
            for name, value in values.items():
                if name in self.editors:
                    self.set_value(name, value)
                    ed = self.editors[name]
                    if isinstance(ed, QComboBox):
                        self._last_index[name] = ed.currentIndex()
        finally:
            self._filling = False

    def show_problems(self, problems: list[Any]) -> None:
        """Show validation problems under their fields (Vietnamese or English)."""
        for err in self.errors.values():
            err.hide()
        other = []
        for p in problems:
            text = p.vi if lang() == "vi" else p.en
            err = self.errors.get(p.field)
            if err is None:
                other.append(f"{p.field}: {text}")
                continue
            err.setText(text if err.isHidden() else f"{err.text()}; {text}")
            err.show()
        n = len(problems)
        self.summary.setText(tr("{n} lưu ý về đặc tả.").format(n=n) +
                             ("\n" + "\n".join(other) if other else "") if n else "")

    def problem_text(self, name: str) -> str:
        """The problem shown under a field ('' if none)."""
        err = self.errors[name]
        return "" if err.isHidden() else err.text()
