"""Claims: statistics and efficacy claims without a citation, and promotional language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from editor.core.checks.base import Check, SectionCheck, quote
from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import WARNING, Finding
from editor.core.checks.resources import word_list

_NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                 r"thirty|forty|fifty|a hundred|a thousand|hundred|thousand)")
_NUM = rf"(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS})"
_NOT_YEAR = r"(?!(?:19|20)\d\d\b)"

CLAIM_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I)) for kind, pattern in (
        ("states a statistic", rf"\b{_NUM}[ -]?(?:%|percent\b|per ?cent\b|percentage points?\b)|\d%"),
        ("states a statistic", rf"\b{_NUM}\s+(?:in|out of)\s+(?:every\s+)?{_NOT_YEAR}{_NUM}\b"),
        ("states a rate", rf"\b{_NUM}\s+(?:per|for every)\s+{_NOT_YEAR}(?:\d[\d,]*|hundred|thousand|million)\b"),
        ("states a rate", rf"\b{_NUM}[ -]?(?:times|fold)\s+(?:more|less|higher|lower|greater|as|the|likelier)\b"),
        ("states a rate", r"\b(?:twice|double[sd]?|triple[sd]?|halve[sd]?|cuts?)\s+(?:the\s+|your\s+)?"
                          r"(?:risk|rate|chance|odds|likelihood)\b"),
        ("states a money amount", r"[$€£]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars|USD|euros)\b"),
        ("makes an efficacy claim", r"\b(?:studies|a study|research|evidence|science|data|scientists|"
                                    r"experts|doctors)\s+(?:has\s+|have\s+)?(?:shows?|shown|indicates?|"
                                    r"suggests?|proves?|proven|finds|found|confirms?|confirmed|demonstrates?|"
                                    r"demonstrated)\b"),
        ("makes a regulatory claim", r"\bFDA[- ]?(?:approved|cleared|approval)\b|\bapproved by the "
                                     r"(?:FDA|U\.?S\.? Food and Drug Administration|Food and Drug Administration)\b"),
        ("makes an efficacy claim", r"\b(?:clinically|scientifically|medically)\s+(?:proven|tested|shown|validated)\b"
                                    r"|\bproven to\b"),
    )
)


def find_claim(sentence: str) -> tuple[str, re.Match[str]] | None:
    """The first statistic or claim in ``sentence``: (what it does, the match)."""
    best: tuple[str, re.Match[str]] | None = None
    for kind, pattern in CLAIM_PATTERNS:
        match = pattern.search(sentence)
        if match and (best is None or match.start() < best[1].start()):
            best = (kind, match)
    return best


class UncitedClaim(SectionCheck):
    code = "uncited-claim"
    severity = WARNING
    description = "A statistic or an efficacy/regulatory claim with no citation in its sentence or the next."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        analysis = part.analysis
        sentences = analysis.sentences
        for index, sentence in enumerate(sentences):
            text = analysis.masked[sentence.start: sentence.text_end]
            found = find_claim(text)
            if found is None or analysis.has_citation(sentence.start, sentence.end):
                continue
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            if following and analysis.has_citation(following.start, following.end):
                continue
            kind, match = found
            yield self.at(
                ctx, part, sentence.start + match.start(),
                f"This sentence {kind} ({quote(match.group())}) but neither it nor the next sentence cites "
                "a source. Add a citation such as [@key] so readers can check it, or remove the claim.",
                text,
            )


@lru_cache(maxsize=1)
def _promotional_pattern() -> re.Pattern[str]:
    phrases = sorted(word_list("promotional.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


_NEGATION = re.compile(r"\b(?:no|not|never|without|isn't|aren't|isn’t|aren’t|nor)\b(?:\s+[\w’'-]+){0,2}\s*$", re.I)
FTC_REASON = ("The FTC requires competent and reliable scientific evidence for health claims, and absolute "
              "promises mislead patients.")


def find_promotional(text: str) -> Iterator[re.Match[str]]:
    for match in _promotional_pattern().finditer(text):
        line_start = max(text.rfind("\n", 0, match.start()), text.rfind(".", 0, match.start())) + 1
        if not _NEGATION.search(text[line_start: match.start()]):
            yield match


class PromotionalLanguage(SectionCheck):
    code = "promotional-language"
    severity = WARNING
    description = "Absolute or promotional health claims (miracle, cure, guaranteed, risk-free...)."

    def _message(self, match: re.Match[str]) -> str:
        return (f"{quote(match.group())} is promotional or absolute health language. {FTC_REASON} "
                "Say what the studies found, with a citation, instead.")

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        analysis = part.analysis
        if part.section.level:
            heading = analysis.text.split("\n", 1)[0]
            for match in find_promotional(heading):
                yield self.at(ctx, part, match.start(), self._message(match), "heading " + match.group())
        for sentence in analysis.sentences:
            text = analysis.masked[sentence.start: sentence.text_end]
            for match in find_promotional(text):
                yield self.at(ctx, part, sentence.start + match.start(), self._message(match),
                              match.group() + " | " + text)


class PromotionalTitle(Check):
    """The same words in the title or the meta description (reported under the same code)."""

    code = PromotionalLanguage.code
    severity = WARNING

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for label, text in (("title", ctx.post.title), ("meta description", ctx.post.summary)):
            for match in find_promotional(text or ""):
                yield self.outside(
                    ctx, f"The {label} uses {quote(match.group())}, promotional or absolute health language. "
                    f"{FTC_REASON} Describe the benefit as the evidence supports it.",
                    f"{label} {match.group()} {text}")
