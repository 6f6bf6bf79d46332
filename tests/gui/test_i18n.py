"""UI texts: every text has an English translation, and both loading paths translate."""

from __future__ import annotations

import pytest

from ui import i18n
from ui.translations.update import HERE, collect, read_ts

pytestmark = pytest.mark.gui


def test_every_ui_text_is_in_the_ts_files_and_translated() -> None:
    texts = collect()
    en = read_ts(HERE / "digitize_en.ts")
    assert len(texts) > 150
    missing = [t for t in texts if t not in en]
    unfinished = [t for t, (value, typ) in en.items() if not value or typ]
    assert not missing, f"run python -m ui.translations.update: {missing[:5]}"
    assert not unfinished, f"untranslated: {unfinished[:5]}"
    assert set(read_ts(HERE / "digitize_vi.ts")) == set(texts)


def test_english_through_qm_and_through_the_dict_fallback(qapp, monkeypatch) -> None:
    try:
        assert i18n.install("en") == "en"
        assert not isinstance(i18n._installed[-1], i18n.DictTranslator)  # the compiled .qm
        assert i18n.tr("Đăng nhập") == "Sign in"
        assert i18n.tr("Trang {n}").format(n=3) == "Page 3"
        monkeypatch.setattr(i18n, "_compiled", lambda ts: None)
        i18n.install("en")
        assert isinstance(i18n._installed[-1], i18n.DictTranslator)
        assert i18n.tr("Tra cứu") == "Search"
        i18n.install("vi")
        assert i18n.tr("Tra cứu") == "Tra cứu" and i18n.lang() == "vi"
    finally:
        i18n.install("vi")
