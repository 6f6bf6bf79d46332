"""Số hóa hồ sơ — the core: domain model, workflow, capture, cleaning, metadata, command line.

Nothing in this package imports Qt; ``ui`` builds on it, and it builds on ``ocr`` and ``archive``.
The one entry point is :class:`digitize.core.Workspace` (``ws.capture``, ``ws.records``,
``ws.search``, ``ws.transfer``, ``ws.signing``, ``ws.office_keys``); domain SQL lives in
``digitize/store/``; see ``docs/architecture.md`` for where a change belongs.
"""

__version__ = "0.1.0"
