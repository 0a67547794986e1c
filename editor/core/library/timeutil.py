"""Timestamps stored in the library (defined in ``foundation.timeutil``, which every room may use)."""

from __future__ import annotations

from editor.core.foundation.timeutil import parse_timestamp, utc_now

__all__ = ["parse_timestamp", "utc_now"]
