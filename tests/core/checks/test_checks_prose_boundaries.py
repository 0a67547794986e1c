"""Sentence boundaries look back a bounded window and still decide exactly as a whole-text look-back."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.checks import prose


def _whole_text_token(text: str, end: int) -> str | None:
    token = re.search(r"([A-Za-z][A-Za-z.]*)$", text[:end])  # the former, quadratic look-back
    return token.group(1) if token else None


def _decides_alike(text: str, end: int) -> bool:
    bounded = prose._token_before(text, end)
    whole = _whole_text_token(text, end)
    if bounded is not None:
        return bounded.group(1) == whole
    if whole is None:
        return True
    word = whole.lower()  # dropped only when it cannot be an abbreviation either way
    return not (word in prose._ABBREVIATIONS or len(word) == 1 or ("." in word and len(word) <= 4))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab.. \nE", max_size=300), st.data())
def test_bounded_look_back_matches_the_whole_text(text, data):
    end = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert _decides_alike(text, end)


def test_long_runs_of_letters_and_dots_are_never_abbreviations():
    for text in ("x" * 200 + ".e.g", "." * 150 + "e.g", "a." * 120, "Dr" + "." * 100):
        for end in range(len(text) + 1):
            assert _decides_alike(text, end), (text, end)
