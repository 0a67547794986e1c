"""Readability: reading level (Flesch-Kincaid, SMOG), long sentences and paragraphs, passive voice.

Reading level is computed on prose only: headings, the reference list, URLs, link
targets, images, code and citation markers are masked out before counting (see
``scan``). ``reading_levels`` gives the grade of the whole post and of every
section, for the outline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from editor.core.checks.base import Check, SectionCheck, quote
from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import INFO, WARNING, Finding
from editor.core.checks.readability import ReadingCounts, flesch_kincaid_grade, smog_index


@dataclass(frozen=True)
class SectionReading:
    index: int  # index in split_sections(body)
    title: str
    anchor: str
    grade: float | None  # Flesch-Kincaid grade; None when the section has no prose
    smog: float | None  # only with 30+ sentences (the formula's minimum)
    words: int
    sentences: int


@dataclass(frozen=True)
class ReadingReport:
    grade: float | None
    smog: float | None
    words: int
    sentences: int
    sections: tuple[SectionReading, ...]


def _grades(counts: ReadingCounts, smog_min: int) -> tuple[float | None, float | None]:
    if not counts.words:
        return None, None
    grade = round(flesch_kincaid_grade(counts), 1)
    smog = round(smog_index(counts), 1) if counts.sentences >= smog_min else None
    return grade, smog


def reading_levels(ctx: CheckContext) -> ReadingReport:
    """Flesch-Kincaid (and SMOG where valid) for the post and each of its sections."""
    smog_min = ctx.settings.smog_min_sentences
    total = ReadingCounts()
    sections = []
    for part in ctx.parts:
        counts = part.analysis.counts
        total = total + counts
        grade, smog = _grades(counts, smog_min)
        sections.append(SectionReading(part.index, part.section.title, part.section.anchor, grade, smog,
                                       counts.words, counts.sentences))
    grade, smog = _grades(total, smog_min)
    return ReadingReport(grade, smog, total.words, total.sentences, tuple(sections))


class ReadingLevel(Check):
    code = "reading-level"
    severity = WARNING
    description = "Flesch-Kincaid grade of the post's prose above the target (default 8)."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        report = reading_levels(ctx)
        target = ctx.settings.reading_level_target
        if report.grade is None or report.words < ctx.settings.reading_level_min_words or report.grade <= target:
            return
        smog = f"; SMOG {report.smog:g}" if report.smog is not None else ""
        hardest = sorted((s for s in report.sections if s.grade is not None and s.grade > target and s.words >= 30),
                         key=lambda s: s.grade or 0.0, reverse=True)[:3]
        where = ""
        if hardest:
            names = ", ".join(f"{quote(s.title or 'Introduction', 40)} ({s.grade:g})" for s in hardest)
            where = f" Hardest sections: {names}."
        yield self.outside(
            ctx, f"The post reads at grade {report.grade:g} (Flesch-Kincaid{smog}); the target is grade "
            f"{target:g} or below, as NIH advises for patient materials.{where} Use shorter sentences "
            "and everyday words, and explain medical terms.", f"grade above {target:g}")


class LongSentence(SectionCheck):
    code = "long-sentence"
    severity = INFO
    description = "A sentence longer than 25 words."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        limit = ctx.settings.long_sentence_words
        masked = part.analysis.masked
        for sentence in ctx.sentences(part):
            if sentence.words > limit:
                text = masked[sentence.start: sentence.text_end]
                yield self.at(ctx, part, sentence.start,
                              f"This sentence has {sentence.words} words (more than {limit}). "
                              "Split it into two or three shorter sentences.", text)


class LongParagraph(SectionCheck):
    code = "long-paragraph"
    severity = INFO
    description = "A paragraph longer than 150 words."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        limit = ctx.settings.long_paragraph_words
        analysis = part.analysis
        for block in analysis.blocks:
            if block.words > limit:
                text = analysis.masked[block.start: block.end]
                yield self.at(ctx, part, block.start + len(text) - len(text.lstrip()),
                              f"This paragraph has {block.words} words (more than {limit}). "
                              "Break it into shorter paragraphs, one idea each.", text)


class PassiveVoice(SectionCheck):
    code = "passive-voice"
    severity = INFO
    description = "A section with a high share of passive-voice sentences."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        sentences = part.analysis.sentences
        if len(sentences) < ctx.settings.passive_min_sentences:
            return
        passive = [s for s in sentences if s.passive]
        share = len(passive) / len(sentences)
        if not passive or share <= ctx.settings.passive_max_share:
            return
        first = passive[0]
        yield self.at(
            ctx, part, first.start,
            f"{len(passive)} of {len(sentences)} sentences in this section ({share:.0%}) use the passive voice, "
            f"e.g. {quote(first.passive or '')}. Say who does what: “your clinician prescribes” rather than "
            "“is prescribed”.", "passive share")
