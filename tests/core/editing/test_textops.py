"""Formatting and search operations of the editor, without Qt."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.editing.textops import (
    compile_search,
    expand_replacement,
    from_utf16,
    make_link,
    to_utf16,
    toggle_heading,
    toggle_inline,
    toggle_line_prefix,
)
from editor.core.foundation.errors import ValidationError


def run(op, text, start, end, *args):
    edit = op(text, start, end, *args)
    result = edit.apply(text)
    return result, result[edit.sel_start : edit.sel_end], edit


def test_bold_wraps_selection_and_selects_the_word():
    result, selected, _ = run(toggle_inline, "take it weekly", 8, 14, "**")
    assert result == "take it **weekly**"
    assert selected == "weekly"


def test_bold_unwraps_when_markers_are_selected_or_around():
    assert run(toggle_inline, "a **b** c", 2, 7, "**")[0] == "a b c"
    assert run(toggle_inline, "a **b** c", 4, 5, "**")[0] == "a b c"


def test_italic_on_bold_word_adds_italic_rather_than_stripping_bold():
    assert run(toggle_inline, "**dose** x", 2, 6, "*")[0] == "***dose*** x"
    assert run(toggle_inline, "***dose***", 3, 7, "*")[0] == "**dose**"


def test_spaces_stay_outside_markers():
    result, selected, _ = run(toggle_inline, "a word here", 1, 7, "*")
    assert result == "a *word* here"
    assert selected == "word"


def test_empty_selection_in_word_toggles_that_word_and_keeps_cursor():
    result, _, edit = run(toggle_inline, "hello world", 2, 2, "**")
    assert result == "**hello** world" and edit.sel_start == 4
    back, _, edit2 = run(toggle_inline, result, 4, 4, "**")
    assert back == "hello world" and edit2.sel_start == 2


def test_empty_selection_between_words_inserts_pair():
    result, _, edit = run(toggle_inline, "a  b", 2, 2, "`")
    assert result == "a `` b" and edit.sel_start == 3


def test_link_selects_url_placeholder_or_label():
    result, _, edit = run(make_link, "see the trial", 8, 13, "https://doi.org/x")
    assert result == "see the [trial](https://doi.org/x)"
    assert result[edit.sel_start : edit.sel_end] == "https://doi.org/x"
    result, _, edit = run(make_link, "x ", 2, 2)
    assert result == "x []()" and edit.sel_start == 3


def test_heading_toggle_and_level_switch():
    text = "Intro\nSide effects\nmore"
    result, _, edit = run(toggle_heading, text, 8, 8, 2)
    assert result == "Intro\n## Side effects\nmore"
    assert result[edit.sel_start :].startswith("de effects")  # cursor kept on the same character
    assert run(toggle_heading, result, 10, 10, 3)[0] == "Intro\n### Side effects\nmore"
    assert run(toggle_heading, result, 10, 10, 2)[0] == text
    with pytest.raises(ValidationError):
        toggle_heading(text, 0, 0, 7)


def test_lists_number_switch_and_remove():
    text = "eggs\nfish\n\nbeans"
    numbered = run(toggle_line_prefix, text, 0, len(text), "numbered")[0]
    assert numbered == "1. eggs\n2. fish\n\n3. beans"
    bullets = run(toggle_line_prefix, numbered, 0, len(numbered), "bullet")[0]
    assert bullets == "- eggs\n- fish\n\n- beans"
    assert run(toggle_line_prefix, bullets, 0, len(bullets), "bullet")[0] == text


def test_quote_only_touches_selected_lines():
    text = "one\ntwo\nthree"
    assert run(toggle_line_prefix, text, 4, 6, "quote")[0] == "one\n> two\nthree"
    # A selection ending at the start of a line does not include that line.
    assert run(toggle_line_prefix, text, 0, 4, "quote")[0] == "> one\ntwo\nthree"


lines = st.lists(st.text(alphabet="abc #>-1.*", min_size=0, max_size=12), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None)
@given(lines, st.sampled_from(["bullet", "numbered", "quote"]))
def test_line_prefix_toggle_twice_restores_plain_lines(parts, kind):
    text = "\n".join(part.lstrip(" #>-1.*") for part in parts)  # plain lines, no markup to start
    once = run(toggle_line_prefix, text, 0, len(text), kind)[0]
    assert run(toggle_line_prefix, once, 0, len(once), kind)[0] == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abc xyz", min_size=1, max_size=20), st.data(), st.sampled_from(["**", "*", "`"]))
def test_inline_toggle_twice_restores_text(text, data, marker):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    first = toggle_inline(text, start, end, marker)
    once = first.apply(text)
    second = toggle_inline(once, first.sel_start, first.sel_end, marker)
    assert second.apply(once) == text


def test_search_options():
    text = "Dose dose DOSE doses"
    assert len(compile_search("dose").findall(text)) == 4
    assert len(compile_search("dose", match_case=True).findall(text)) == 2
    assert len(compile_search("dose", whole_word=True).findall(text)) == 3
    assert compile_search("a.c").search("abc") is None  # plain text: the dot is literal
    assert compile_search("a.c", regex=True).search("abc")


def test_invalid_regex_is_a_validation_error_with_a_message():
    with pytest.raises(ValidationError, match="Invalid regular expression"):
        compile_search("(unclosed", regex=True)


def test_regex_replacement_expands_groups():
    match = compile_search(r"(\d+) mg", regex=True).search("take 5 mg")
    assert expand_replacement(match, r"\1 milligrams", True) == "5 milligrams"
    assert expand_replacement(match, r"\1", False) == r"\1"
    with pytest.raises(ValidationError):
        expand_replacement(match, r"\9", True)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "é", "😀", "\n", "中"]), max_size=15), st.data())
def test_utf16_round_trip(text, data):
    offset = data.draw(st.integers(0, len(text)))
    position = to_utf16(text, offset)
    assert position == len(text[:offset].encode("utf-16-le")) // 2
    assert from_utf16(text, position) == offset


def test_search_pattern_is_multiline():
    assert compile_search("^## ", regex=True).flags & re.MULTILINE
