"""Stored records: review and revision, regrouping, PAdES signing of the documents."""
