"""Timestamps stored in the library: UTC, ISO 8601, with microseconds so they sort."""

from __future__ import annotations

import datetime as dt


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def parse_timestamp(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)
