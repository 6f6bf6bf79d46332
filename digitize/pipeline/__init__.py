"""The pipeline: pages staged, worked (clean, OCR, secrecy), assembled and sealed (``run``)."""
