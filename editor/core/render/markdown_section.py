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
import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own name for it
from collections.abc import Sequence

import markdown
from markdown.treeprocessors import Treeprocessor

from editor.core.foundation.limits import MAX_MARKDOWN_DEPTH, markdown_depth
from editor.core.render.citations import CiteMark, strip_tokens, tokenize
from editor.core.render.sanitize import sanitize

_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}


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
        self._md = markdown.Markdown(
            extensions=["tables", "fenced_code", "sane_lists"],
            output_format="html",
        )
        self._md.ESCAPED_CHARS.append("@")  # a backslash before "@" makes it a literal at-sign, as in Pandoc
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
