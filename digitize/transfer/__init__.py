"""Transfer of stored dossiers out of the archive: export to central storage."""
