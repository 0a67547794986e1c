"""The citation extension, tested the way Python-Markdown tests its own extensions."""

from __future__ import annotations

import markdown
from markdown.test_tools import TestCase

from editor.core.render.citations import CITATION_RE, CitationExtension, makeExtension, parse_keys

UNKNOWN_TITLE = "No reference in the library has this key"


def sup(*links: str) -> str:
    return f'<sup class="citation">{"".join(links)}</sup>'


def a(key: str, number: int) -> str:
    return f'<a href="#ref-{key}">{number}</a>'


class TestCitations(TestCase):
    default_kwargs = {"extensions": [CitationExtension(known={"a", "b", "c", "d", "e"})]}

    def test_single_citation_is_superscript_without_the_space(self) -> None:
        self.assertMarkdownRenders("Text [@a].", f"<p>Text{sup(a('a', 1))}.</p>")

    def test_numbered_by_first_citation_and_recited_keeps_number(self) -> None:
        self.assertMarkdownRenders(
            "One [@b]. Two [@a]. Again [@b].",
            f"<p>One{sup(a('b', 1))}. Two{sup(a('a', 2))}. Again{sup(a('b', 1))}.</p>",
        )

    def test_numbering_spans_the_whole_document(self) -> None:
        self.assertMarkdownRenders(
            "## First\n\nSee [@c].\n\n## Second\n\n- item [@a; @c]",
            "<h2>First</h2>\n"
            f"<p>See{sup(a('c', 1))}.</p>\n"
            "<h2>Second</h2>\n"
            f"<ul>\n<li>item{sup(a('c', 1), ',', a('a', 2))}</li>\n</ul>",
        )

    def test_adjacent_numbers_collapse_into_ranges(self) -> None:
        self.assertMarkdownRenders(
            "[@a] [@b] [@c] [@d] [@e] All [@e; @a; @b; @c].",
            "<p>"
            + sup(a("a", 1)) + sup(a("b", 2)) + sup(a("c", 3)) + sup(a("d", 4)) + sup(a("e", 5))
            + " All" + sup(a("a", 1), "-", a("c", 3), ",", a("e", 5)) + ".</p>",
        )

    def test_two_adjacent_numbers_stay_a_list(self) -> None:
        self.assertMarkdownRenders("[@a; @b]", f"<p>{sup(a('a', 1), ',', a('b', 2))}</p>")

    def test_parentheses_display_keeps_the_space(self) -> None:
        self.assertMarkdownRenders(
            "Text [@a; @b; @c].",
            '<p>Text <span class="citation">(' + a("a", 1) + "-" + a("c", 3) + ")</span>.</p>",
            extensions=[CitationExtension(display="parentheses")],
        )

    def test_unknown_key_is_visible_and_unnumbered(self) -> None:
        self.assertMarkdownRenders(
            "Text [@zz]. Then [@a; @zz].",
            f'<p>Text <span class="citation-unresolved" title="{UNKNOWN_TITLE}">[?zz]</span>. '
            f'Then{sup(a("a", 1))}<span class="citation-unresolved" title="{UNKNOWN_TITLE}">'
            "[?zz]</span>.</p>",
        )

    def test_legacy_missing_key_shows_its_original_number(self) -> None:
        self.assertMarkdownRenders(
            "Cited (5) in the old site [@missing-5].",
            '<p>Cited (5) in the old site <span class="citation-unresolved" title="Reference 5 of the '
            'original post has no entry in the library">[?5]</span>.</p>',
        )

    def test_escaped_brackets_and_code_are_not_citations(self) -> None:
        self.assertMarkdownRenders(
            "Literal \\[@a] and `[@a]`.", "<p>Literal [@a] and <code>[@a]</code>.</p>"
        )

    def test_email_like_text_is_not_a_citation(self) -> None:
        self.assertMarkdownRenders("Write to me@example.org [x].", "<p>Write to me@example.org [x].</p>")

    def test_keys_with_internal_punctuation(self) -> None:
        ext = CitationExtension(known={"doe:2020.b", "smith_2021"})
        self.assertMarkdownRenders(
            "X [@doe:2020.b; @smith_2021].",
            f"<p>X{sup(a('doe:2020.b', 1), ',', a('smith_2021', 2))}.</p>",
            extensions=[ext],
        )

    def test_known_may_be_a_callable(self) -> None:
        ext = makeExtension(known=lambda key: key.startswith("ok"))
        self.assertMarkdownRenders(
            "[@ok1] [@nope]",
            f'<p>{sup(a("ok1", 1))} <span class="citation-unresolved" title="{UNKNOWN_TITLE}">[?nope]</span></p>',
            extensions=[ext],
        )

    def test_reset_restarts_numbering(self) -> None:
        ext = CitationExtension()
        md = markdown.Markdown(extensions=[ext])
        md.convert("[@x] [@y]")
        self.assertEqual(ext.order, ["x", "y"])
        md.reset()
        self.assertEqual(ext.order, [])
        self.assertEqual(md.convert("[@y]"), f"<p>{sup(a('y', 1))}</p>")

    def test_priorities_are_documented_values(self) -> None:
        md = markdown.Markdown(extensions=[CitationExtension()])
        self.assertEqual(md.inlinePatterns.get_index_for_name("citation"),
                         [item.name for item in md.inlinePatterns._priority].index("citation"))
        priorities = {item.name: item.priority for item in md.inlinePatterns._priority}
        self.assertEqual(priorities["citation"], 172)
        self.assertGreater(priorities["escape"], priorities["citation"])
        self.assertGreater(priorities["citation"], priorities["reference"])
        tree = {item.name: item.priority for item in md.treeprocessors._priority}
        self.assertEqual(tree["citation"], 16)
        self.assertGreater(tree["inline"], tree["citation"])

    def test_invalid_display_is_refused(self) -> None:
        with self.assertRaises(ValueError):
            CitationExtension(display="footnote")


def test_parse_keys_and_pattern() -> None:
    import re

    match = re.search(CITATION_RE, "see [@a;  @b.c ; @d-e]")
    assert match is not None
    assert parse_keys(match.group("keys")) == ["a", "b.c", "d-e"]
    assert re.search(CITATION_RE, "[@]") is None
    assert re.search(CITATION_RE, "[ see @a ]") is None
