"""compile_scanning only narrows where a match is tried: every pattern finds exactly what re.compile finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.checks import claim_patterns, phi_patterns, privacy, promotion, prose, regulatory, scan
from editor.core.checks.scanning_regex import compile_scanning, first_char_lookahead


def _module_patterns() -> list[re.Pattern[str]]:
    found: dict[tuple[str, int], re.Pattern[str]] = {}

    def visit(value: object) -> None:
        if isinstance(value, re.Pattern):
            found[(value.pattern, value.flags)] = value
        elif isinstance(value, tuple | list):
            for item in value:
                visit(item)

    for module in (claim_patterns, phi_patterns, privacy, promotion, prose, regulatory, scan):
        for value in vars(module).values():
            visit(value)
    visit(promotion._word_pattern())
    visit(privacy._clinical())
    return list(found.values())


PATTERNS = _module_patterns()
FAST = [compile_scanning(pattern.pattern, pattern.flags) for pattern in PATTERNS]
# Words the checks look for, and characters that fold case or count as digits in Unicode.
VOCABULARY = ["FDA", "approved", "the", "CDC", "recommends", "Medicare", "covers", "best", "clinic", "in", "town",
              "Mr.", "Smith", "patient", "Maria", "was", "seen", "on", "May", "2", "12%", "percent", "4", "of",
              "10", "adults", "$199", "first", "visit", "free", "consultation", "painless", "guaranteed", "cure",
              "1,000", "people", "p", "<", "0.05", "95%", "CI", "OR", "2.1", "doubles", "risk", "half", "most",
              "patients", "555-123-4567", "12", "Oak", "Street", "ZIP", "02139", "aged", "91", "years", "old",
              "https://facebook.com/jane", "**bold**", "_em_", "[@smith2020]", "(1)", "<b>", "ſ", "K", "٣",
              "\u00a0", "Dr.", "e.g.", "studies", "show", "proven", "to", "book", "now", "before-and-after"]
texts = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6)), max_size=30).flatmap(
    lambda words: st.lists(st.sampled_from([" ", "  ", "\n", ", ", ". ", "", "-", "\t"]),
                           min_size=len(words), max_size=len(words)).map(
        lambda seps: "".join(w + s for w, s in zip(words, seps, strict=True))))


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_every_check_pattern_finds_the_same_matches(text: str) -> None:
    for pattern, fast in zip(PATTERNS, FAST, strict=True):
        assert spans(fast, text) == spans(pattern, text), pattern.pattern[:80]
        assert (fast.match(text) is None) == (pattern.match(text) is None)


def test_the_checks_patterns_that_open_blind_get_a_lookahead() -> None:
    widened = [p for p in PATTERNS if first_char_lookahead(p) is not None]
    assert len(widened) >= 40, "the speed-up no longer applies: has re's parser changed?"
    assert regulatory._CLAIM_VERB.pattern.startswith("(?=[")


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\b(?:recommends|advises)\b", 0, "(?=[ar])"),
    (r"\b(?:now\s+)?approved\b", 0, "(?=[an])"),
    (r"(?<!feel\s)\bfree\b", re.I, "(?=[f])"),
    (r"\b\d+\s?%", 0, r"(?=[\d])"),
    (r"\b(?:\s+x)", 0, r"(?=[\s])"),
])
def test_the_lookahead_names_the_characters_a_match_can_start_with(pattern: str, flags: int, expected: str) -> None:
    assert first_char_lookahead(re.compile(pattern, flags)) == expected


@pytest.mark.parametrize("pattern", [
    r"[A-Z]+\b",  # a class first: re scans for it itself
    r"^\s*foo",  # anchored at a line start
    r"\b(?:a|)",  # can match the empty string
    r"\b.x",  # any character
    r"\b\w+",  # \w is too wide to list
    r"\b[^a]",  # a negated class
    r"\b(?i:zip)",  # case-blind inside a case-sensitive pattern
    r"\b(?:(a)|\1)",  # a backreference where a match can start
])
def test_patterns_it_does_not_understand_are_left_alone(pattern: str) -> None:
    compiled = re.compile(pattern)
    assert first_char_lookahead(compiled) is None
    assert compile_scanning(pattern).pattern == pattern


def test_unicode_digits_and_case_folds_still_match() -> None:
    digit = compile_scanning(r"\b\d+ years")
    assert digit.search("aged ٣٣ years") is not None
    folded = compile_scanning(r"\b(?:kelvin|sun)", re.I)
    assert folded.search("the \u212aelvin scale") is not None  # KELVIN SIGN folds to k
    assert folded.search("\u017fun") is not None  # LONG S folds to s
