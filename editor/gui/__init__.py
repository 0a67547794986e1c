"""Postwright's PySide6 widgets. Thin: signals in, core calls, results out to widgets."""
