"""The compact English word list: the same words, counts and corrections as pyspellchecker's,
and a damaged file is one sentence, never a crash."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spellchecker import SpellChecker

from editor.core.editing.word_list import ENGLISH_WORDS, LIMIT_BYTES, MAGIC, WordList, english_words
from editor.core.foundation.errors import PostwrightError


@pytest.fixture(scope="module")
def reference() -> SpellChecker:
    return SpellChecker(language="en", distance=2)


def test_the_shipped_list_is_pyspellchechers_list_at_the_locked_version(reference: SpellChecker):
    """scripts/build-word-list wrote it from the pyspellchecker the lock names; rerun it after a new pin."""
    shipped = english_words()
    frequency = reference.word_frequency
    assert dict(shipped.items()) == dict(frequency.dictionary)
    assert set(shipped.letters) == frequency.letters
    assert shipped.longest == frequency.longest_word_length
    assert ENGLISH_WORDS.read_bytes() == WordList.from_counts(frequency.dictionary).to_bytes()


def _misspell(word: str, edits: list[tuple[int, int, str]]) -> str:
    for kind, where, letter in edits:
        at = where % (len(word) + 1)
        if kind == 0 and word:
            word = word[: min(at, len(word) - 1)] + word[min(at, len(word) - 1) + 1 :]
        elif kind == 1:
            word = word[:at] + letter + word[at:]
        elif kind == 2 and at < len(word):
            word = word[:at] + letter + word[at + 1 :]
        elif kind == 3 and at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word


_SHORT_WORDS = sorted(word for word, _count in english_words().items() if 2 <= len(word) <= 9)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    word=st.sampled_from(_SHORT_WORDS),
    edits=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 20), st.sampled_from(string.ascii_lowercase + "-'")),
                   min_size=1, max_size=2),
)
def test_corrections_are_pyspellcheckers(reference: SpellChecker, word: str, edits: list[tuple[int, int, str]]):
    typo = _misspell(word, edits)
    assert english_words().candidates(typo) == (reference.candidates(typo) or set())


@pytest.mark.parametrize("word", ["recieve", "diabetis", "teh", "accomodate", "nan", "a", "3.5", "?",
                                  "x" * 60, "naïvete", "it's"])
def test_corrections_of_awkward_words_are_pyspellcheckers(reference: SpellChecker, word: str):
    assert english_words().candidates(word) == (reference.candidates(word) or set())


def test_frequency_ranks_common_words_first():
    words = english_words()
    assert words.frequency("the") > words.frequency("patient") > words.frequency("semaglutide") == 0
    assert "patient" in words and "semaglutide" not in words and 42 not in words


@given(st.dictionaries(st.text(alphabet="abcdeé'-", min_size=1, max_size=12), st.integers(0, 2**32 - 1),
                       max_size=40))
def test_round_trip(counts: dict[str, int]):
    back = WordList.from_bytes(WordList.from_counts(counts).to_bytes())
    assert dict(back.items()) == counts
    assert all(word in back and back.frequency(word) == count for word, count in counts.items())


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut short inside the trie
    lambda data: data[: len(MAGIC) + 20],  # cut short inside the counts
    lambda data: b"Something else entirely\n" + data[len(MAGIC):],
    lambda data: data[: len(MAGIC) + 16] + b"\xff\xfe" + data[len(MAGIC) + 18:],  # letters not UTF-8
    lambda data: data[:-64] + bytes(64),  # the trie's end overwritten (the trie reader takes it)
    lambda data: data[: len(MAGIC) + 20] + data[len(MAGIC) + 20:][::-1],  # all but the header scrambled
    lambda data: b"",
])
def test_a_damaged_file_is_one_sentence(tmp_path: Path, damage):
    data = WordList.from_counts({"alpha": 3, "beta": 2, "gamma": 1, "délai": 4}).to_bytes()
    path = tmp_path / "english.words"
    path.write_bytes(damage(data))
    with pytest.raises(PostwrightError) as caught:
        WordList.read(path)
    assert "english.words" in str(caught.value) and "\n" not in str(caught.value)


def test_an_oversized_or_missing_file_is_refused(tmp_path: Path):
    big = tmp_path / "big.words"
    big.write_bytes(MAGIC + bytes(LIMIT_BYTES))
    with pytest.raises(PostwrightError, match="big.words is larger than"):
        WordList.read(big)
    with pytest.raises(PostwrightError, match="Cannot read the spelling dictionary gone.words"):
        WordList.read(tmp_path / "gone.words")
