"""The English words the spell checker knows, held compactly: a MARISA trie and a frequency each.

The words are pyspellchecker's English frequency list (160,000 words). Loaded as that library
loads them, a dict of Python strings, they cost the app ~28 MB of memory, and reading the
compressed JSON costs more while it lasts. ``resources/dictionaries/english.words`` holds the same
words in a MARISA trie (marisa-trie, 0.4 MB, read in well under a millisecond) with each word's
count in the list beside it, for ranking suggestions; ``scripts/build-word-list`` writes it from
the pyspellchecker release the lock names, and a test checks the two agree.

:meth:`WordList.candidates` is pyspellchecker's ``candidates`` (``distance=2``) on this list:
the known words one edit away, or, when there are none, two edits away, using only the letters
the list's words are made of.

File layout (little-endian): ``MAGIC``, then the word count, the longest word's length, the
byte length of the letters and the CRC-32 of all that follows (four u32), the letters (UTF-8),
one u32 count per word in the trie's key-id order, and the trie itself. The checksum is what
finds a damaged file: the trie reader accepts many a damaged trie and would answer wrongly.
"""

from __future__ import annotations

import string
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.paths import resource

if TYPE_CHECKING:
    import marisa_trie

ENGLISH_WORDS = resource("dictionaries") / "english.words"
MAGIC = b"Postwright word list 1\n"
_HEADER = struct.Struct("<IIII")
LIMIT_BYTES = 16 * 1024 * 1024  # the English list is ~1.1 MB


class WordList:
    """Words (lower case) with a count each; ``word in words``, ``frequency``, ``candidates``."""

    def __init__(self, trie: marisa_trie.Trie, counts: array[int], letters: str, longest: int) -> None:
        self._trie = trie
        self._counts = counts
        self.letters = letters
        self.longest = longest

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> WordList:
        import marisa_trie

        trie = marisa_trie.Trie(counts.keys())
        by_id = array("I", bytes(4 * len(trie)))
        for word, count in counts.items():
            by_id[trie[word]] = count
        letters = "".join(sorted(set().union(*counts.keys()))) if counts else ""
        return cls(trie, by_id, letters, max(map(len, counts), default=0))

    @classmethod
    def from_bytes(cls, data: bytes, name: str = "the word list") -> WordList:
        """The list ``to_bytes`` wrote; a damaged one raises one line naming ``name``."""
        import marisa_trie

        damaged = PostwrightError(f"The spelling dictionary {name} is damaged; reinstall Postwright.")
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _HEADER.size:
            raise damaged
        count, longest, letters_size, checksum = _HEADER.unpack_from(data, len(MAGIC))
        at = len(MAGIC) + _HEADER.size
        counts_at = at + letters_size
        trie_at = counts_at + 4 * count
        if trie_at > len(data) or zlib.crc32(memoryview(data)[at:]) != checksum:
            raise damaged
        counts = array("I")
        counts.frombytes(data[counts_at:trie_at])
        if sys.byteorder == "big":
            counts.byteswap()
        trie = marisa_trie.Trie()
        try:
            letters = data[at:counts_at].decode("utf-8")
            trie.frombytes(data[trie_at:])
        except (UnicodeDecodeError, ValueError, RuntimeError):
            raise damaged from None
        if len(trie) != count:
            raise damaged
        return cls(trie, counts, letters, longest)

    @classmethod
    def read(cls, path: Path) -> WordList:
        try:
            with path.open("rb") as file:
                data = file.read(LIMIT_BYTES + 1)
        except OSError as error:
            raise PostwrightError(f"Cannot read the spelling dictionary {path.name}: {error.strerror}.") from None
        if len(data) > LIMIT_BYTES:
            raise PostwrightError(f"The spelling dictionary {path.name} is larger than {LIMIT_BYTES // 2**20} MB.")
        return cls.from_bytes(data, path.name)

    def to_bytes(self) -> bytes:
        counts = array("I", self._counts)
        if sys.byteorder == "big":
            counts.byteswap()
        letters = self.letters.encode("utf-8")
        payload = b"".join((letters, counts.tobytes(), self._trie.tobytes()))
        header = _HEADER.pack(len(self._trie), self.longest, len(letters), zlib.crc32(payload))
        return MAGIC + header + payload

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._trie

    def __len__(self) -> int:
        return len(self._trie)

    def items(self) -> Iterable[tuple[str, int]]:
        for word, key in self._trie.iteritems():
            yield word, self._counts[key]

    def frequency(self, word: str) -> int:
        """How often ``word`` occurs in the list's corpus (0 for a word it lacks)."""
        key = self._trie.get(word)
        return 0 if key is None else self._counts[key]

    def candidates(self, word: str) -> set[str]:
        """Known words one edit from ``word`` (lower case), else two; ``{word}`` when it is known
        or should not be corrected (a number, punctuation, far longer than any word)."""
        if word in self._trie or not self._should_check(word):
            return {word}
        near = self._edits(word)
        found = self._known(near)
        if found:
            return found
        return {known for edit in near if self._should_check(edit) for known in self._known(self._edits(edit))}

    def _known(self, words: Iterable[str]) -> set[str]:
        return {word for word in words if word in self._trie and self._should_check(word)}

    def _edits(self, word: str) -> set[str]:
        if not self._should_check(word):
            return {word}
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        letters = self.letters
        edits = {left + right[1:] for left, right in splits if right}
        edits.update(left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1)
        edits.update(left + c + right[1:] for left, right in splits if right for c in letters)
        edits.update(left + c + right for left, right in splits for c in letters)
        return edits

    def _should_check(self, word: str) -> bool:
        if len(word) == 1 and word in string.punctuation:
            return False
        if len(word) > self.longest + 3:
            return False
        if word in ("nan", "inf", "infinity"):
            return True
        try:
            float(word)
        except ValueError:
            return True
        return False


@cache
def english_words() -> WordList:
    """The English list, read once and shared by every window's spell checker."""
    return WordList.read(ENGLISH_WORDS)
