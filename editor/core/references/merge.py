"""Merging two descriptions of the same work, and seeding an item from an identifier."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from editor.core.references.identifiers import Identifier
from editor.core.references.normalize import DATE_FIELDS, urlsplit_host


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _families(names: Any) -> list[str]:
    return [str(n.get("family") or n.get("literal") or "").lower() for n in names if isinstance(n, dict)]


def _more_precise(new: Any, old: Any) -> bool:
    """A date with more parts (month, day) in the same year and month as ``old``."""
    try:
        new_parts, old_parts = new["date-parts"][0], old["date-parts"][0]
    except (KeyError, IndexError, TypeError):
        return False
    return len(new_parts) > len(old_parts) and list(new_parts[: len(old_parts)]) == list(old_parts)


def fill_empty(existing: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """``existing`` with its empty fields filled from ``new``; returns (merged, changed).

    Existing values win, with exceptions that only add information: an author list that
    is a truncated prefix of the new one is extended, a date gains the month or day it
    lacked, and a stub made from an identifier alone (no title) takes the new item's type.
    """
    merged = dict(existing)
    changed = False
    if not existing.get("title") and new.get("type") and new.get("title") and new["type"] != existing.get("type"):
        merged["type"] = new["type"]
        changed = True
    for key, value in new.items():
        if key in {"id", "type"} or _empty(value):
            continue
        current = merged.get(key)
        if _empty(current):
            merged[key] = value
            changed = True
        elif key in DATE_FIELDS and _more_precise(value, current):
            merged[key] = value
            changed = True
        elif key in {"author", "editor"} and isinstance(current, list) and isinstance(value, list):
            old, longer = _families(current), _families(value)
            if len(longer) > len(old) and longer[: len(old)] == old:
                merged[key] = current + value[len(current):]
                changed = True
    return merged, changed


def seed_from_identifier(identifier: Identifier, today: dt.date | None = None) -> dict[str, Any]:
    """The CSL item an identifier alone gives (kept, marked incomplete, when offline)."""
    if identifier.kind == "doi":
        return {"type": "article-journal", "DOI": identifier.value}
    if identifier.kind == "pmid":
        return {"type": "article-journal", "PMID": identifier.value}
    if identifier.kind == "pmcid":
        return {"type": "article-journal", "PMCID": identifier.value}
    day = today or dt.date.today()
    return {"type": "webpage", "URL": identifier.value,
            "accessed": {"date-parts": [[day.year, day.month, day.day]]}}


def identifier_stem(csl: dict[str, Any]) -> str | None:
    """A citekey stem for an item with no names and no title, from its identifier."""
    if csl.get("PMID"):
        return f"pmid{csl['PMID']}"
    if csl.get("PMCID"):
        return str(csl["PMCID"]).lower()
    if csl.get("DOI"):
        return "doi-" + re.sub(r"[^a-z0-9]+", "-", str(csl["DOI"]).lower()).strip("-")[:40]
    if csl.get("URL"):
        host = urlsplit_host(str(csl["URL"]))
        if host:
            return re.sub(r"[^a-z0-9]+", "-", host.removeprefix("www.")).strip("-")[:40] or None
    return None
