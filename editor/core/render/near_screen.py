"""A long post's preview lays out only the sections near the screen.

Chromium keeps the layout of every line of a page, visible or not: a 200,000-word post held
~180 MB in the preview's renderer and took a second to lay out on each open. With
``content-visibility: auto`` on each top-level ``<section>``, a section far from the viewport
is neither laid out nor painted. It takes its last laid-out height or, until it has been
shown, an estimate (``preview.js`` sets one from the length of its text), so the preview's
scroll bar is approximate until the reader has been through the post. Chromium's scroll
anchoring did not make up for a section above the screen taking its real height (the text on
screen moved by hundreds of pixels), so it is off here and ``preview.js`` shifts the scroll
position by the change itself, before the frame is painted.

Only the preview shell gets this (export pages lay out everything), and only for a long post:
an ordinary post lays out in a few milliseconds and keeps an exact scroll bar. The length is
the whole post's Markdown, not the rendered part: a long post's first shell holds only a draft
of its opening sections.
"""

from __future__ import annotations

FROM_CHARACTERS = 80_000  # of Markdown, about 12,000 words
NEAR_SCREEN_CSS = (
    "\n#post-body > section { content-visibility: auto; contain-intrinsic-size: auto 40em; }"
    # preview.js keeps the text on screen in place itself when a section above changes height
    "\nhtml { overflow-anchor: none; }\n"
)


def lays_out_near_screen(markdown_length: int) -> bool:
    """Whether a post of ``markdown_length`` characters gets a preview laid out near the screen."""
    return markdown_length >= FROM_CHARACTERS


def near_screen_css(markdown_length: int) -> str:
    """The preview-only rules for a post of ``markdown_length`` characters (``""`` below the threshold)."""
    return NEAR_SCREEN_CSS if lays_out_near_screen(markdown_length) else ""
