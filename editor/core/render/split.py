"""Top-level sections of a post body, from the shared section index.

A top-level section is the preamble (key ``"intro"``) or a heading of level 1 or 2
with everything up to the next such heading (its ``###`` sub-sections included).

:class:`SectionSplitter` splits incrementally: sections whose text is unchanged at the
start and at the end of the body are reused, and only the region between them goes
through :func:`editor.core.post.sections.split_sections` again, so a keystroke costs a
comparison of the body with the previous one, not a parse of it. Anchors are then
reassigned over all headings with the same rule as the section index (slugified
title, ``-2``, ``-3``... for repeats), since a new heading may rename later ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from editor.core.post.blocks import context_free, headings
from editor.core.post.sections import split_sections
from editor.core.post.slugs import slugify

TOP_LEVEL = 2


@dataclass(frozen=True)
class TopSection:
    key: str  # "intro" or the heading's anchor
    text: str  # the Markdown of the section, heading line included
    anchors: tuple[tuple[int, str], ...]  # (level, anchor) of its sub-headings


@dataclass(frozen=True)
class _Raw:
    text: str
    headings: tuple[tuple[int, str], ...]  # (level, title): its own heading first, if any
    setext: bool = False  # its own heading is a setext heading (needs a block start before it)


def _raw_sections(text: str, with_intro: bool) -> list[_Raw]:
    sections = split_sections(text)
    raws: list[_Raw] = []
    start, setext = 0, False
    found: list[tuple[int, str]] = []
    for section in sections[1:]:
        if section.level <= TOP_LEVEL:
            if section.start > 0 or with_intro:
                raws.append(_Raw(text[start : section.start], tuple(found), setext))
            start, found, setext = section.start, [(section.level, section.title)], section.setext
        else:
            found.append((section.level, section.title))
    if start < len(text) or found or with_intro:
        raws.append(_Raw(text[start:], tuple(found), setext))
    return raws


class SectionSplitter:
    """Splits successive versions of one body, reusing unchanged sections."""

    def __init__(self) -> None:
        self._body = ""
        self._raws: list[_Raw] = [_Raw("", ())]
        self._tops: list[TopSection] = [TopSection("intro", "", ())]
        self._slugs: dict[str, str] = {}
        # After split(): (prefix, suffix) counts of sections returned as the very same
        # objects as by the previous split, or None when anchors were reassigned.
        self.kept: tuple[int, int] | None = None

    def split(self, body: str) -> list[TopSection]:
        old_tops = self._tops
        raws, kept = self._split_raw(body)
        self._raws, self._body = raws, body
        self.kept = kept
        if kept is None:
            self._tops = self._with_anchors(raws)
        else:
            # Same headings in the re-split region: every anchor stays; only texts change.
            prefix, suffix = kept
            pairs = zip(
                old_tops[prefix : len(old_tops) - suffix], raws[prefix : len(raws) - suffix], strict=True
            )
            middle = [TopSection(top.key, raw.text, top.anchors) for top, raw in pairs]
            self._tops = old_tops[:prefix] + middle + old_tops[len(old_tops) - suffix :]
        return self._tops

    def _split_raw(self, body: str) -> tuple[list[_Raw], tuple[int, int] | None]:
        """The new raw sections, and (prefix, suffix) kept if the headings are unchanged."""
        old, old_body = self._raws, self._body
        if body == old_body:
            return old, (len(old), 0)
        ends = list(accumulate(len(raw.text) for raw in old))  # ends[i]: end of old[i]
        # Leading old sections unchanged at the same offset (binary search, compared in C).
        low, high = 0, len(old)
        while low < high:
            mid = (low + high + 1) // 2
            begin = ends[low - 1] if low else 0
            if body.startswith(old_body[begin : ends[mid - 1]], begin):
                low = mid
            else:
                high = mid - 1
        prefix = max(0, low - 1)  # the last match may grow: re-split it
        start = ends[prefix - 1] if prefix else 0
        # Trailing old sections unchanged at the same distance from the end.
        total, size = len(old_body), len(body)
        low, high = 0, len(old) - prefix - 1
        while low < high:
            mid = (low + high + 1) // 2
            done = total - ends[len(old) - 1 - low] if low else 0
            more = total - ends[len(old) - 1 - mid]
            if size - more >= start and body.endswith(
                old_body[total - more : total - done], 0, size - done
            ):
                low = mid
            else:
                high = mid - 1
        suffix = low
        tail = size - (total - ends[len(old) - 1 - suffix]) if suffix else size
        middle = body[start:tail]
        if (suffix and tail and body[tail - 1] != "\n") or not context_free(
            middle, in_front_matter_document=body.startswith("---")
        ):
            return _raw_sections(body, with_intro=True), None
        raws = _raw_sections(middle, with_intro=prefix == 0)
        if prefix and raws and not _starts_top_section(raws[0], body, start):
            return _raw_sections(body, with_intro=True), None
        if suffix and not _still_heading(body, start, tail, old[len(old) - suffix]):
            return _raw_sections(body, with_intro=True), None
        replaced = old[prefix : len(old) - suffix]
        same = [raw.headings for raw in raws] == [raw.headings for raw in replaced]
        return old[:prefix] + raws + old[len(old) - suffix :], (prefix, suffix) if same else None

    def _with_anchors(self, raws: list[_Raw]) -> list[TopSection]:
        used: dict[str, int] = {}
        tops = []
        for index, raw in enumerate(raws):
            anchors = []
            for level, title in raw.headings:
                base = self._slugs.get(title)
                if base is None:
                    base = self._slugs[title] = slugify(title, fallback="section")
                count = used.get(base, 0) + 1
                used[base] = count
                anchors.append((level, base if count == 1 else f"{base}-{count}"))
            if index == 0:  # the preamble: at most sub-headings, never a top heading
                key, subs = "intro", anchors
            else:
                key, subs = anchors[0][1], anchors[1:]
            tops.append(TopSection(key, raw.text, tuple(subs)))
        return tops


def _starts_top_section(first: _Raw, body: str, start: int) -> bool:
    """Whether the re-split middle still opens with a top-level heading where a kept section ended.

    A setext title needs a block start before it, which only a blank line guarantees here.
    """
    if not first.headings or first.headings[0][0] > TOP_LEVEL:
        return False
    return not first.setext or body.endswith("\n\n", 0, start)


def _still_heading(body: str, start: int, tail: int, first_kept: _Raw) -> bool:
    """Whether the kept section at ``tail`` still starts with its heading after the new middle.

    The line before a heading can change what it is (a paragraph line before a setext
    title, a table or list continuation swallowing the line), so the middle's last
    block is parsed together with the kept heading's lines.
    """
    block_start = body.rfind("\n\n", start, tail)
    block_start = start if block_start == -1 else block_start + 2
    window_end = tail
    for _ in range(2):  # a setext heading is two lines
        newline = body.find("\n", window_end)
        window_end = len(body) if newline == -1 else newline + 1
    window = body[block_start:window_end]
    if window[:1] == "\t" or window.startswith("    "):
        return False  # code, or a list item's continuation: only the whole body says which
    return any(
        heading.offset == tail - block_start and (heading.level, heading.title) == first_kept.headings[0]
        for heading in headings(window)
    )
