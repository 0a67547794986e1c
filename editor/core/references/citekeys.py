"""Citekeys: first author's family name + year (``wilding2021``), unique with a, b, c…."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import count
from typing import Any

from editor.core.post.citation_syntax import is_simple_key
from editor.core.references.normalize import ascii_fold, date_year

_ASCII_KEY = re.compile(r"[A-Za-z0-9_:.#$%&+?<>~/-]+")
_STOPWORDS = {"a", "an", "the", "of", "on", "in", "and", "for", "to", "with"}


def is_valid_citekey(key: str) -> bool:
    """Whether ``key`` can be a library key: ASCII, cited as ``[@key]`` without braces
    (Pandoc's key syntax, :func:`editor.core.post.citation_syntax.is_simple_key`)."""
    return len(key) <= 100 and bool(_ASCII_KEY.fullmatch(key)) and is_simple_key(key)


def _word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def base_key(csl: dict[str, Any]) -> str:
    """``family`` + ``year`` of the first author (or editor); title word when nameless."""
    stem = ""
    for role in ("author", "editor"):
        names = csl.get(role) or []
        if names and isinstance(names[0], dict):
            first = names[0]
            if first.get("family"):
                stem = _word(str(first["family"]))
            elif first.get("literal"):
                words = [w for w in (_word(p) for p in str(first["literal"]).split()) if w]
                stem = next((w for w in words if w not in _STOPWORDS), words[0] if words else "")
            if stem:
                break
    if not stem:
        words = [w for w in (_word(p) for p in str(csl.get("title", "")).split()) if w]
        stem = next((w for w in words if w not in _STOPWORDS), words[0] if words else "")
    stem = stem[:40] or "ref"
    year = date_year(csl.get("issued"))
    return f"{stem}{year}" if year else stem


def _suffixes() -> Any:
    letters = "abcdefghijklmnopqrstuvwxyz"
    for size in count(1):
        if size == 1:
            yield from letters
        else:
            for index in range(len(letters) ** size):
                suffix = ""
                for _ in range(size):
                    index, rest = divmod(index, len(letters))
                    suffix = letters[rest] + suffix
                yield suffix


def unique_key(base: str, taken: Callable[[str], bool]) -> str:
    """``base`` if free, else ``base`` + a, b, … z, aa, ab … (``taken(key)`` says if used)."""
    if not taken(base):
        return base
    for suffix in _suffixes():
        candidate = f"{base}{suffix}"
        if not taken(candidate):
            return candidate
    raise AssertionError("unreachable")  # the suffix generator never ends
