"""Claims: uncited statistics and efficacy claims, uncited regulatory claims, promotional language.

A citation supports the sentence it ends and the clauses before it, never the
sentence before it: a statistic is cited when a citation marker follows it in the
same sentence (a marker just after the full stop belongs to that sentence, see
``prose``). One finding per span: a phrase that is both promotional and a statistic
("100% safe", "$199 first visit") is one promotional-language finding whose message
also says it is an uncited statistic.

All three are errors: a medical editor must sign such a claim off (cite it, reword it, or
dismiss it with a reason) before the post reaches the website; drafts and the preview are never
blocked. A clinic can lower a family to a warning (``settings.CLAIM_FAMILIES``).
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks.base import Check, SectionCheck, quote
from editor.core.checks.claim_patterns import Span, efficacy_claims, overlaps, regulatory_claims, statistics
from editor.core.checks.context import CheckContext, Part, SectionAnalysis
from editor.core.checks.finding import ERROR, Finding
from editor.core.checks.promotion import EXPECTS, OFFER, Promotion, find_promotions
from editor.core.checks.prose import Sentence

REGULATORY_REASON = ("A regulatory, coverage or guideline claim is a fact a reader must be able to check, and one "
                     "that is wrong (a use the FDA never approved, a recommendation a guideline does not make, a "
                     "benefit a plan does not cover) misleads patients about their treatment or their bills.")


def _cited_after(analysis: SectionAnalysis, sentence: Sentence, position: int) -> bool:
    """Whether a citation follows ``position`` (section offset) within the sentence."""
    return analysis.has_citation(position, sentence.end)


def _sentence_text(analysis: SectionAnalysis, sentence: Sentence) -> str:
    return analysis.masked[sentence.start: sentence.text_end]


def _uncited(analysis: SectionAnalysis, sentence: Sentence, spans: list[Span]) -> list[Span]:
    return [span for span in spans if not _cited_after(analysis, sentence, sentence.start + span.end)]


def _listing(spans: list[Span]) -> str:
    kinds = list(dict.fromkeys(span.kind for span in spans))
    return " and ".join(kinds) + " (" + ", ".join(quote(span.text) for span in spans) + ")"


class UncitedClaim(SectionCheck):
    code = "uncited-claim"
    severity = ERROR
    description = "A statistic or an efficacy claim with no citation after it in its sentence."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        analysis = part.analysis
        for sentence in ctx.sentences(part):
            text = _sentence_text(analysis, sentence)
            spans = statistics(text)
            if spans:
                promos = find_promotions(text)  # reported there, with the statistic named
                spans = [s for s in spans if not any(overlaps(s, p.start, p.end) for p in promos)]
            regulatory = regulatory_claims(text)  # "clinically proven to" is reported there, once
            efficacy = [e for e in efficacy_claims(text) if not any(overlaps(e, r.start, r.end) for r in regulatory)]
            spans = _uncited(analysis, sentence, spans + efficacy)
            if not spans:
                continue
            spans.sort(key=lambda s: s.start)
            yield self.at(
                ctx, part, sentence.start + spans[0].start,
                f"This sentence states {_listing(spans)} but cites no source for it. Add a citation such as "
                "[@key] at the end of the sentence so readers can check it, or remove the claim.",
                text,
            )


class UncitedRegulatoryClaim(SectionCheck):
    code = "uncited-regulatory-claim"
    severity = ERROR
    description = ("An FDA approval, a coverage rule, a guideline recommendation or “clinically proven” with no "
                   "citation.")

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        analysis = part.analysis
        for sentence in ctx.sentences(part):
            text = _sentence_text(analysis, sentence)
            spans = _uncited(analysis, sentence, regulatory_claims(text))
            if not spans:
                continue  # one finding per sentence: "your insurance must cover it under the ACA" is one claim
            named = " and ".join(quote(span.text) for span in spans)
            yield self.at(
                ctx, part, sentence.start + spans[0].start,
                f"{named} {'is a' if len(spans) == 1 else 'make a'} regulatory, coverage or guideline claim with no "
                f"citation. {REGULATORY_REASON} Cite the label, the agency's or payer's page, or the guideline "
                "itself at the end of the sentence.",
                spans[0].text + " | " + text,
            )


def _promotion_message(promo: Promotion, statistic: bool) -> str:
    message = promo.message()
    if statistic:
        message += (" It is also a statistic with no citation: if a study supports it, cite the study; "
                    "otherwise remove the number." if promo.kind != OFFER else "")
    return message


class PromotionalLanguage(SectionCheck):
    code = "promotional-language"
    severity = ERROR
    description = "Promotional health language: absolute claims, superlatives, before-and-after, prices and offers."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        analysis = part.analysis
        if part.section.level:
            heading = analysis.text.split("\n", 1)[0]
            for promo in find_promotions(heading):
                yield self.at(ctx, part, promo.start, promo.message(), "heading " + promo.text)
        for sentence in ctx.sentences(part):
            text = _sentence_text(analysis, sentence)
            promos = find_promotions(text)
            if not promos:
                continue
            stats = _uncited(analysis, sentence, statistics(text))
            for promo in promos:
                statistic = any(overlaps(s, promo.start, promo.end) for s in stats)
                yield self.at(ctx, part, sentence.start + promo.start, _promotion_message(promo, statistic),
                              promo.text + " | " + text)


class PromotionalTitle(Check):
    """The same words in the title, the meta description or the banner (reported under the same code)."""

    code = PromotionalLanguage.code
    severity = ERROR

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        fields = (("title", ctx.post.title), ("meta description", ctx.post.summary),
                  ("banner", getattr(ctx.post, "banner", "") or ""))
        for label, text in fields:
            for promo in find_promotions(text or ""):
                yield self.outside(
                    ctx, f"The {label} uses {quote(promo.text)}, {promo.label}. {EXPECTS[promo.kind]}",
                    f"{label} {promo.text} {text}")
