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

import re
from dataclasses import dataclass
from itertools import accumulate

from editor.core.post.sections import split_sections
from editor.core.post.slugs import slugify

TOP_LEVEL = 2
_FENCE = re.compile(r"^[ \t]{0,3}(?:`{3,}|~{3,})", re.M)


@dataclass(frozen=True)
class TopSection:
    key: str  # "intro" or the heading's anchor
    text: str  # the Markdown of the section, heading line included
    anchors: tuple[tuple[int, str], ...]  # (level, anchor) of its sub-headings


@dataclass(frozen=True)
class _Raw:
    text: str
    headings: tuple[tuple[int, str], ...]  # (level, title): its own heading first, if any


def _raw_sections(text: str, with_intro: bool) -> list[_Raw]:
    sections = split_sections(text)
    raws: list[_Raw] = []
    start = 0
    headings: list[tuple[int, str]] = []
    for section in sections[1:]:
        if section.level <= TOP_LEVEL:
            if section.start > 0 or with_intro:
                raws.append(_Raw(text[start : section.start], tuple(headings)))
            start, headings = section.start, [(section.level, section.title)]
        else:
            headings.append((section.level, section.title))
    if start < len(text) or headings or with_intro:
        raws.append(_Raw(text[start:], tuple(headings)))
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
        if (suffix and tail and body[tail - 1] != "\n") or _FENCE.search(middle):
            return _raw_sections(body, with_intro=True), None
        raws = _raw_sections(middle, with_intro=prefix == 0)
        if prefix and raws and not raws[0].headings:
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


def top_level_sections(body: str) -> list[TopSection]:
    """The top-level sections of ``body`` (a one-off split)."""
    return SectionSplitter().split(body)
