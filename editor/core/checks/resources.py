"""The word lists the checks use, read once from ``resources/checks/``.

Each list is a UTF-8 text file with one entry per line; blank lines and lines
starting with ``#`` are ignored. Entries are lower-cased.
"""

from __future__ import annotations

from functools import cache

from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.paths import resource


@cache
def word_list(name: str) -> tuple[str, ...]:
    path = resource("checks", name)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PostwrightError(f"The check word list {name} cannot be read ({error}); reinstall Postwright.") from error
    entries = (line.strip() for line in text.splitlines())
    return tuple(entry.lower() for entry in entries if entry and not entry.startswith("#"))


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(word_list(name))
