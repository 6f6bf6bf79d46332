"""The TT 05/2025 document form: code lists as drop-downs, confidences, Vietnamese problems."""

from __future__ import annotations

from typing import Any

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
from digitize.records.review import document_fields
from ui.i18n import lang, tr

__all__ = ["MetadataForm", "FORM_FIELDS"]

#: The fields shown, in the order a clerk reads a document (NĐ 30/2020 layout).
FORM_FIELDS = ("docId", "typeName", "codeNumber", "codeNotation", "issuedDate", "organName",
               "subject", "signerName", "signerTitle", "place", "secrecy", "urgency",
               "maintenance", "mode", "language", "confidenceLevel", "format", "numberOfPage",
               "keyword", "description")


class MetadataForm(QScrollArea):
    """One row per field; a confidence badge for extracted values; problems under fields."""

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
        self.errors: dict[str, QLabel] = {}
        self._loaded: dict[str, str] = {}
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
            line = QHBoxLayout()
            line.addWidget(editor, 1)
            line.addWidget(badge)
            self.form.addWidget(label)
            self.form.addLayout(line)
            self.form.addWidget(err)
            self.editors[name], self.badges[name], self.errors[name] = editor, badge, err

    def set_document(self, meta: dict[str, Any], *, file_code: str | None = None,
                     ordinal: int | None = None) -> None:
        """Fill from a document's metadata (``_confidence`` gives the extraction badges)."""
        conf = meta.get("_confidence", {})
        self._loaded = {}
        for name, ed in self.editors.items():
            value = meta.get(name, "")
            value = "" if value is None else str(value)
            if isinstance(ed, QComboBox):
                i = ed.findData(value)
                if i < 0 and value:
                    ed.addItem(value, value)
                    i = ed.count() - 1
                ed.setCurrentIndex(max(0, i))
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
                color = "#188038" if c >= 0.9 else ("#b06000" if c >= 0.6 else "#b3261e")
                badge.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.show_problems([])

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
            ed.setCurrentIndex(max(0, ed.findData(value)))
        else:
            ed.setText(value)

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
