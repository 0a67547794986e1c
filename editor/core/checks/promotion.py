"""Promotional language, as the FTC's Health Products Compliance Guidance (2022) reads it.

Four kinds, each with what the Guidance expects:

- absolute claims (miracle, breakthrough, cure as a promise, guaranteed, risk-free, no side
  effects, 100% safe, painless, permanent results): the word list ``promotional.txt`` and a
  few patterns;
- superlatives (best … in town, #1, top-rated);
- before-and-after promises;
- prices and limited-time offers ("$199 first visit", "book now", "20% off").

Negated uses ("there is no cure", "no medicine is risk-free") and qualified ones
("usually painless") are not promotion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from editor.core.checks.resources import word_list
from editor.core.checks.scanning_regex import compile_scanning

GUIDANCE = "FTC Health Products Compliance Guidance"
ABSOLUTE = "absolute"
SUPERLATIVE = "superlative"
BEFORE_AFTER = "before-and-after"
OFFER = "offer"

EXPECTS = {
    ABSOLUTE: (f"The {GUIDANCE} expects competent and reliable scientific evidence (generally randomized "
               "controlled trials) for every health benefit claim, and absolute promises cannot be substantiated. "
               "Say what the studies found, with a citation, instead."),
    SUPERLATIVE: (f"The {GUIDANCE} treats “best”, “#1” and “top-rated” as comparative claims that need "
                  "head-to-head evidence against every alternative. Describe what you offer instead."),
    BEFORE_AFTER: (f"The {GUIDANCE} reads before-and-after results as a claim that they are typical; show "
                   "typical results, or state clearly what most patients can expect."),
    OFFER: (f"Prices and urgency (“book now”, limited-time offers) make a health article an advertisement; the "
            f"{GUIDANCE} expects an ad to be recognisable as one and its terms disclosed. Keep offers out of "
            "the educational text, or label the page as an advertisement."),
}

_SERVICE = (r"(?:visit|consult(?:ation)?|session|treatment|month|exam|injection|shot|package|membership|"
            r"appointment|program|class|screening|facial|peel|unit|syringe|area|assessment|evaluation|"
            r"check-?up|check|test|trial|coaching|week|lesson|service|hydrafacial|botox|filler|cleaning|scan)s?")
# Superlatives about the clinic, its people or its product (never "the leading cause of death").
_SUPER = (r"(?:the\s+)?(?:most\s+(?:advanced|experienced|trusted|comprehensive|innovative|modern|respected|"
          r"qualified|skilled|successful|effective|affordable|caring|convenient|popular|sought[- ]after)|"
          r"leading|foremost|premier|finest|top|best|largest|biggest|#\s?1|number[- ]one|(?<=the\s)only)"
          r"(?!\s+(?:cause|causes|killer|reason|reasons|risk|source|sources|predictor)\b)")
_PLACE = (r"(?:state|city|country|nation|region|area|county|world|town|valley|tri-county\s+area|metro(?:\s+area)?|"
          r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))")
_OFFERING = (r"(?:center|centre|clinic|practice|provider|spa|med[- ]?spa|program|programme|hospital|team|staff|"
             r"surgeons?|doctors?|physicians?|dermatologists?|specialists?|experts?|injectors?|destination|choice|"
             r"laser|device|technology|equipment|facility|office|care)")
# (kind, pattern, words one of which a sentence must hold (lower case) before the pattern runs on it)
_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (SUPERLATIVE, r"\b(?:the\s+)?best\s+(?:[\w-]+\s+){0,4}?in\s+(?:town|the\s+(?:city|area|region|state|country|"
                  r"valley|county|world))\b"
                  r"|\b(?:the\s+)?best\s+(?:[\w-]+\s+){0,2}?(?:clinic|practice|doctors?|providers?|team|care|results|"
                  r"surgeons?|program|dermatologists?|specialists?)\b"
                  r"|\bthe\s+only\s+(?:[\w-]+\s+){0,3}?in\s+town\b"
                  r"|(?<![\w&])#\s?1\b(?!\s+(?:cause|killer|reason|risk))"
                  r"|\bnumber[- ]one\b(?!\s+(?:cause|killer|reason|risk|source))"
                  r"|\btop[- ]rated\b|\bhighest[- ]rated\b|\baward[- ]winning\b|\bworld[- ]class\b",
     ("best", "#", "number", "top", "highest", "award", "world", "only")),
    # "the most advanced laser in the state", "the leading weight-loss center", "our team is the best"
    (SUPERLATIVE, rf"\b{_SUPER}\s+(?:[\w-]+\s+){{0,4}}?(?:in\s+(?:the\s+)?{_PLACE}|{_OFFERING})\b"
                  rf"|\bour\s+(?:[\w-]+\s+){{0,2}}?{_OFFERING}\s+(?:is|are)\s+(?:simply\s+|truly\s+)?"
                  rf"(?:the\s+)?(?:{_SUPER}|unmatched|unrivall?ed|unparalleled|second\s+to\s+none)\b"
                  r"|\b(?:unmatched|unrivall?ed|unparalleled|second\s+to\s+none)\b",
     ("most ", "leading", "foremost", "premier", "finest", "largest", "biggest", "best", "top ", "#", "number",
      "the only", "unmatched", "unrival", "unparallel", "second to none")),
    (ABSOLUTE, r"\b100\s?(?:%|percent)\s+(?:safe|effective|natural|guaranteed|success(?:ful)?|satisfaction|"
               r"results?|cure)\b"
               r"|\b(?:completely|totally|perfectly|entirely)\s+(?:safe|effective|painless)\b"
               r"|(?<!usually\s)(?<!mostly\s)(?<!nearly\s)(?<!almost\s)(?<!often\s)(?<!generally\s)"
               r"(?<!relatively\s)(?<!typically\s)(?<!largely\s)\bpainless\b"
               r"|\bpermanent(?:ly)?\s+(?:results|weight loss|fix|solution|relief|cure|removal|reduction)\b"
               r"|\bresults\s+(?:are|that\s+are)\s+permanent\b"
               r"|\bpermanently\s+(?:remove|fix|eliminate|get rid|cure|erase|end)s?\b",
     ("100", "complete", "total", "perfect", "entire", "painless", "permanent", "results")),
    (BEFORE_AFTER, r"\bbefore[- ](?:and|&)[- ]after\b", ("before",)),
    (OFFER, rf"[$]\s?\d[\d,]*(?:\.\d\d)?\s+(?:for\s+)?(?:(?:a|the|your|each|per)\s+)?"
            rf"(?:(?:first|initial|new[- ]patient|intro(?:ductory)?|trial)\s+)?{_SERVICE}\b"
            r"|\bonly\s+[$]\s?\d[\d,]*|\b(?:\d{1,2}\s?%|half)\s+off\b|\blimited[- ]time\b"
            r"|\b(?:offer|special|deal|sale|discount|promotion|pricing)s?\s+(?:ends|expires|valid|good)\b"
            r"|\b(?:book|call|schedule|sign up|act|register|buy)\s+(?:now|today)\b|\bdon['’]t\s+wait\b"
            r"|\b(?:spots?|slots?|appointments?)\s+(?:are\s+)?(?:limited|filling(?:\s+up)?\s+fast)\b"
            r"|\bspecial\s+(?:offer|pricing|price|rate)s?\b",
     ("$", "off", "limited", "offer", "special", "deal", "sale", "discount", "promotion", "pricing", "now",
      "today", "wait", "spot", "slot", "appointment")),
    # free or discounted: "free consultation", "a complimentary skin check"; never "feel free to call",
    # nor "free Medicare wellness visit" / "free preventive care" (a benefit a payer covers)
    (OFFER, rf"(?<!feel\s)(?<!feels\s)\b(?:free|complimentary|no[- ]cost|no[- ]charge|discounted|half[- ]price|"
            rf"reduced[- ]price)\s+(?:(?!(?:Medicare|Medicaid|insurance|preventive)\b)[\w-]+\s+){{0,2}}?{_SERVICE}\b"
            rf"|\b{_SERVICE}(?:\s+[\w-]+){{0,4}}?\s+(?:is|are|will\s+be)\s+(?:completely\s+|totally\s+|always\s+|"
            r"absolutely\s+)?(?:free|complimentary|on\s+us|half[- ]price|discounted)\b"
            # "free of infection", "free under the ACA" / "with your insurance": a coverage claim, not an offer
            r"(?!\s+(?:of|from|under|through|with\s+(?:your\s+|most\s+)?(?:insurance|Medicare|Medicaid|coverage))\b)",
     ("free", "complimentary", "no-cost", "no cost", "no-charge", "no charge", "discounted", "half-price",
      "half price", "reduced", "on us")),
    (OFFER, r"\b(?:this|next)\s+(?:week|month|weekend)\s+only\b|\b(?:today|tonight)\s+only\b"
            r"|\bwhile\s+(?:supplies|spots|openings)\s+last\b|\bfor\s+a\s+limited\s+time\b",
     (" only", "while", "limited time")),
    (OFFER, r"\b(?:save|saving|savings\s+of)\s+(?:up\s+to\s+)?(?:\d{1,3}\s?%|\$\s?\d[\d,]*|half)"
            r"|\b(?:just|only|starting\s+at|starts?\s+at|from)\s+\$\s?\d[\d,]*"
            r"|\b(?:discount|coupon|promo(?:tion)?\s+code|buy\s+one|bogo)\b",
     ("save", "saving", "$", "discount", "coupon", "promo", "buy one", "bogo")),
)
_PATTERNS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (kind, compile_scanning(pattern, re.I), needs) for kind, pattern, needs in _RULES)
_NEGATION = compile_scanning(r"\b(?:no|not|never|without|isn't|aren't|isn’t|aren’t|nor|cannot|can't|can’t)\b"
                             r"(?:\s+[\w’'-]+){0,2}\s*$", re.I)
_NOT_A_PROMISE = re.compile(r"\s+rates?\b", re.I)  # "cure rates": a statistic, not a promise
# "no side effects beyond a sore arm": qualified, a description rather than a promise
_QUALIFIED = re.compile(r"\s+(?:beyond|other\s+than|except|besides|apart\s+from|but)\b", re.I)


@dataclass(frozen=True)
class Promotion:
    kind: str
    start: int
    end: int
    text: str

    def message(self) -> str:
        return f"{quote_text(self.text)} is {self.label}. {EXPECTS[self.kind]}"

    @property
    def label(self) -> str:
        return _LABEL[self.kind]


_LABEL = {ABSOLUTE: "an absolute or promotional health claim", SUPERLATIVE: "a superlative claim",
          BEFORE_AFTER: "a before-and-after promise", OFFER: "a price or limited-time offer"}


def quote_text(text: str) -> str:
    return f"“{' '.join(text.split())}”"


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str]:
    phrases = sorted(word_list("promotional.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return compile_scanning(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


@lru_cache(maxsize=1)
def _word_triggers() -> tuple[str, ...]:
    return tuple(sorted({phrase.split()[0].strip("-") for phrase in word_list("promotional.txt")}))


def find_promotions(text: str) -> list[Promotion]:
    """Promotional phrases in ``text`` (one sentence or a title), in order, without overlaps."""
    return list(_find_promotions(text))


@lru_cache(maxsize=4096)
def _find_promotions(text: str) -> tuple[Promotion, ...]:
    lower = text.lower()
    found: list[Promotion] = []
    if any(word in lower for word in _word_triggers()):
        for match in _word_pattern().finditer(text):
            if match.group().lower().startswith("cure") and _NOT_A_PROMISE.match(text, match.end()):
                continue
            if _QUALIFIED.match(text, match.end()):
                continue
            found.append(Promotion(ABSOLUTE, match.start(), match.end(), match.group()))
    for kind, pattern, needs in _PATTERNS:
        if not any(word in lower for word in needs):
            continue
        found.extend(Promotion(kind, m.start(), m.end(), m.group()) for m in pattern.finditer(text))
    kept: list[Promotion] = []
    for promo in sorted(found, key=lambda p: (p.start, -(p.end - p.start))):
        if kept and promo.start < kept[-1].end:
            continue
        clause_start = max(text.rfind(mark, 0, promo.start) for mark in ("\n", ".", ";", ",")) + 1
        if promo.kind == ABSOLUTE and _NEGATION.search(text[clause_start: promo.start]):
            continue
        kept.append(promo)
    return tuple(kept)
