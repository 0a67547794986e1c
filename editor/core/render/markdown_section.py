"""Markdown → sanitized HTML for one top-level section, with citation tokens.

One :class:`SectionConverter` owns a Python-Markdown instance (``tables``,
``fenced_code``, ``sane_lists``) and is reused with ``reset()`` between sections. Before
Markdown runs, the citation pass (:func:`editor.core.render.citations.tokenize`) replaces
every citation with a token and keeps its marks; a citation's prefix and suffix are
rendered as inline Markdown (emphasis, code, links) by the same instance. Sub-headings get the anchors the
section index (:func:`editor.core.post.sections.split_sections`) gave them, so outline,
preview and export agree on ids.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own name for it
from collections.abc import Sequence

import markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.treeprocessors import Treeprocessor

from editor.core.foundation.limits import MAX_MARKDOWN_DEPTH, markdown_depth
from editor.core.render.citations import CiteMark, strip_tokens, tokenize
from editor.core.render.sanitize import sanitize

_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
_BRACKET = re.compile(r"[\[\]]")


def bracket_ends(data: str) -> list[int | None]:
    """What Python-Markdown's ``LinkInlineProcessor._findBracketEnds`` returns, in a pass over the
    brackets only: for each index of ``data``, the index just past the ``]`` that closes a bracket
    opened before it, or None.

    Markdown 3.11 made link parsing linear per paragraph by running that pass over every
    character in Python, for every paragraph with a link and again after each link it replaces:
    with the brackets found by ``re`` and each run of text between two brackets filled at once,
    a 50,000-word post renders about a fifth faster (the links were a fifth of its time).
    """
    ends: list[int | None] = [None] * (len(data) + 1)
    depth = 0
    waiting: list[tuple[int, int, int]] = []  # runs (first, last, depth) whose bracket has not closed
    first = 0
    for bracket in _BRACKET.finditer(data):
        last = bracket.start()  # the bracket itself is read at the depth before it
        waiting.append((first, last, depth))
        depth += 1 if data[last] == "[" else -1
        while waiting and depth < waiting[-1][2]:
            start, stop, _depth = waiting.pop()
            ends[start:stop + 1] = [last + 1] * (stop + 1 - start)
        first = last + 1
    return ends


def _fast_link_brackets(md: markdown.Markdown) -> None:
    """Give every link-like inline processor :func:`bracket_ends` (an attribute of the instance
    shadows the library's static method; a version without it keeps its own scanning)."""
    for processor in md.inlinePatterns:
        if isinstance(processor, LinkInlineProcessor) and hasattr(processor, "_findBracketEnds"):
            processor._findBracketEnds = bracket_ends


class HeadingIdTreeprocessor(Treeprocessor):
    """Gives headings the anchors of the section index, matched in order by level.

    Only the document's own headings count (children of the root), as in the section
    index: a heading inside a blockquote or list item is not a section.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.anchors: Sequence[tuple[int, str]] = ()

    def run(self, root: etree.Element) -> None:
        pending = list(self.anchors)
        for element in root:
            level = _HEADING_LEVELS.get(element.tag) if isinstance(element.tag, str) else None
            if level is None or not pending:
                continue
            if pending[0][0] == level:
                element.set("id", pending.pop(0)[1])


class SectionConverter:
    """Converts section Markdown to sanitized HTML holding citation tokens."""

    def __init__(self) -> None:
        # Instances, not names: a name is looked up among every installed package's entry points
        # (importlib.metadata), a quarter of the first render's set-up on a cold start.
        self._md = markdown.Markdown(
            extensions=[TableExtension(), FencedCodeExtension(), SaneListExtension()],
            output_format="html",
        )
        self._md.ESCAPED_CHARS.append("@")  # a backslash before "@" makes it a literal at-sign, as in Pandoc
        _fast_link_brackets(self._md)
        self._headings = HeadingIdTreeprocessor(self._md)
        self._md.treeprocessors.register(self._headings, "heading_ids", 17)

    def convert(self, text: str, anchors: Sequence[tuple[int, str]] = ()) -> str:
        """Sanitized HTML holding citation tokens (see :meth:`convert_with_marks`)."""
        return self.convert_with_marks(text, anchors)[0]

    def convert_with_marks(
        self, text: str, anchors: Sequence[tuple[int, str]] = ()
    ) -> tuple[str, tuple[CiteMark, ...]]:
        """Sanitized HTML holding citation tokens, and the marks the tokens index.

        ``anchors``: (level, id) of the headings in ``text`` that should carry ids.
        """
        depth, line = markdown_depth(text, stop_after=MAX_MARKDOWN_DEPTH)
        if depth > MAX_MARKDOWN_DEPTH:  # Python-Markdown recurses per level: ~1,000 levels take 10 s, then fail
            return sanitize(
                f"<p><strong>This section nests lists or quotes more than {MAX_MARKDOWN_DEPTH} deep (line {line} "
                f"of the section), so it is shown as plain text.</strong></p><pre>{html.escape(text)}</pre>"
            ), ()
        tokenized, marks = tokenize(strip_tokens(text), self.inline)
        self._md.reset()
        self._headings.anchors = anchors
        return sanitize(self._md.convert(tokenized)), marks

    def inline(self, text: str) -> str:
        """Inline Markdown (no blocks: "1." or "#" stay text) as sanitized HTML."""
        md = self._md
        md.reset()
        self._headings.anchors = ()
        root = etree.Element("div")
        span = etree.SubElement(root, "span")
        span.text = text
        for name in ("inline", "unescape"):
            result = md.treeprocessors[name].run(root)
            root = result if result is not None else root
        out = md.serializer(span)
        for postprocessor in md.postprocessors:
            out = postprocessor.run(out)
        inner = out.removeprefix("<span>").removesuffix("</span>")
        return sanitize(inner)
