"""The block grammar agrees with Python-Markdown about what is a heading."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.post import blocks
from editor.core.post.blocks import Kind
from editor.core.post.sections import split_sections
from editor.core.render.renderer import render_post


class _Ids(HTMLParser):
    """Every id in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        anchor = dict(attrs).get("id")
        if anchor:
            self.ids.append(anchor)


class _Headings(HTMLParser):
    """Top-level h1–h6 of an HTML fragment: (level, text, id)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.open: list[object] | None = None
        self.found: list[tuple[int, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self.depth == 0:
            self.open = [int(tag[1]), "", dict(attrs).get("id")]
        if tag not in {"hr", "br", "img"}:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self.open is not None:
            level, text, anchor = self.open
            self.found.append((level, " ".join(str(text).split()), anchor))  # type: ignore[arg-type]
            self.open = None
        if tag not in {"hr", "br", "img"}:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.open[1] = str(self.open[1]) + data


def python_markdown_headings(text: str) -> list[tuple[int, str]]:
    """What the renderer's Python-Markdown makes of ``text``: its top-level headings."""
    md = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")
    parser = _Headings()
    parser.feed(md.convert(text[blocks.front_matter_end(text) :]))
    return [(level, title) for level, title, _ in parser.found]


def index_headings(text: str) -> list[tuple[int, str]]:
    return [(s.level, " ".join(s.title.split())) for s in split_sections(text)[1:]]


_word = st.sampled_from(["Dosing", "Side effects", "GLP-1", "what", "to", "know", "2024", "a:b", "why?"])
_title = st.lists(_word, min_size=0, max_size=3).map(" ".join)
_atx = st.builds(
    lambda level, gap, title, close: "#" * level + gap + title + close,
    st.integers(1, 7), st.sampled_from(["", " ", "  ", "\t"]), _title, st.sampled_from(["", " #", " ###", "#"]),
)
_setext = st.builds(
    lambda title, mark, size, trail: f"{title or 'Title'}\n{mark * size}{trail}",
    _title, st.sampled_from("=-"), st.integers(1, 5), st.sampled_from(["", " ", "  "]),
)
_hashy = st.sampled_from(["# inside", "## also inside", "###x", "---", "Title\n===", "```", "~~~~"])
_fence = st.builds(
    lambda mark, size, lang, body: f"{mark * size}{lang}\n" + "\n".join(body) + f"\n{mark * size}",
    st.sampled_from("`~"), st.integers(3, 5), st.sampled_from(["", "python", " js", "{.md}"]),
    st.lists(_hashy, max_size=3),
)
_html = st.builds(
    lambda tag, body: f"<{tag}>\n" + "\n".join(body) + f"\n</{tag.split()[0]}>",
    st.sampled_from(["div", "section", 'div class="note"', "aside"]),
    st.lists(st.one_of(_hashy.filter(lambda s: "`" not in s and "~" not in s), st.just("")), max_size=3),
)
_other = st.sampled_from([
    "Plain words about #hashtags and dose.", "Two lines\nof text", "- item\n- # not first", "1. one\n2. two",
    "> # quoted heading", "    # indented code", "***", "<!--\n# a comment\n-->", "| a | b |\n|---|---|\n| 1 | 2 |",
    "text with \\# escaped", "```unclosed", "<span>inline</span> text",
])
_block = st.one_of(_atx, _setext, _fence, _html, _other)
_front = st.sampled_from(["", "---\ntitle: x\n---\n", "---\ntags: [a]\n# not a heading\n...\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_front, st.lists(st.tuples(_block, st.sampled_from(["\n", "\n\n", "\n\n\n"])), max_size=10))
def test_section_index_headings_equal_python_markdown_headings(front: str, parts: list[tuple[str, str]]) -> None:
    text = front + "".join(block + gap for block, gap in parts)
    assert index_headings(text) == python_markdown_headings(text)
    assert list(blocks.scan(text).headings) == blocks.headings(text)  # the full scan and the fast one agree


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_front, st.lists(st.tuples(_block, st.sampled_from(["\n", "\n\n"])), max_size=8))
def test_every_rendered_heading_carries_its_section_anchor(front: str, parts: list[tuple[str, str]]) -> None:
    text = "".join(block + gap for block, gap in parts)
    """Top-level sections carry it on their ``<section>``, sub-headings on the heading."""
    parser = _Ids()
    parser.feed(render_post(text, lambda keys: {}).body_html)
    assert [anchor for anchor in parser.ids if anchor not in {"post-body", "intro"}] == [
        s.anchor for s in split_sections(text)[1:]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("##Dosing\n", [(2, "Dosing")]),
        ("Dosing\n======\n", [(1, "Dosing")]),
        ("Dosing\n---\n", [(2, "Dosing")]),
        ("para\nDosing\n---\n", []),  # third line: a rule under a paragraph
        ("####### seven\n", [(6, "# seven")]),
        ("```\n# code\n```\n# real\n", [(1, "real")]),
        ("````\n# code\n```\n````\n", []),  # only the same fence closes
        ("```\n# not code: never closed\n", [(1, "not code: never closed")]),
        ("<div>\n# raw\n</div>\n# real\n", [(1, "real")]),
        ("---\ntitle: x\n---\n# real\n", [(1, "real")]),
        ("- item\n\n    # in the item\n", []),
        ("text\n\n    # code\nafter\n---\n", [(2, "after")]),
        ("| a | b |\n|---|---|\n# cell\n", []),
    ],
)
def test_heading_forms(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(h.level, h.title) for h in blocks.headings(text)] == expected
    assert python_markdown_headings(text) == expected


def test_line_kinds() -> None:
    text = "---\nt: 1\n---\nIntro\n\n```\n# c\n```\nTitle\n---\n<div>\nx\n</div>\n"
    assert blocks.scan(text).kinds == (
        Kind.FRONT_MATTER, Kind.FRONT_MATTER, Kind.FRONT_MATTER, Kind.TEXT, Kind.BLANK, Kind.FENCE, Kind.CODE,
        Kind.FENCE, Kind.HEADING, Kind.UNDERLINE, Kind.HTML, Kind.HTML, Kind.HTML, Kind.BLANK,
    )


def test_line_rules() -> None:
    assert blocks.atx_heading("##Dosing") == blocks.AtxLine(2, "Dosing", 2, None)
    assert blocks.atx_heading("# a ##") == blocks.AtxLine(1, "a", 1, 4)
    assert blocks.atx_heading(" # a") is None
    assert blocks.setext_level("===") == 1 and blocks.setext_level("--  ") == 2 and blocks.setext_level(" ---") is None
    assert blocks.fence_opening("```python") == "```" and blocks.fence_opening("```js title") is None
    assert blocks.closes_fence("````  ", "````") and not blocks.closes_fence("`````", "````")
    assert not blocks.context_free("a\n```\n") and blocks.context_free("a\n## b\n")
