"""A framed bar under the capture thumbnails: a wrapped text and a row of buttons, hidden
until there is something to say (the withheld pages of #23, the GIẢI MẬT pages of #18)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

__all__ = ["notice_bar"]


def notice_bar(name: str, text_name: str, buttons: list[QPushButton]) -> tuple[QFrame, QLabel]:
    """The bar (object name ``name``, hidden) and its text label (``text_name``), with
    ``buttons`` left-aligned in one row under the text."""
    bar = QFrame()
    bar.setObjectName(name)
    bar.setFrameShape(QFrame.Shape.StyledPanel)
    lay = QVBoxLayout(bar)
    text = QLabel("")
    text.setObjectName(text_name)
    text.setWordWrap(True)
    lay.addWidget(text)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    lay.addLayout(row)
    bar.hide()
    return bar, text
