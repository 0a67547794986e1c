"""Property tests: any text given to the importer either imports or fails with PostImportError."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.foundation.errors import PostImportError
from editor.core.importers import parse_text
from editor.core.importers.blocks import blocks_to_markdown, markdown_to_blocks

FRAGMENTS = st.sampled_from(
    [
        "Skip to main content", "References", "Author", "You Might Also Enjoy...", "## Heading", "# Title",
        "1. https://doi.org/10.1000/x", "[2] Smith J. A study. J Med. 2020;1:1.", "Text (1).", "Text (2, 3).",
        "Text (4-6).", "More [7].", "(1) Enumerated", "Jordan Ellis, PA-C", "Chapter 9 - Sleep", "---",
        "title: x", "<p>para</p>", "<script>x()</script>", "```", "- bullet", "\u2022 bullet", "\ue000", "\ue001",
        "<!DOCTYPE html>", "<h1>T</h1>", "\t", " ", "", "New patients: book now!", "|a|b|", "> quote",
    ]
)  # fmt: skip
LINES = st.lists(st.one_of(FRAGMENTS, st.text(max_size=30)), max_size=14)
SEPARATORS = st.sampled_from(["\n", "\n\n", "\r\n", " "])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=LINES, separator=SEPARATORS)
def test_parse_text_only_raises_post_import_error(lines: list[str], separator: str) -> None:
    text = separator.join(lines)
    try:
        post = parse_text(text, "fuzz")
    except PostImportError as error:
        assert str(error).startswith("fuzz")
        return
    assert post.title.strip()
    assert "\ue000" not in post.body and "\ue001" not in post.body
    outside_code = re.sub(r"(`{1,})[^`].*?\1", "", post.body, flags=re.S)  # code spans and fences render as text
    assert "<script" not in outside_code.lower()
    assert set(post.unresolved) <= {int(n) for n in range(1, 1000)}
    assert all(f"[@missing-{n}" in post.body or f"; @missing-{n}" in post.body for n in post.unresolved)


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_escapes_as_another_error(text: str) -> None:
    try:
        parse_text(text, "fuzz")
    except PostImportError:
        pass


@settings(max_examples=80, deadline=None)
@given(LINES)
def test_blocks_round_trip_is_stable(lines: list[str]) -> None:
    once = blocks_to_markdown(markdown_to_blocks("\n\n".join(lines)))
    assert blocks_to_markdown(markdown_to_blocks(once)) == once
