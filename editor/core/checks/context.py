"""What a check looks at: the post, its sections analysed once, and its surroundings.

A :class:`CheckContext` is built per run by the caller (the library glue in
``store``, a test, a benchmark). Section analyses are cached by section text in a
dict the caller may keep between runs (``CheckSession`` does), so an edit in one
section re-analyses only that section.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from editor.core.checks.budget import SectionOverBudget
from editor.core.checks.prose import WORD, Block, Sentence, blocks, sentences
from editor.core.checks.readability import ReadingCounts
from editor.core.checks.scan import ScanResult, scan_section
from editor.core.checks.settings import CheckSettings
from editor.core.post.model import Author, Post
from editor.core.post.sections import Section, split_sections

Resolver = Callable[[Iterable[str]], Mapping[str, dict[str, Any]]]
AnalysisKey = tuple[str, str, int]
_NEWLINE = re.compile("\n")


def resolve_nothing(keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The resolver used when no reference library is given: no key resolves."""
    return {}


@dataclass(frozen=True)
class ImageInfo:
    """What the privacy check needs to know about one image the body shows."""

    source: str  # the image target as written in the body, e.g. "asset:12"
    has_exif: bool = False
    has_gps: bool = False
    exif_tags: tuple[str, ...] = ()  # names of notable tags found (DateTimeOriginal, Make...)
    missing: bool = False  # an asset:ID the library does not hold (checks/images.py reports it)


class SectionAnalysis:
    """One section's text read once: masked prose, paragraphs, sentences, reading counts."""

    def __init__(self, text: str, title: str, level: int) -> None:
        self.text = text
        self.scan: ScanResult = scan_section(text, title, level)
        self.masked = self.scan.masked
        self.blocks: list[Block] = blocks(text, self.masked)
        self.sentences: list[Sentence] = [s for b in self.blocks for s in sentences(self.masked, b)]
        words: list[str] = []
        for sentence in self.sentences:
            words.extend(WORD.findall(self.masked, sentence.start, sentence.text_end))
        self.counts = ReadingCounts.of_words(words, len(self.sentences))
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """0-based (line, column) of ``offset`` within the section."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line, offset - self._line_starts[line]

    def has_citation(self, start: int, end: int) -> bool:
        """Whether a ``[@key]`` or numeric citation lies in ``[start, end)``."""
        return any(start <= c.start < end for c in self.scan.citations) or any(
            start <= c.start < end for c in self.scan.numeric)


@dataclass(frozen=True)
class Part:
    """A section of the current body with its (possibly cached) analysis."""

    index: int
    section: Section
    analysis: SectionAnalysis

    @property
    def key(self) -> AnalysisKey:
        return analysis_key(self.section, self.analysis.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the body of a section-relative ``offset``."""
        line, column = self.analysis.line_col(offset)
        return self.section.start_line + line + 1, column + 1


def analysis_key(section: Section, text: str) -> AnalysisKey:
    return (text, section.title, section.level)


@dataclass
class CheckContext:
    post: Post
    resolve: Resolver = resolve_nothing  # keys → {key: CSL-JSON} for the keys that resolve
    author: Author | None = None
    settings: CheckSettings = field(default_factory=CheckSettings)
    today: dt.date = field(default_factory=dt.date.today)
    images: Mapping[str, ImageInfo] = field(default_factory=dict)  # by image source
    public_contact: str = ""  # the clinic's own header/footer text (Site identity): not a patient's details
    analyses: dict[AnalysisKey, SectionAnalysis] = field(default_factory=dict, repr=False)
    # Seconds each section's analysis took in this run (absent when it came from the cache).
    analysis_seconds: dict[AnalysisKey, float] = field(default_factory=dict, repr=False)
    # When the section being checked runs out of budget (time.monotonic(); set by CheckSession).
    section_deadline: float = math.inf

    def sentences(self, part: Part) -> Iterator[Sentence]:
        """The part's sentences, stopping with SectionOverBudget when the section's budget has run out."""
        for sentence in part.analysis.sentences:
            if time.monotonic() > self.section_deadline:
                raise SectionOverBudget
            yield sentence

    @property
    def body(self) -> str:
        return self.post.body

    @cached_property
    def sections(self) -> list[Section]:
        return split_sections(self.body)

    @cached_property
    def parts(self) -> list[Part]:
        parts = []
        for index, section in enumerate(self.sections):
            text = section.text(self.body)
            key = analysis_key(section, text)
            analysis = self.analyses.get(key)
            if analysis is None:
                started = time.monotonic()
                analysis = SectionAnalysis(text, section.title, section.level)
                self.analyses[key] = analysis
                self.analysis_seconds[key] = time.monotonic() - started
            parts.append(Part(index, section, analysis))
        return parts

    @cached_property
    def resolved(self) -> Mapping[str, dict[str, Any]]:
        """Every key cited in the body (or listed in a reference list), resolved once."""
        keys = {c.key for p in self.parts for c in p.analysis.scan.citations}
        keys |= {k for p in self.parts for e in p.analysis.scan.entries for k in e.keys}
        return dict(self.resolve(sorted(keys))) if keys else {}

    def section_dependency(self) -> tuple[object, ...]:
        """What section checks depend on besides the section's own text."""
        return (self.settings, self.author.name if self.author else "", self.public_contact)
