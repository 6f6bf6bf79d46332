"""Reusable widgets of the desktop application."""

__all__ = ["charts", "page_canvas", "progress_panel"]
