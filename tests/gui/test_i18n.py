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


def test_a_compiled_translation_is_never_rewritten_in_place(tmp_path) -> None:  # noqa: ANN001
    """Qt maps a loaded .qm into memory: rewriting it under a running program (another worker,
    window or checkout sharing the cache) killed a CI worker with SIGBUS in ``tr``."""
    import os

    from ui import i18n

    ts = tmp_path / "digitize_en.ts"
    ts.write_bytes((i18n.TS_DIR / "digitize_en.ts").read_bytes())
    cache = tmp_path / "cache"
    first = i18n._compiled(ts, cache)
    assert first is not None and first.stat().st_size > 0
    before = first.stat()
    later = before.st_mtime + 60  # a fresh checkout: same text, newer file
    os.utime(ts, (later, later))
    again = i18n._compiled(ts, cache)
    assert again == first
    after = first.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino, before.st_mtime_ns, before.st_size)
    ts.write_text(ts.read_text(encoding="utf-8").replace("</TS>", "</TS>\n"), encoding="utf-8")
    changed = i18n._compiled(ts, cache)  # new text: a new file beside, the old one untouched
    assert changed is not None and changed != first
    assert first.stat().st_mtime_ns == before.st_mtime_ns
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temporary left
