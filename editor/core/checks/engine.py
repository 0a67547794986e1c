"""Running the checks: once (``run_checks``) or incrementally as the author types (``CheckSession``).

A session keeps, for each section text, its analysis and the findings of the
section checks. After a one-section edit only that section is analysed and checked
again; the other sections' findings are reused (their line numbers shifted when
the edit added or removed lines above them). Post-wide checks (citation numbering,
references, reading level overall, title and meta description...) run every time
on the cached analyses, which is cheap.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from editor.core.checks import budget
from editor.core.checks.base import Check, SectionCheck
from editor.core.checks.budget import NOT_CHECKED, SectionOverBudget, check_post_deadline
from editor.core.checks.cache import FindingCache, cache_key
from editor.core.checks.citations import (
    CitationBareUnknown,
    CitationMalformed,
    CitationNumberMissing,
    CitationUnresolved,
    ReferenceDuplicate,
    ReferenceIncomplete,
    ReferenceStale,
    ReferenceUncited,
)
from editor.core.checks.claims import PromotionalLanguage, PromotionalTitle, UncitedClaim, UncitedRegulatoryClaim
from editor.core.checks.context import AnalysisKey, CheckContext, Part, SectionAnalysis
from editor.core.checks.finding import ERROR, Finding, disambiguate, make_fingerprint, sort_key
from editor.core.checks.images import ImageAltMissing, ImageMissing, ImageRemote, ImageUnreachable
from editor.core.checks.metadata import AuthorCredentialsMissing, ReviewOverdue
from editor.core.checks.privacy import ImageMetadata, PhiSuspected
from editor.core.checks.reference_review import ReferenceNeedsReview
from editor.core.checks.structure import (
    HeadingDuplicate,
    HeadingSkip,
    LinkInvalid,
    MetaDescriptionLength,
    SectionEmpty,
    TitleLength,
)
from editor.core.checks.style import LongParagraph, LongSentence, PassiveVoice, ReadingLevel
from editor.core.post.model import Post

CHECK_CLASSES: tuple[type[Check], ...] = (
    CitationNumberMissing, CitationUnresolved, CitationMalformed, CitationBareUnknown,
    ReferenceUncited, ReferenceIncomplete, ReferenceDuplicate,
    UncitedClaim, UncitedRegulatoryClaim, PromotionalLanguage, PromotionalTitle,
    ReadingLevel, LongSentence, LongParagraph, PassiveVoice,
    PhiSuspected, ImageMetadata,
    SectionEmpty, HeadingSkip, HeadingDuplicate, TitleLength, MetaDescriptionLength, ImageAltMissing, LinkInvalid,
    ImageMissing, ImageUnreachable, ImageRemote,
    AuthorCredentialsMissing, ReviewOverdue, ReferenceStale, ReferenceNeedsReview,
)


def all_checks() -> tuple[Check, ...]:
    return tuple(cls() for cls in CHECK_CLASSES)


def check_codes() -> dict[str, str]:
    """Every check code → its default severity, in the order the issue lists them."""
    codes: dict[str, str] = {}
    for cls in CHECK_CLASSES:
        codes.setdefault(cls.code, cls.severity)
    return codes


SectionKey = tuple[AnalysisKey, str]  # (analysis key, anchor)


class CheckSession:
    """Incremental checking of one post as it is edited.

    Not thread-safe: use one session per worker. ``last_reused``/``last_computed``
    count the sections whose section-check findings were reused or recomputed by
    the latest ``run``.
    """

    def __init__(self, checks: Sequence[Check] | None = None, *, store: FindingCache | None = None,
                 section_budget: float | None = None) -> None:
        """``store``: section findings kept across sessions (only with the full set of checks).
        ``section_budget``: seconds of analysis and checking each section gets (default
        ``budget.SECTION_BUDGET_S``)."""
        self.checks = tuple(checks) if checks is not None else all_checks()
        self.section_budget = section_budget if section_budget is not None else budget.SECTION_BUDGET_S
        self.store = store if checks is None else None
        self._analyses: dict[AnalysisKey, SectionAnalysis] = {}
        self._findings: dict[SectionKey, tuple[int, list[Finding]]] = {}
        self._dependency: tuple[object, ...] | None = None
        self.image_cache: dict[int, tuple[bool, bool, tuple[str, ...]]] = {}  # asset id → EXIF facts
        self.last_reused = 0
        self.last_computed = 0

    def run(self, ctx: CheckContext) -> list[Finding]:
        _load_rules()
        ctx.analyses = self._analyses
        dependency = ctx.section_dependency()
        if dependency != self._dependency:
            self._findings.clear()
            self._dependency = dependency
        enabled = [check for check in self.checks if ctx.settings.enabled(check.code)]
        section_checks = [c for c in enabled if isinstance(c, SectionCheck)]
        post_checks = [c for c in enabled if not isinstance(c, SectionCheck)]

        findings: list[Finding] = []
        fresh: dict[SectionKey, tuple[int, list[Finding]]] = {}
        self.last_reused = self.last_computed = 0
        # The persistent cache holds findings of the whole set of checks, as settings enable them.
        stored_keys: dict[SectionKey, str] = {}
        stored: dict[str, tuple[int, list[Finding]]] = {}
        if self.store is not None:
            for part in ctx.parts:
                key = (part.key, part.section.anchor)
                if key not in self._findings:
                    stored_keys[key] = cache_key(dependency, key)
            stored = self.store.load(set(stored_keys.values())) if stored_keys else {}
        computed: dict[str, tuple[int, list[Finding]]] = {}
        for part in ctx.parts:
            key = (part.key, part.section.anchor)
            start_line = part.section.start_line
            cached = self._findings.get(key) or fresh.get(key)
            if cached is None and key in stored_keys:
                cached = stored.get(stored_keys[key])
            if cached is None:
                check_post_deadline()
                found, complete = self._check_section(ctx, part, section_checks)
                self.last_computed += 1
                if not complete:  # reported as not checked, and tried again on the next run
                    findings.extend(found)
                    continue
                if key in stored_keys:
                    computed[stored_keys[key]] = (start_line, found)
            else:
                old_start, found = cached
                self.last_reused += 1
                if old_start != start_line:
                    found = [_shift(f, start_line - old_start) for f in found]
            fresh[key] = (start_line, found)
            findings.extend(found)
        for check in post_checks:
            findings.extend(check.run(ctx))

        self._findings = fresh
        if self.store is not None:
            self.store.save(computed)
        live = {part.key for part in ctx.parts}
        for stale in [k for k in self._analyses if k not in live]:
            del self._analyses[stale]
        return disambiguate(sorted(findings, key=sort_key))

    def _check_section(self, ctx: CheckContext, part: Part, checks: Sequence[SectionCheck],
                       ) -> tuple[list[Finding], bool]:
        """The section's findings, and whether it was checked whole within its budget."""
        spent = ctx.analysis_seconds.get(part.key, 0.0)
        ctx.section_deadline = time.monotonic() + self.section_budget - spent
        found: list[Finding] = []
        try:
            for check in checks:
                if time.monotonic() > ctx.section_deadline:
                    raise SectionOverBudget
                found.extend(check.run_section(ctx, part))
        except SectionOverBudget:
            return [*found, _not_checked(part, self.section_budget)], False
        finally:
            ctx.section_deadline = math.inf
        return found, True


_WARM_UP = ("Dr. Lee, 64, was seen on May 2 at 12 Oak Street; call 555-123-4567. About 4 in 10 adults "
            "recommend the best care in town, a miracle cure [@a]. Results were given.\n")


@cache
def _load_rules() -> None:
    """Load the word lists, dictionaries and lazily built patterns once, before any budget is timed:
    the first section's budget measures its own work, not loading the rules."""
    post = Post(title="Warm-up", summary="", body=f"{_WARM_UP}\n## Section\n\n{_WARM_UP}")
    ctx = CheckContext(post)
    for part in ctx.parts:
        for check in all_checks():
            if isinstance(check, SectionCheck):
                list(check.run_section(ctx, part))
    for check in all_checks():
        if not isinstance(check, SectionCheck):
            list(check.run(ctx))


def _not_checked(part: Part, budget: float) -> Finding:
    line, column = part.position(0)
    where = f"The section “{part.section.title}”" if part.section.title else "The opening of the post"
    return Finding(
        NOT_CHECKED, ERROR,
        f"{where} was not checked (took too long: more than {budget:g} s), so it may hide a problem a check "
        "would report. It cannot be published until it has been checked: split it into shorter sections, "
        "or wait for the next check when the computer is less busy.",
        line, column, part.section.title, make_fingerprint(NOT_CHECKED, part.section.anchor, "not checked"))


def _shift(finding: Finding, lines: int) -> Finding:
    return replace(finding, line=finding.line + lines) if finding.line is not None else finding


def run_checks(ctx: CheckContext, checks: Sequence[Check] | None = None) -> list[Finding]:
    """All enabled checks on one post, in text order (findings outside the body first)."""
    return CheckSession(checks).run(ctx)
