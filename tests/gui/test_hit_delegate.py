"""Search results: the snippet's matched words are lit, user text is escaped, items wrap."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyleOptionViewItem

from ui.widgets.hit_delegate import HTML_ROLE, SnippetDelegate, snippet_html

pytestmark = pytest.mark.gui


def test_marked_words_are_lit_and_user_text_is_escaped() -> None:
    html = snippet_html("Hồ sơ <1> — trang 2", "… có «trách nhiệm» tổ chức <b>x</b> …")
    assert "<b>Hồ sơ &lt;1&gt; — trang 2</b><br>" in html
    assert "background-color:#ffe58f" in html and "<b>trách nhiệm</b></span>" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "«" not in html and "»" not in html


def test_items_wrap_to_the_list_width(qtbot) -> None:
    view = QListWidget()
    qtbot.addWidget(view)
    view.setItemDelegate(SnippetDelegate(view))
    item = QListWidgetItem("plain")
    snippet = "… «quyết định» " + "lưu trữ " * 60
    item.setData(HTML_ROLE, snippet_html("Hồ sơ mẫu — trang 1", snippet))
    view.addItem(item)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    index = view.model().index(0, 0)
    wide = view.itemDelegate().sizeHint(option, index).height()
    view.resize(250, 400)
    narrow = view.itemDelegate().sizeHint(option, index).height()
    assert narrow > wide * 2
    view.grab()  # paints through the delegate without error
