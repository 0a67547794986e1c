"""Range collapsing and the token round trip used by the incremental renderer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.post.citation_locators import Locator
from editor.core.post.citation_syntax import format_cluster
from editor.core.render.citations import tokenize
from editor.core.render.citemarkup import Numbering, ama_locator, collapse, substitute


def expand(runs: list[tuple[int, int]]) -> list[int]:
    return [n for first, last in runs for n in range(first, last + 1)]


def test_collapse_examples() -> None:
    assert collapse([1, 2, 3, 5]) == [(1, 3), (5, 5)]
    assert collapse([2, 1]) == [(1, 1), (2, 2)]
    assert collapse([4, 4, 4]) == [(4, 4)]
    assert collapse([]) == []
    assert collapse([7, 1, 2, 3, 4, 9, 10]) == [(1, 4), (7, 7), (9, 9), (10, 10)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=40), max_size=20))
def test_collapse_covers_exactly_the_numbers(numbers: list[int]) -> None:
    runs = collapse(numbers)
    assert expand(runs) == sorted(set(numbers))
    for first, last in runs:
        assert last == first or last - first >= 2  # a pair is never written as a range


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.from_regex(r"[a-z][a-z0-9:_.-]{0,8}[a-z0-9]", fullmatch=True), min_size=1, max_size=4),
    st.booleans(),
)
def test_token_round_trip(keys: list[str], space: bool) -> None:
    text, marks = tokenize(f"x {format_cluster(keys)} y", lambda affix: affix)
    assert [mark.keys for mark in marks] == [tuple(keys)]
    html = f"<p>{text}</p>"
    numbers = {key: i + 1 for i, key in enumerate(dict.fromkeys(keys))}
    out = substitute(html, marks, Numbering(numbers))
    assert "\ue000" not in out and "\ue001" not in out
    for key in keys:
        assert f'href="#ref-{key}"' in out or out.count("<a ") < len(set(keys))


def test_a_token_no_mark_stands_for_is_dropped() -> None:
    assert substitute("<p>a\ue0007\ue001b</p>", (), Numbering({})) == "<p>ab</p>"


def test_ama_locator_forms() -> None:
    assert ama_locator(Locator("page", "3")) == "(p3)"
    assert ama_locator(Locator("page", "4-6")) == "(pp4-6)"
    assert ama_locator(Locator("chapter", "2")) == "(chap2)"
    assert ama_locator(Locator("sub verbo", "x")) == "(svx)"
