"""The PySide6 desktop application, and nothing else."""
