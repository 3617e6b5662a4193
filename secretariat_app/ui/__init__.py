"""The desktop window (PySide6). Thin: widgets call core services and the reports package."""
