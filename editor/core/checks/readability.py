"""Reading-level arithmetic: syllables, Flesch-Kincaid grade and SMOG, offline.

The formulas and their coefficients are textstat's. textstat 0.7 counts English
syllables with NLTK's CMU pronouncing dictionary, which it downloads at first use;
Postwright runs offline, so it never calls those textstat functions. Syllables are
counted here instead with Pyphen's bundled English hyphenation dictionary (the
same fallback textstat uses for words missing from the CMU dictionary), corrected
upwards by a vowel-group count because hyphenation dictionaries never split a
word's first or last letters ("area", "idea"). Nothing is ever downloaded.

Counts are additive (:class:`ReadingCounts` ``+``), so a post's grade is computed
from its sections' cached counts without re-reading unchanged text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

FK_SENTENCE, FK_SYLLABLE, FK_BASE = 0.39, 11.8, -15.59  # textstat's flesch_kincaid_grade
SMOG_FACTOR, SMOG_BASE = 1.043, 3.1291  # textstat's smog_index

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_HIATUS = re.compile(r"(?<![tscxg])i[aou]|ea$|u[ao]")


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def _vowel_estimate(word: str) -> int:
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "make", "fire"
    elif word.endswith(("es", "ed")) and count > 1 and len(word) > 3 and word[-3] not in "aeioudt":
        count -= 1  # "makes", "liked" (but "wanted", "houses")
    count += len(_HIATUS.findall(word))  # "area", "idea", "cardio", "sodium": two syllables
    return max(1, count)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word (lower-cased letters; digits count as one)."""
    word = word.lower().strip("'’-")
    if not word or not any(ch.isalpha() for ch in word):
        return 1
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    hyphenated = len(_hyphenator().positions(word)) + 1
    return max(hyphenated, _vowel_estimate(word))


@dataclass(frozen=True)
class ReadingCounts:
    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of three or more syllables

    def __add__(self, other: ReadingCounts) -> ReadingCounts:
        return ReadingCounts(self.sentences + other.sentences, self.words + other.words,
                             self.syllables + other.syllables, self.polysyllables + other.polysyllables)

    @classmethod
    def of_words(cls, words: list[str], sentences: int) -> ReadingCounts:
        counts = [syllables(word) for word in words]
        return cls(sentences, len(words), sum(counts), sum(1 for c in counts if c >= 3))


def flesch_kincaid_grade(counts: ReadingCounts) -> float:
    if counts.sentences == 0 or counts.words == 0:
        return 0.0
    return (FK_SENTENCE * counts.words / counts.sentences
            + FK_SYLLABLE * counts.syllables / counts.words + FK_BASE)


def smog_index(counts: ReadingCounts) -> float:
    if counts.sentences == 0:
        return 0.0
    return SMOG_FACTOR * math.sqrt(30 * counts.polysyllables / counts.sentences) + SMOG_BASE
