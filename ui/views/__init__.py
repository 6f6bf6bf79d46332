"""The main screens, one per module."""

__all__ = ["base", "capture_view", "dashboard_view", "export_view", "review_view",
           "search_view", "sign_in_view"]
