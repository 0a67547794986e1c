"""Plain-text editing operations behind the editor's formatting commands and search.

Every operation takes a piece of text and a selection (``start``/``end`` offsets
into it) and returns an :class:`Edit`: the span to replace, its replacement and
the selection afterwards. The editor passes only the lines around the cursor, so
the cost of a command does not grow with the length of the post. Offsets here are
Python string offsets; :func:`to_utf16` and :func:`from_utf16` convert to and
from the UTF-16 positions Qt uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.foundation.errors import ValidationError
from editor.core.post.blocks import atx_heading

_BULLET_PREFIX = re.compile(r"^([ \t]*)[-*+][ \t]+")
_NUMBER_PREFIX = re.compile(r"^([ \t]*)\d{1,9}[.)][ \t]+")
_QUOTE_PREFIX = re.compile(r"^>[ \t]?")

LINE_KINDS = ("bullet", "numbered", "quote")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``; then select ``sel_start:sel_end``.

    ``sel_start``/``sel_end`` are offsets in the text *after* the edit.
    """

    start: int
    end: int
    replacement: str
    sel_start: int
    sel_end: int

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]


# ----------------------------------------------------------------- inline markers


def toggle_inline(text: str, start: int, end: int, marker: str) -> Edit:
    """Wrap the selection in ``marker`` (``**``, ``*``, `````), or unwrap it if already wrapped.

    The selection counts as wrapped when the markers are inside it
    (``**word**`` selected) or right around it (``word`` selected in ``**word**``).
    An empty selection inside a word wraps that word; elsewhere it inserts an
    empty pair with the cursor between.
    """
    start, end = sorted((start, end))
    size = len(marker)
    selected = text[start:end]
    if _is_wrapped(selected, marker):
        inner = selected[size:-size]
        return Edit(start, end, inner, start, start + len(inner))
    before, after = text[max(0, start - size) : start], text[end : end + size]
    if before == marker and after == marker and not _marker_is_longer(text, start, end, marker):
        return Edit(start - size, end + size, selected, start - size, end - size)
    if start == end:
        word_start, word_end = _word_around(text, start)
        if word_start != word_end:
            word = text[word_start:word_end]
            outer_start, outer_end = word_start - size, word_end + size
            if (
                text[max(0, outer_start) : word_start] == marker
                and text[word_end:outer_end] == marker
                and not _marker_is_longer(text, word_start, word_end, marker)
            ):
                return Edit(outer_start, outer_end, word, start - size, start - size)
            return Edit(
                word_start, word_end, f"{marker}{word}{marker}", start + size, start + size
            )
        return Edit(start, end, marker + marker, start + size, start + size)
    # Keep surrounding spaces outside the markers: "**word** " not "**word **".
    stripped = selected.strip()
    lead = len(selected) - len(selected.lstrip())
    trail = len(selected) - len(selected.rstrip())
    if not stripped:
        return Edit(start, end, selected + marker + marker, end + size, end + size)
    replacement = selected[:lead] + marker + stripped + marker + selected[len(selected) - trail :]
    return Edit(start, end, replacement, start + lead + size, start + lead + size + len(stripped))


def _run_matches(run: int, marker: str) -> bool:
    """A run of ``run`` marker characters closes ``marker`` (``***`` holds both ``*`` and ``**``)."""
    return run == len(marker) or (marker[0] in "*_" and run == 3)


def _is_wrapped(selected: str, marker: str) -> bool:
    char = marker[0]
    if len(selected) < 2 * len(marker):
        return False
    left = len(selected) - len(selected.lstrip(char))
    right = len(selected) - len(selected.rstrip(char))
    if left == len(selected):
        return False
    return _run_matches(min(left, right), marker) and min(left, right) >= len(marker)


def _marker_is_longer(text: str, start: int, end: int, marker: str) -> bool:
    """True if the run of marker characters around the selection does not close ``marker``.

    Selecting ``word`` in ``**word**`` and toggling italic must not strip one ``*``
    of the bold pair; in ``***word***`` (bold and italic) it may.
    """
    char = marker[0]
    left = 0
    while start - left - 1 >= 0 and text[start - left - 1] == char:
        left += 1
    right = 0
    while end + right < len(text) and text[end + right] == char:
        right += 1
    return not _run_matches(min(left, right), marker)


def _word_around(text: str, pos: int) -> tuple[int, int]:
    begin = pos
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "'-_"):
        begin -= 1
    finish = pos
    while finish < len(text) and (text[finish].isalnum() or text[finish] in "'-_"):
        finish += 1
    if begin == pos or finish == pos:
        # The cursor is at a word's edge, not inside it: insert a pair instead.
        return pos, pos
    return begin, finish


def make_link(text: str, start: int, end: int, url: str = "") -> Edit:
    """Turn the selection into ``[selection](url)``; the URL (or the label, if empty) is selected."""
    start, end = sorted((start, end))
    label = text[start:end]
    if not label and "://" in url:
        label = url
    replacement = f"[{label}]({url})"
    if not label:
        return Edit(start, end, replacement, start + 1, start + 1)
    url_start = start + len(label) + 3
    return Edit(start, end, replacement, url_start, url_start + len(url))


# ----------------------------------------------------------------- line prefixes


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the whole lines the selection touches (without the final newline)."""
    start, end = sorted((start, end))
    if end > start and end > 0 and text[end - 1] == "\n":
        end -= 1  # a selection ending at the start of a line does not include that line
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last == -1 else last


def toggle_heading(text: str, start: int, end: int, level: int) -> Edit:
    """Make the selected lines headings of ``level``, or plain lines if they all already are."""
    if not 1 <= level <= 6:
        raise ValidationError(f"Heading level {level} is not between 1 and 6.")
    first, last = line_span(text, start, end)
    lines = text[first:last].split("\n")
    prefix = "#" * level + " "
    all_at_level = all(
        (heading := atx_heading(line)) and heading.level == level
        for line in lines
        if line.strip()
    ) and any(line.strip() for line in lines)
    new_lines = []
    for line in lines:
        heading = atx_heading(line)
        bare = line[heading.marks_end :].lstrip(" \t") if heading else line
        if all_at_level or not line.strip():
            new_lines.append(bare)
        else:
            new_lines.append(prefix + bare)
    return _line_edit(text, start, end, first, last, lines, new_lines)


def toggle_line_prefix(text: str, start: int, end: int, kind: str) -> Edit:
    """Toggle a bullet list (``- ``), numbered list (``1. ``) or quote (``> ``) on the selected lines."""
    if kind not in LINE_KINDS:
        raise ValidationError(f"Unknown line format {kind!r}; expected one of {', '.join(LINE_KINDS)}.")
    first, last = line_span(text, start, end)
    lines = text[first:last].split("\n")
    pattern = {"bullet": _BULLET_PREFIX, "numbered": _NUMBER_PREFIX, "quote": _QUOTE_PREFIX}[kind]
    content = [line for line in lines if line.strip()]
    remove = bool(content) and all(pattern.match(line) for line in content)
    new_lines = []
    number = 0
    for line in lines:
        if not line.strip():
            new_lines.append(line)
            continue
        if remove:
            new_lines.append(_strip_prefix(pattern, line, kind))
            continue
        bare = line
        for other in (_BULLET_PREFIX, _NUMBER_PREFIX):  # switching list type replaces the marker
            if kind != "quote" and other.match(bare):
                bare = _strip_prefix(other, bare, "list")
        number += 1
        marker = {"bullet": "- ", "numbered": f"{number}. ", "quote": "> "}[kind]
        indent = "" if kind == "quote" else bare[: len(bare) - len(bare.lstrip(" \t"))]
        new_lines.append(indent + marker + bare[len(indent) :])
    return _line_edit(text, start, end, first, last, lines, new_lines)


def _strip_prefix(pattern: re.Pattern[str], line: str, kind: str) -> str:
    match = pattern.match(line)
    if not match:
        return line
    indent = "" if kind == "quote" else match.group(1)
    return indent + line[match.end() :]


def _line_edit(
    text: str, start: int, end: int, first: int, last: int, old: list[str], new: list[str]
) -> Edit:
    replacement = "\n".join(new)
    start, end = sorted((start, end))
    if start == end and len(old) == 1:
        # Keep the cursor on the same character of the line's content.
        delta = len(new[0]) - len(old[0])
        cursor = max(first, min(first + len(new[0]), start + delta))
        return Edit(first, last, replacement, cursor, cursor)
    return Edit(first, last, replacement, first, first + len(replacement))


# ----------------------------------------------------------------- search


def compile_search(
    query: str, *, match_case: bool = False, whole_word: bool = False, regex: bool = False
) -> re.Pattern[str]:
    """The pattern the find bar searches with; raises ValidationError for a bad regular expression."""
    if not query:
        raise ValidationError("The search text is empty.")
    body = query if regex else re.escape(query)
    if whole_word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    flags = re.MULTILINE | (0 if match_case else re.IGNORECASE)
    try:
        return re.compile(body, flags)
    except re.error as error:
        raise ValidationError(f"Invalid regular expression: {error}.") from None


def expand_replacement(match: re.Match[str], template: str, regex: bool) -> str:
    """The replacement for one match: ``\\1``/``\\g<name>`` groups expand when ``regex`` is on."""
    if not regex:
        return template
    try:
        return match.expand(template)
    except (re.error, IndexError) as error:
        raise ValidationError(f"Invalid replacement text: {error}.") from None


# ----------------------------------------------------------------- offsets


def _bmp_only(text: str) -> bool:
    """True if every character is one UTF-16 unit, so Python and Qt offsets agree."""
    return text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


def to_utf16(text: str, offset: int) -> int:
    """The UTF-16 position (as Qt counts) of Python offset ``offset`` in ``text``."""
    if _bmp_only(text):
        return offset
    prefix = text[:offset]
    return offset + sum(1 for char in prefix if ord(char) > 0xFFFF)


def from_utf16(text: str, position: int) -> int:
    """The Python offset of UTF-16 position ``position`` in ``text`` (the inverse of to_utf16)."""
    if _bmp_only(text):
        return position
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
