"""The closest known names to one that was not found: "did you mean 'glp1-what-to-know'?".

``difflib``'s ratio alone misses the commonest slip, a name typed short (``glp1`` for
``glp1-what-to-know`` scores 0.38), so a name that is the start of a known one (ignoring
punctuation), or whose words each start a word of it, counts as close too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

CUTOFF = 0.6
MAX_SUGGESTIONS = 3
_WORDS = re.compile(r"[^\W_]+")


def _score(wanted: str, candidate: str) -> float:
    a, b = wanted.casefold(), candidate.casefold()
    if a == b:
        return 1.0
    floor = 0.0
    if len(a) >= 3 and b.startswith(a):
        floor = 0.85
    elif len(a) >= 3 and "".join(_WORDS.findall(b)).startswith("".join(_WORDS.findall(a))):
        floor = 0.8  # the same start with other punctuation: "glp-1" for "glp1-what-to-know"
    elif len(a) >= 3 and (words := _WORDS.findall(a)) and all(
            any(theirs.startswith(word) for theirs in _WORDS.findall(b)) for word in words):
        floor = 0.75
    elif len(a) >= 4 and a in b:
        floor = 0.7
    matcher = difflib.SequenceMatcher(None, a, b)
    if not floor and matcher.quick_ratio() < CUTOFF:  # an upper bound of ratio(): skip the real work
        return 0.0
    return max(floor, matcher.ratio())


def closest(wanted: str, candidates: Iterable[str], *, limit: int = MAX_SUGGESTIONS) -> list[str]:
    """The known names closest to ``wanted``, best first (none when nothing is close)."""
    scored = [(score, name) for name in dict.fromkeys(candidates) if (score := _score(wanted, name)) >= CUTOFF]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return [name for _score_, name in scored[:limit]]


def did_you_mean(wanted: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` (or ``'x' or 'y'``) to end a not-found sentence, or ``""``."""
    names = [f"'{name}'" for name in closest(wanted, candidates)]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"; did you mean {listed}?"


def end_of_not_found(wanted: str, candidates: Iterable[str]) -> str:
    """The end of a not-found sentence: the suggestion with its question mark, or a full stop."""
    return did_you_mean(wanted, candidates) or "."
