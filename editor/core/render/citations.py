"""The renderer's citation pass: every citation becomes a token before Markdown runs.

:class:`~editor.core.render.markdown_section.SectionConverter` gives each section's text to
:func:`tokenize`, which finds the citations with the one grammar
(:func:`editor.core.post.citation_syntax.find_citations`, the same call the checks make) and
replaces each, with the spaces before a bracketed cluster, by a token
``\\ue000<n>\\ue001``; ``n`` indexes the section's :class:`CiteMark` list. The private-use
delimiters cannot come from a post (the renderer strips them from input) and pass through
Markdown, escaping and sanitizing untouched, so a citation can never be read as a link or
printed raw. After the post is numbered, :func:`editor.core.render.citemarkup.substitute`
swaps each token for its markup.

A mark keeps what the page needs: each item's key, locator and its prefix and suffix as
sanitized inline HTML (``[see *also* @a, p. 3]``); for a malformed citation, its problem
(the page shows a neutral marker, never ``[@key``); for a narrative ``@key``, the text as
written, which is printed unchanged when the key is not a reference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from editor.core.post.citation_syntax import Cluster, Locator, Malformed, find_citations

TOKEN_OPEN, TOKEN_CLOSE = "\ue000", "\ue001"


@dataclass(frozen=True, slots=True)
class MarkItem:
    key: str
    locator: Locator | None = None
    prefix: str = ""  # sanitized inline HTML
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class CiteMark:
    items: tuple[MarkItem, ...] = ()
    had_space: bool = False  # spaces or tabs came before a bracketed citation
    narrative: bool = False
    problem: str = ""  # set for a malformed citation: why it cannot be read
    source: str = ""  # the citation as written

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)


def token(index: int) -> str:
    return f"{TOKEN_OPEN}{index}{TOKEN_CLOSE}"


def _mark(found: Cluster | Malformed, text: str, had_space: bool, inline: Callable[[str], str]) -> CiteMark:
    source = text[found.start : found.end]
    if isinstance(found, Malformed):
        return CiteMark(tuple(MarkItem(key) for key in found.keys), had_space, problem=found.explanation,
                        source=source)
    items = tuple(
        MarkItem(item.key, item.locator, inline(item.prefix) if item.prefix else "",
                 inline(item.suffix) if item.suffix.strip() else "")
        for item in found.items
    )
    return CiteMark(items, had_space, narrative=found.narrative, source=source)


def tokenize(text: str, inline: Callable[[str], str]) -> tuple[str, tuple[CiteMark, ...]]:
    """``text`` with each citation replaced by a token, and the marks the tokens index.

    ``inline`` renders a prefix or suffix (Markdown) to sanitized inline HTML.
    """
    if "@" not in text:
        return text, ()
    out: list[str] = []
    marks: list[CiteMark] = []
    position = 0
    for found in find_citations(text).spans():
        start = found.start
        bracketed = not (isinstance(found, Cluster) and found.narrative)
        if bracketed:
            while start > position and text[start - 1] in " \t":
                start -= 1
        out.append(text[position:start])
        out.append(token(len(marks)))
        marks.append(_mark(found, text, bracketed and start < found.start, inline))
        position = found.end
    out.append(text[position:])
    return "".join(out), tuple(marks)


def strip_tokens(text: str) -> str:
    """Remove the private-use characters that delimit citation tokens."""
    if TOKEN_OPEN in text or TOKEN_CLOSE in text:
        return text.replace(TOKEN_OPEN, "").replace(TOKEN_CLOSE, "")
    return text
