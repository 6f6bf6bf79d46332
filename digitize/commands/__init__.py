"""Command implementations of the ``digitize`` CLI, grouped by area."""
