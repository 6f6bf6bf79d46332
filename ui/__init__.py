"""The PySide6 desktop application, and nothing else."""

__all__ = ["app", "main_window", "tasks", "errors", "i18n", "views", "widgets"]
