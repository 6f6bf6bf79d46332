"""The records store: encrypted catalog, signed and encrypted containers, keys, search, audit log, export."""
