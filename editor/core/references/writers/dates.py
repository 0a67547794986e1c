"""Date parts of CSL items, for the writers."""

from __future__ import annotations

from typing import Any


def date_parts(date: Any) -> list[int]:
    if isinstance(date, dict):
        parts = date.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list):
            try:
                return [int(p) for p in parts[0][:3]]
            except (TypeError, ValueError):
                return []
    return []


def iso(date: Any) -> str:
    """``2021-03-18``, ``2021-03`` or ``2021``; '' when there is no date."""
    parts = date_parts(date)
    if not parts:
        return ""
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
