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


def _split(text: str) -> list[str]:
    block = prose.Block(0, len(text), 1)
    return [text[s.start: s.text_end] for s in prose.sentences(text, block)]


def test_sentence_ends_that_look_like_abbreviations() -> None:
    cases = {
        "I don't. Then we go.": ["I don't.", "Then we go."],
        "They can’t. So we won't. Okay.": ["They can’t.", "So we won't.", "Okay."],
        "Dr. Smith saw her. It was fine.": ["Dr. Smith saw her.", "It was fine."],
        "See Fig. 3 for details. Next.": ["See Fig. 3 for details.", "Next."],
        "It rose 2.5 times. Then fell.": ["It rose 2.5 times.", "Then fell."],
        "J. R. Tolkien wrote it. Then more.": ["J. R. Tolkien wrote it.", "Then more."],
        "Smith et al. found this. Next one.": ["Smith et al. found this.", "Next one."],
        "Use a mild soap, e.g. a fragrance-free one. It helps.": ["Use a mild soap, e.g. a fragrance-free one.",
                                                                  "It helps."],
        "Rest vs. exercise is a choice. Both help.": ["Rest vs. exercise is a choice.", "Both help."],
        "Bring forms, insurance cards, etc. Then check in.": ["Bring forms, insurance cards, etc.", "Then check in."],
        "Come at 9 a.m. The desk opens then.": ["Come at 9 a.m.", "The desk opens then."],
        "The answer is no. We checked.": ["The answer is no.", "We checked."],
        "See form No. 5 first.": ["See form No. 5 first."],
        "The U.S. Food and Drug Administration agreed.": ["The U.S. Food and Drug Administration agreed."],
        "It works (1). Then more.": ["It works (1).", "Then more."],
    }
    for text, expected in cases.items():
        assert _split(text) == expected, text


def test_a_citation_after_the_full_stop_belongs_to_the_sentence_before() -> None:
    text = "Half of adults snore.    Then we slept."  # "[@a]" masked to spaces after the stop
    block = prose.Block(0, len(text), 1)
    first, second = prose.sentences(text, block)
    assert text[first.start: first.text_end] == "Half of adults snore." and first.end == second.start
