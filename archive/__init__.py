"""The records store: encrypted catalog, signed containers, keys, search, audit log, export."""
