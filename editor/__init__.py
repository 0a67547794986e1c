"""Postwright: a desktop article studio for clinicians."""

__version__ = "0.1.0"
