"""OCR: Tesseract engine, parallel page pool, Vietnamese text normalisation and correction, two-layer PDF/A."""
