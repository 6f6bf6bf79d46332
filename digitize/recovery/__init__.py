"""Nothing lost: rebuild the catalog from the containers, back up and restore the archive."""
