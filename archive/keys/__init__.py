"""Who holds which key (issue #24): the keystore's clear part, what an account unlocks, the
strength of new secrets, and the migration of version 1 accounts files."""
