"""The limit helpers measure what a browser or CommonMark would see, and raise the caller's error."""

from __future__ import annotations

import pytest

from editor.core.foundation.errors import LookupFailed, PostImportError
from editor.core.foundation.limits import (
    Deadline,
    check_bytes,
    check_markdown_depth,
    html_depth,
    json_depth,
    loads_json,
    markdown_depth,
)


@pytest.mark.parametrize(
    ("html", "depth"),
    [
        ("<ul><li>a<li>b<li>c</ul>", 2),  # an <li> ends the open <li>
        ("<p>a<p>b<div>x</div>", 1),  # a <p> or a block ends the open <p>
        ("<table><tr><td>1<td>2<tr><td>3</table>", 3),
        ("<dl><dt>a<dd>b<dt>c</dl>", 2),
        ("<div><br><img src=x><hr/><span/></div>", 1),  # void and self-closed elements do not nest
        ("<!-- <div><div> --><script>'<div><div>'</script><b>x</b>", 1),  # comments and raw text are skipped
        ("<div><span></div></div></div><i>x</i>", 2),  # stray end tags close nothing
        ("<ul><li><ul><li><ul><li>x</ul></ul></ul>", 6),
    ],
)
def test_html_depth_follows_optional_end_tags(html: str, depth: int) -> None:
    assert html_depth(html) == depth


def test_html_depth_stops_counting_past_the_cap() -> None:
    assert html_depth("<ul><li>x" * 100_000, stop_after=200) == 201


def test_markdown_depth_counts_list_indentation_and_quotes() -> None:
    assert markdown_depth("- a\n  - b\n    - c\n") == (2, 3)
    assert markdown_depth("> a\n> > b\n> > > c\n") == (3, 3)
    assert markdown_depth("Text\n\n        indented code, not a list\n") == (0, 0)
    assert markdown_depth("\t\t- tabbed item\n") == (4, 1)


def test_check_markdown_depth_names_the_first_line_past_the_cap() -> None:
    text = "".join("  " * level + "- x\n" for level in range(50))
    with pytest.raises(PostImportError, match=r"^post\.md: line 34 nests lists or quotes more than 32 deep"):
        check_markdown_depth(text, "post.md", PostImportError)


def test_json_depth_and_loads_json() -> None:
    assert json_depth({"a": [1, {"b": []}]}) == 4 and json_depth(3) == 0
    assert loads_json('{"message": {"title": ["x"]}}', "Crossref", LookupFailed) == {"message": {"title": ["x"]}}
    with pytest.raises(LookupFailed, match="^Crossref: the JSON nests more than 64 levels deep"):
        loads_json("[" * 65 + "]" * 65, "Crossref", LookupFailed)
    with pytest.raises(LookupFailed, match="^Crossref: the JSON nests more than 64 levels deep"):
        loads_json("[" * 100_000 + "]" * 100_000, "Crossref", LookupFailed)
    with pytest.raises(LookupFailed, match=r"^Crossref: the JSON is not valid \(Expecting"):
        loads_json('{"a": ', "Crossref", LookupFailed)


def test_check_bytes_names_sizes() -> None:
    check_bytes(10, 10, "the file", "a.md", PostImportError)
    with pytest.raises(PostImportError, match=r"^a\.md: the file is too large \(2\.0 MB; the limit is 1\.0 MB\)\.$"):
        check_bytes(2 * 1048576, 1048576, "the file", "a.md", PostImportError)


def test_deadline_earliest_and_expiry() -> None:
    never, later, now = Deadline(None), Deadline(60), Deadline(0)
    assert never.remaining() is None and not never.expired and not later.expired
    assert never.earliest(later) is later and later.earliest(never) is later and later.earliest(None) is later
    assert later.earliest(now) is now and now.expired and now.remaining() == 0.0
