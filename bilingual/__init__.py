"""The one error base of every package: a stable code, an exit code, Vietnamese and English.

A leaf (imports nothing of the project), so ``ocr``, ``archive`` and ``digitize`` each derive
their own error tree from :class:`BilingualError` instead of copying it.
"""

from __future__ import annotations

__all__ = ["BilingualError"]


class BilingualError(Exception):
    """An error a person reads: stable ``code``, ``exit_code``, ``vi``/``en`` templates.

    Subclasses set ``code``, ``vi`` and ``en`` templates (``str.format`` fields from the
    keyword arguments) and optionally a ``hint_vi``/``hint_en``.
    """

    code = "error"
    exit_code = 1
    vi = "Lỗi: {detail}"
    en = "Error: {detail}"
    hint_vi = ""
    hint_en = ""

    def __init__(self, detail: str = "", **fields: object) -> None:
        self.fields = {"detail": detail, **fields}
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        """Render the message (with its hint) in ``vi`` or ``en``."""
        tmpl, hint = (self.vi, self.hint_vi) if lang == "vi" else (self.en, self.hint_en)
        try:
            text = tmpl.format(**self.fields)
        except (KeyError, IndexError):
            text = f"{tmpl} {self.fields}"
        return f"{text} {hint}".strip() if hint else text
