"""The one owner of the domain's SQL: the catalog schema of records and the queries over it.

Everything else in the core reads and writes records through these functions (or the model
types they return); ``archive/`` stays a generic library that is handed the migrations.
"""
