"""Qt translation sources of the GUI (Vietnamese source texts, English translations)."""
