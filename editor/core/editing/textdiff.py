"""The smallest span that changed between two versions of a text.

Used to apply an outline edit (a moved or renamed section) to the editor as a
replacement of only what changed, so the cursor, the undo stack and the syntax
highlighting of the rest of a long document are left alone.
"""

from __future__ import annotations


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:  # binary search over slice comparisons (memcmp in C): O(n log n) worst case
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            low = mid
        else:
            high = mid - 1
    return low


def changed_span(old: str, new: str) -> tuple[int, int, str]:
    """``(start, end, replacement)`` such that ``old[:start] + replacement + old[end:] == new``."""
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]
