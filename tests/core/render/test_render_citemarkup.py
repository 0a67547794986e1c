"""Range collapsing and the token round trip used by the incremental renderer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render.citemarkup import collapse, make_token, substitute, token_keys


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
    html = f"<p>x{make_token(keys, space)}y</p>"
    assert token_keys(html) == keys
    numbers = {key: i + 1 for i, key in enumerate(dict.fromkeys(keys))}
    out = substitute(html, numbers, "superscript")
    assert "\ue000" not in out and "\ue001" not in out
    for key in keys:
        assert f'href="#ref-{key}"' in out or out.count("<a ") < len(set(keys))
