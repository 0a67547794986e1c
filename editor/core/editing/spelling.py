"""Spell checking for post bodies: which words of a Markdown line to check, and the checker.

:func:`spell_tokens` finds the words of one line of Markdown that a person wrote,
skipping code spans, URLs, link targets, HTML tags, citekeys, acronyms, words
with digits (``GLP-1``, ``HbA1c``) and CamelCase names. :class:`Speller` checks
them against the English word list (``word_list``: pyspellchecker's, held compactly), the medical
word list shipped in ``resources/dictionaries/`` and the user's personal dictionary. It is safe to use
from a worker thread and the GUI thread at once (one lock).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path

from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.paths import resource

DICTIONARY_DIR = resource("dictionaries")
MEDICAL_WORDS = DICTIONARY_DIR / "medical.txt"

_SKIP = re.compile(
    r"""
      (?P<code>(`+).*?(?<!`)\2(?!`))           # inline code span
    | (?:https?|ftp|mailto):[^\s)>\]]+          # URL
    | www\.[^\s)>\]]+
    | \]\([^)]*\)                               # link / image destination
    | ^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+           # reference definition
    | </?[A-Za-z][^>]*>                         # HTML tag or autolink
    | <[^>\s]+>
    | &\#?\w+;                                  # HTML entity
    | [\w.+-]+@[\w-]+\.[\w.]+                   # e-mail address
    | -?@[\w][\w:.\#$%&+?<>~/-]*                # citekey
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_APOSTROPHE = "\u2019"


def spell_tokens(line: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` for each word of ``line`` that should be spell checked."""
    tokens: list[tuple[int, int, str]] = []
    position = 0
    for skip in _SKIP.finditer(line):
        tokens.extend(_words(line, position, skip.start()))
        position = skip.end()
    tokens.extend(_words(line, position, len(line)))
    return tokens


def _words(line: str, start: int, end: int) -> Iterable[tuple[int, int, str]]:
    for match in _WORD.finditer(line, start, end):
        word = match.group().replace(_APOSTROPHE, "'")
        if len(word) < 2 or any(char.isdigit() or char == "_" for char in word):
            continue
        if any(char.isupper() for char in word[1:]):
            continue  # acronyms (STEP, SURMOUNT) and names like PubMed
        # A word glued to a dot on both sides is a file or domain name (e.g. "index.html").
        if match.start() > 0 and line[match.start() - 1] in "./\\" and match.end() < len(line):
            if line[match.end()] in "./\\":
                continue
        yield match.start(), match.end(), word


def load_word_list(path: Path) -> list[str]:
    """The words of a word list file: one a line, ``#`` starts a comment."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PostwrightError(f"Cannot read the word list {path.name}: {error.strerror}.") from None
    words = []
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


class Speller:
    """English plus medical words plus a personal dictionary; case-insensitive."""

    def __init__(
        self,
        personal: Iterable[str] = (),
        word_lists: Iterable[Path] = (MEDICAL_WORDS,),
    ) -> None:
        from editor.core.editing.word_list import english_words  # imported here: marisa-trie is not needed to start

        self._lock = threading.Lock()
        self._english = english_words()
        self._extra: set[str] = set()
        for path in word_lists:
            self._extra.update(word.lower() for word in load_word_list(path))
        self._personal = {word.lower() for word in personal}
        self._ignored: set[str] = set()

    def is_known(self, word: str) -> bool:
        lower = word.lower().replace(_APOSTROPHE, "'")
        with self._lock:
            return self._known(lower)

    def _known(self, lower: str) -> bool:
        if lower in self._extra or lower in self._personal or lower in self._ignored:
            return True
        if lower in self._english:
            return True
        if lower.endswith("'s") and self._known(lower[:-2]):
            return True
        # Hyphenated compounds are right when every part is ("once-weekly").
        parts = [part for part in lower.split("-") if part]
        return len(parts) > 1 and all(self._known(part) for part in parts)

    def misspelled(self, words: Iterable[str]) -> set[str]:
        """The words (as given) that none of the dictionaries knows."""
        with self._lock:
            return {word for word in words if not self._known(word.lower().replace(_APOSTROPHE, "'"))}

    def suggestions(self, word: str, limit: int = 7) -> list[str]:
        """Likely corrections, most frequent first, in the word's capitalisation."""
        lower = word.lower()
        with self._lock:
            english = self._english
            candidates = english.candidates(lower)
            candidates.discard(lower)
            extra = {known for known in self._extra | self._personal if _close(lower, known)}
            ranked = sorted(extra) + sorted(candidates - extra, key=lambda w: (-english.frequency(w), w))
        return [_match_case(word, suggestion) for suggestion in ranked[:limit]]

    def add_personal(self, word: str) -> None:
        with self._lock:
            self._personal.add(word.lower())

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the speller is discarded (not saved)."""
        with self._lock:
            self._ignored.add(word.lower())


def _close(word: str, known: str) -> bool:
    """True if ``known`` is one edit away from ``word`` (for suggestions from the extra lists)."""
    if abs(len(word) - len(known)) > 1 or word == known:
        return False
    if len(word) == len(known):
        diffs = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            i = diffs[0]
            return word[i] == known[i + 1] and word[i + 1] == known[i]
        return len(diffs) == 1
    short, long = (word, known) if len(word) < len(known) else (known, word)
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] == short:
            return True
    return False


def _match_case(original: str, suggestion: str) -> str:
    if original.isupper():
        return suggestion.upper()
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
