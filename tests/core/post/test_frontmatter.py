from __future__ import annotations

import string

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.foundation.errors import FrontMatterError
from editor.core.post.frontmatter import MarkdownPost, parse_markdown_post
from editor.core.post.model import STATUSES, Post


def test_corpus_post_reads_every_field(data_dir):
    document = parse_markdown_post((data_dir / "sleep-and-weight.md").read_text(encoding="utf-8"))
    post = document.post
    assert post.title == "Sleep Less, Weigh More? How Sleep Shapes Appetite"
    assert (post.slug, post.status, post.series, post.series_number) == (
        "sleep-and-weight", "published", "Weight Loss Program", 9)
    assert post.tags == ["sleep", "weight loss"]
    assert document.author == "Jordan Ellis, PA-C"
    assert post.body.startswith("Most people think of diet")


def test_no_front_matter_takes_title_from_heading():
    document = parse_markdown_post("# My Title\n\nBody text.\n")
    assert document.post.title == "My Title" and document.post.body == "Body text.\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: [unclosed\n---\nbody", "YAML front matter cannot be read at line"),
        ("---\n- a list\n---\nbody", "not a set of 'key: value' lines"),
        ("---\ntitle: x\nstatus: live\n---\n", "unknown status"),
        ("no title anywhere", "no title"),
        ("---\ntitle: x\nseries_number: nine\n---\n", "whole number"),
    ],
)
def test_bad_front_matter_names_the_problem(text, message):
    with pytest.raises(FrontMatterError, match=message):
        parse_markdown_post(text, source="post.md")


def test_bom_and_crlf_are_read():
    document = parse_markdown_post("\ufeff---\r\ntitle: Windows file\r\n---\r\n\r\nBody\r\n")
    assert document.post.title == "Windows file" and document.post.body == "Body\r\n"


_text = st.text(alphabet=string.ascii_letters + string.digits + " .,:;!?'\"-#*[]@()é’", min_size=1, max_size=40)
_line = _text.map(str.strip).filter(bool)


@st.composite
def posts(draw):
    body_lines = draw(st.lists(st.one_of(_text, st.just(""), _line.map(lambda t: "## " + t)), max_size=12))
    banner = draw(st.one_of(st.none(), _line))
    return MarkdownPost(
        post=Post(
            title=draw(_line),
            slug=draw(st.sampled_from(["", "a-post", "post-2"])),
            summary=draw(st.one_of(st.just(""), _line)),
            body="\n".join(body_lines),
            status=draw(st.sampled_from(STATUSES)),
            tags=draw(st.lists(_line, max_size=4)),
            series=draw(st.one_of(st.none(), _line)),
            series_number=draw(st.one_of(st.none(), st.integers(1, 99))),
            banner=banner,
            show_banner=draw(st.booleans()) if banner else True,  # a hidden banner says so
            related=draw(st.lists(_line, max_size=3)),
            last_reviewed=draw(st.one_of(st.none(), st.just("2025-03-01"))),
            citation_display=draw(st.sampled_from([None, "superscript", "parentheses"])),
        ),
        author=draw(st.one_of(st.none(), st.just("Jordan Ellis, PA-C"))),
        reviewer=draw(st.one_of(st.none(), _line)),
    )


def markdown_file(document: MarkdownPost) -> str:
    """The documented file form (YAML front matter, then the body), written the way people write it."""
    post = document.post
    meta: dict[str, object] = {"title": post.title}
    if post.slug:
        meta["slug"] = post.slug
    optional: list[tuple[str, object]] = [
        ("author", document.author), ("reviewer", document.reviewer), ("last_reviewed", post.last_reviewed),
        ("status", post.status), ("tags", post.tags), ("summary", post.summary), ("series", post.series),
        ("series_number", post.series_number), ("banner", post.banner),
        ("show_banner", None if post.show_banner else False), ("related", post.related),
        ("citation_display", post.citation_display),
    ]
    meta.update((key, value) for key, value in optional if value not in (None, "", []))
    return f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)}---\n\n{post.body}"


@settings(max_examples=150, deadline=None)
@given(posts())
def test_every_field_is_read_back_from_the_file_form(document):
    assert parse_markdown_post(markdown_file(document)) == document
