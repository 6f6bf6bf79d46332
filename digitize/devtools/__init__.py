"""Developer tools, not the product: the demo archive (``make run``, ``make demo``), samples."""
