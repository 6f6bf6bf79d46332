"""Số hóa hồ sơ — the core: domain model, workflow, capture, cleaning, metadata, command line.

Nothing in this package imports Qt; ``ui`` builds on it, and it builds on ``ocr`` and ``archive``.
"""

__version__ = "0.1.0"
