"""The Markdown block grammar: which lines are headings, fences, raw HTML or front matter.

This module is the one place that decides it; the section index, the renderer's
splitter, the checks' scanner, the editor's highlighter, the outline commands and the
importers all ask it. It follows what our Python-Markdown (``tables``,
``fenced_code``, ``sane_lists``) renders, not CommonMark, because that is what the
preview and the website show:

- ATX headings: ``#`` at the very start of a line, no space needed (``##Dosing`` is
  an ``<h2>``), closing ``#`` dropped, seven or more ``#`` read as level 6. They split
  any paragraph or list they appear in.
- Setext headings: the first line of a block underlined by a line of only ``=``
  (level 1) or ``-`` (level 2), no indent. ``text`` + ``---`` is a heading; a third
  line + ``---`` is a rule.
- Fenced code: ```` ``` ```` or ``~~~`` (three or more) at column 0 with an optional
  language, closed by exactly the same fence; an unclosed fence is not a fence.
- Raw HTML blocks: a block-level tag (or a ``<!-- -->`` comment) at a line start runs
  to its balancing end tag (to the end of the text if there is none).
- Front matter: a ``---`` … ``---``/``...`` block at the very start of the text. It is
  not Markdown: the renderer drops it, so nothing in it is a heading.
- An indented (4 spaces) block is code, or a list item's continuation after a list;
  a table's block is the table. Headings in either are not headings of the post.

Only headings at the top level of the document count: a heading quoted inside a
blockquote or nested in a list item is part of that quote or item, not a section.

Everything here is a pure function of the text: ``lines`` holds the rules for one line (the
editor's highlighter uses them as it goes), ``document`` walks a whole text once (:func:`scan`,
:func:`headings`).
"""

from editor.core.post.blocks.document import (
    BlockMap,
    Heading,
    Kind,
    fenced_spans,
    headings,
    line_offsets,
    outside_code,
    scan,
)
from editor.core.post.blocks.lines import (
    TAB,
    AtxLine,
    atx_heading,
    closes_fence,
    context_free,
    fence_opening,
    front_matter,
    front_matter_end,
    html_block_tag,
    html_depth,
    is_blank,
    is_rule,
    setext_level,
)

__all__ = [
    "TAB", "AtxLine", "BlockMap", "Heading", "Kind", "atx_heading", "closes_fence", "context_free",
    "fence_opening", "fenced_spans", "front_matter", "front_matter_end", "headings", "html_block_tag",
    "html_depth", "is_blank", "is_rule", "line_offsets", "outside_code", "scan", "setext_level",
]
