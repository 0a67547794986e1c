"""The block grammar's rules for one line (see :mod:`editor.core.post.blocks`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.util import BLOCK_LEVEL_ELEMENTS

TAB = 4  # Python-Markdown's tab_length: tabs expand to 4 columns before parsing
INDENT = " " * TAB


@dataclass(frozen=True, slots=True)
class AtxLine:
    level: int
    title: str
    marks_end: int  # end of the leading '#' run
    closing_start: int | None  # where the closing '#' run starts, if any


_ATX = re.compile(r"(#{1,6})((?:\\.|[^\\])*?)#*$")
_UNDERLINE = re.compile(r"[=-]+[ \t]*$")
_FENCE_OPEN = re.compile(
    r"(?P<fence>~{3,}|`{3,})[ ]*"
    r"(?:\{[^\n]*\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=(?P<quot>\"|').*?(?P=quot)[ ]*)?)$"
)
_HR = re.compile(r"[ ]{0,3}(?=(?P<g>(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,}))(?P=g)[ ]*$")
RULE_MARKS = ("-", "*", "_")
LIST_ITEM = re.compile(r"[ ]{0,3}(?:[*+-]|\d+\.)[ ]+")
_QUOTE = re.compile(r"[ ]{0,3}>")
_HTML_OPEN = re.compile(r"[ ]{0,3}<([A-Za-z][^\t\n\r\f />\x00]*)")
_TAG = re.compile(r"<(/?)([A-Za-z][^\t\n\r\f />\x00]*)[^>]*?(/?)>")
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
CODE_SPAN = re.compile(r"`[^`\n]+`")
# Where a line may start something: searched in "\n" + text, so the engine looks only after
# line breaks; what each found line is, is decided in Python, for those lines only.
MAYBE_MARKUP = re.compile(r"\n(?:#|```|~~~|[ \t]|[-=*_<|:])")
MARKUP_START = frozenset("#=-*_+ \t|<>`~0123456789")  # a line starting otherwise is plain prose
_SPECIAL_START = re.compile(r"^(?:```|~~~| {0,3}<)", re.M)
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def expand_tabs(line: str) -> str:
    return line.expandtabs(TAB) if "\t" in line else line


def atx_heading(line: str) -> AtxLine | None:
    """The ATX heading on ``line`` (without its line break), as Python-Markdown reads it."""
    if not line.startswith("#"):
        return None
    line = line.rstrip("\r")
    match = _ATX.match(line)
    if match is None:
        return None
    closing = match.end(2) if match.end(2) < len(line) else None
    return AtxLine(len(match.group(1)), match.group(2).strip(), match.end(1), closing)


def setext_level(line: str) -> int | None:
    """1 or 2 if ``line`` underlines the line above it into a heading, else None."""
    first = line[:1]
    if first not in ("=", "-") or not _UNDERLINE.match(line.rstrip("\r")):
        return None
    return 1 if first == "=" else 2


def fence_opening(line: str) -> str | None:
    """The fence (e.g. ``"````"``) if ``line`` can open a fenced code block."""
    if not line.startswith(("```", "~~~")):
        return None
    match = _FENCE_OPEN.match(expand_tabs(line.rstrip("\r")))
    return match.group("fence") if match else None


def closes_fence(line: str, fence: str) -> bool:
    """Whether ``line`` closes a block opened by exactly ``fence``."""
    return line.startswith(fence) and line.rstrip(" \t\r") == fence


def is_blank(line: str) -> bool:
    return not line.strip(" \t\r")


def is_rule(line: str) -> bool:
    return bool(_HR.match(expand_tabs(line.rstrip("\r"))))


def html_block_tag(line: str) -> str | None:
    """The tag name if ``line`` starts a raw HTML block (``"!--"`` for a comment)."""
    stripped = line.lstrip(" ")
    if not stripped.startswith("<") or len(line) - len(stripped) > 3:
        return None
    if stripped.startswith("<!--"):
        return "!--"
    match = _HTML_OPEN.match(line)
    if match and match.group(1).lower().rstrip("/") in _BLOCK_TAGS:
        return match.group(1).lower()
    return None


def html_depth(line: str, depth: int) -> int:
    """Open-element depth after ``line`` inside a raw HTML block (void and ``<x/>`` tags count 0)."""
    if "<" not in line:
        return depth
    for closing, name, self_closing in _TAG.findall(line):
        name = name.lower()
        if name in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth == 0:
            break
    return depth


def front_matter(text: str) -> tuple[str, int] | None:
    """``(yaml, end)`` of the front matter block that starts ``text``, or None."""
    if not text.startswith("---"):
        return None
    match = _FRONT_MATTER.match(text)
    return (match.group("yaml"), match.end()) if match else None


def front_matter_end(text: str) -> int:
    """Length of the front matter block at the start of ``text`` (0 if there is none)."""
    found = front_matter(text)
    return found[1] if found else 0


def context_free(text: str, *, in_front_matter_document: bool = False) -> bool:
    """Whether the block structure of ``text`` cannot depend on text around it.

    False when it has a line that may open or close a fence or start raw HTML: how far
    those reach is decided by text elsewhere. In a document that starts with ``---``
    (``in_front_matter_document``), a ``---`` or ``...`` line may close front matter too.
    """
    if _SPECIAL_START.search(text) is not None:
        return False
    return not (in_front_matter_document and _FRONT_MATTER_CLOSE.search(text))


