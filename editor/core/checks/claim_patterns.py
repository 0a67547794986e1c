"""What counts as a statistic, a regulatory or guideline claim, or an efficacy claim.

Each finder takes one sentence of masked prose and returns the spans it found, so a
check works per sentence with precompiled patterns. The traps stay quiet: doses
("0.5 mg/kg"), chapter and step numbers, years and dates, and lab values in a case
description ("her A1c was 9.1%") are not statistics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from editor.core.checks.regulatory import regulatory_spans
from editor.core.checks.scanning_regex import compile_scanning

_NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                 r"thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|a thousand|hundred|thousand|"
                 r"half|a third|a quarter|one[- ]third|one[- ]quarter|two[- ]thirds|three[- ]quarters)")
_NUM = rf"(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS})"
_NOT_YEAR = r"(?!(?:19|20)\d\d\b)"
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_PEOPLE = (r"(?:(?:American|U\.?S\.?|US|Canadian|British|older|young|younger|adult|pregnant|black|white|hispanic|"
           r"asian)\s+)?"
           r"(?:adults|children|kids|people|persons|patients|Americans|women|men|teens|teenagers|adolescents|"
           r"participants|deaths|cases|infants|babies|seniors|smokers|users|survivors|veterans|workers|"
           r"students|girls|boys|mothers|residents|individuals|visits|hospitali[sz]ations|diagnoses)")
_DURATION = r"(?:hours?|days?|weeks?|months?|years?)"
_LAB_BEFORE = compile_scanning(  # "her A1c was 9.1%": a measurement in a case, not a study's statistic
    r"\b(?:A1c|HbA1c|hemoglobin A1c|glucose|saturation|SpO2|O2 sat|oxygen level|ejection fraction|EF|hematocrit|"
    r"body fat|LDL|HDL|TSH|eGFR)(?:\s+level)?(?:\s*(?:was|is|of|at|reading|read|measured|came back at|=|:))?"
    r"(?:\s*(?:about|around|only|still|now|down to|up to))?\s*$", re.I)


# "at least 60% alcohol", "1% hydrocortisone cream": a product's strength, like a dose.
_STRENGTH_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:alcohol|DEET|zinc oxide|hydrocortisone|peroxide|acid|solution|cream|ointment|gel|"
    r"lotion|strength|concentration|saline|dextrose|chlorhexidine|lidocaine|permethrin|minoxidil)\b", re.I)


def _c(pattern: str) -> re.Pattern[str]:
    return compile_scanning(pattern, re.I)


_FRACTION = (r"(?:half|a\s+third|one[- ]third|two[- ]thirds|a\s+quarter|one[- ]quarter|three[- ]quarters|"
             r"a\s+fifth|one[- ]fifth|two[- ]fifths|a\s+tenth|one[- ]tenth)")
_ABOUT = (r"(?:(?:nearly|almost|about|approximately|roughly|around|over|more\s+than|less\s+than|fewer\s+than|"
          r"under|up\s+to|at\s+least|some|only|just|well\s+over|close\s+to|an\s+estimated)\s+)?")
# "Most patients", "most children": a share of a studied group. "Most people" is everyday speech
# ("most people feel better after rest") and is not reported; see docs/checks.md.
_STUDIED = (r"(?:patients|adults|children|kids|women|men|teens|teenagers|adolescents|participants|infants|babies|"
            r"seniors|smokers|users|survivors|veterans|mothers|clients|cases|deaths|Americans|"
            r"(?:older|young|younger|pregnant|adult|American)\s+(?:adults|women|men|people|patients))")
_CHANGED = (r"(?:risk|rate|rates|chance|odds|likelihood|number|numbers|count|cases|deaths|visits|admissions|"
            r"hospitali[sz]ations|infections|attacks|episodes|flares|symptoms|weight|levels?)")
_CHANGE_VERB = r"(?:doubles?|doubled|doubling|triples?|tripled|tripling|quadrupled|halves|halved|halving)"

STATISTIC_PATTERNS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("a percentage", _c(rf"\b{_NUM}(?:\s?[-–]\s?{_NUM})?[ -]?(?:%|percent\b|per ?cent\b|percentage points?\b)"
                        r"|\d%"), ("%", "percent", "per cent")),
    ("a proportion", _c(rf"\b{_NUM}\s+(?:in|out of)\s+(?:every\s+)?{_NOT_YEAR}{_NUM}\b(?!\s*{_DURATION})"),
     (" in ", " out of ")),
    ("a rate", _c(rf"\b{_NUM}\s+(?:per|for every)\s+{_NOT_YEAR}(?:\d[\d,]*|hundred|thousand|million)\b"),
     (" per ", "for every")),
    ("a relative change", _c(rf"\b{_NUM}[ -]?(?:times|fold)\s+(?:more|less|higher|lower|greater|as|the|likelier|"
                             r"increase|decrease|rise|reduction|risk)\b|\b\d+(?:\.\d+)?[ -]fold\b"),
     ("times", "fold")),
    ("a relative change", _c(r"\b(?:twice|half|three times|four times|five times|ten times)\s+as\s+"
                             r"(?:likely|many|much|common|high|often|fast|long)\b"), (" as ",)),
    # "doubles the risk", "halved the number of visits", "the number of cases has doubled",
    # "cut the risk in half" (never "doubled the dose", "cut the pill in half").
    ("a relative change", _c(rf"\b{_CHANGE_VERB}\s+(?:(?:the|your|their|a\s+person's|its|his|her)\s+)?"
                             rf"(?:[\w-]+\s+){{0,2}}?{_CHANGED}\b"
                             rf"|\b{_CHANGED}\s+(?:of\s+[\w-]+\s+)?(?:has\s+|have\s+|had\s+|nearly\s+|almost\s+|"
                             rf"more\s+than\s+)*{_CHANGE_VERB}\b"
                             rf"|\b(?:cuts?|cutting|slashe[sd]|reduced?|reduces|lowers?|lowered)\s+"
                             rf"(?:(?:the|your|their)\s+)?(?:[\w-]+\s+){{0,2}}?{_CHANGED}\s+in\s+half\b"),
     ("doubl", "tripl", "quadrupl", "halv", "in half")),
    # "by roughly two-thirds", "fell by half", "to a third of what it was"
    ("a relative change", _c(rf"\b(?:by|to)\s+{_ABOUT}{_FRACTION}\b(?!\s+(?:an?|the)\s+(?:hour|day|week|month|"
                             r"year|dose|tablet|pill|cup|teaspoon|mile))"),
     ("half", "third", "quarter", "fifth", "tenth")),
    ("a proportion in words", _c(rf"\b{_ABOUT}(?:{_FRACTION}|the\s+(?:vast\s+)?majority|a\s+(?:large\s+|small\s+)?"
                                 rf"(?:majority|minority))\s+(?:of\s+)?(?:(?:all|the|these|those|our|such)\s+)?"
                                 rf"{_PEOPLE}\b"
                                 rf"|\bmost\s+(?:(?:of\s+)?(?:the|these|those|our)\s+)?{_STUDIED}\b"),
     ("half", "third", "quarter", "fifth", "tenth", "majority", "minority", "most")),
    ("a count of people", _c(rf"\b(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS})\s+{_SCALE}\s+{_PEOPLE}\b"
                             rf"|\b(?:more than|over|nearly|almost|about|approximately|around|roughly|some|up to|"
                             rf"at least|fewer than|less than|close to|an estimated)\s+\d[\d,]*\s+{_PEOPLE}\b"
                             rf"|\b\d{{1,3}}(?:,\d{{3}})+\s+{_PEOPLE}\b"
                             rf"|\b(?:hundreds|thousands|millions|tens of thousands)\s+of\s+{_PEOPLE}\b"),
     ("adult", "child", "kid", "people", "person", "patient", "american", "canadian", "british", "men",
      "teen", "adolescent", "participant", "death", "case", "infant", "bab", "senior", "smoker", "user",
      "survivor", "veteran", "worker", "student", "girl", "boy", "mother", "resident", "individual",
      "visit", "hospital", "diagnos")),
    ("a money amount", _c(rf"[$€£]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:{_SCALE}|[kMB]\b))?"
                          rf"|\b{_NUM}(?:\s+(?:to|and|-|–)\s+{_NUM})?\s+(?:{_SCALE}\s+)?(?:dollars|USD|euros)\b"),
     ("$", "€", "£", "dollar", "usd", "euro")),
    ("a p-value or confidence interval", _c(
        r"\bp\s*[<=>≤≥]\s*0?\.\d+|\b\d{2}\s*%\s*(?:CI|confidence interval)\b|\bconfidence interval\b"
        r"|\b(?:odds ratio|hazard ratio|relative risk|risk ratio|(?-i:OR|HR|RR|NNT)|number needed to treat)"
        r"\s*(?:[=:,]|of|was|is)?\s*\d"),
     ("p ", "p<", "p=", "p>", "p≤", "p≥", "ci", "confidence", "ratio", "relative risk", "needed to treat", "or ",
      "hr ", "rr ", "nnt")),
)
# "Most patients felt better within 2 weeks": a result and how soon, stated as a finding.
_DURATION_RESULT = _c(rf"\b(?:improv\w*|saw results|see results|results|relief|heal\w*|resolv\w*|recover\w*|"
                      rf"(?:feel|felt|feeling)\s+better|los[et]|losing|dropp?\w*|disappear\w*|cleared|clear up|"
                      rf"cured?|remission|respond\w*|notic\w*\s+(?:a\s+)?(?:difference|change|results))"
                      rf"(?:\s+[\w’'-]+){{0,6}}?\s+(?:within|in(?:\s+(?:just|only|as little as))?)\s+"
                      rf"(?:\d+|{_NUMBER_WORDS})(?:\s*(?:to|-|–)\s*\d+)?\s+{_DURATION}\b")
_WHEN = compile_scanning(r"\b(?:within|in)\b", re.I)
EFFICACY_PATTERN = _c(
    r"\b(?:studies|a study|research|evidence|science|data|scientists|experts)\s+"
    r"(?:has\s+|have\s+)?(?:shows?|shown|indicates?|suggests?|proves?|proven|finds|found|confirms?|"
    r"confirmed|demonstrates?|demonstrated)\b|\bproven to\b")


@dataclass(frozen=True)
class Span:
    kind: str  # "a percentage", "a regulatory claim"...
    start: int  # relative to the sentence
    end: int
    text: str


# Cheap tests first: a pattern runs only on a sentence holding one of its words (lower case), and
# most sentences have no number, so then only the patterns that need no digit can match at all.
_HAS_NUMBER = compile_scanning(rf"\d|\b{_NUMBER_WORDS}\b", re.I)
_WORDY = frozenset({"a relative change", "a count of people", "a p-value or confidence interval",
                    "a proportion in words"})
# Wordy patterns that still need a digit, unless the sentence holds one of these words: a count of
# people is "2,000 adults" or "millions of people"; a p-value or CI is a number, or "confidence interval".
_DIGIT = re.compile(r"\d")
_DIGITLESS = {"a count of people": ("hundred", "thousand", "million", "billion", "trillion"),
              "a p-value or confidence interval": ("confidence interval",)}
_EFFICACY_WORDS = ("show", "indicat", "suggest", "prove", "found", "find", "confirm", "demonstrat")


# "Most patients regain…" states a share of a group; "in most children it is not dangerous" and
# "guidelines advise most adults to…" only qualify or address the group: the share must open a clause.
_CLAUSE_OPENING = re.compile(r"(?:^|[,;:(—–]|\b(?:and|but|that|because|while|so|since|although|though|yet))\s*$",
                             re.I)


def _opens_clause(sentence: str, start: int) -> bool:
    return _CLAUSE_OPENING.search(sentence, max(0, start - 12), start) is not None


def statistics(sentence: str) -> list[Span]:
    """The statistics in ``sentence``, in text order, without overlaps."""
    return list(_statistics(sentence))


@lru_cache(maxsize=4096)
def _statistics(sentence: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    numbers = _HAS_NUMBER.search(sentence) is not None
    digit = numbers and _DIGIT.search(sentence) is not None
    lower = sentence.lower()
    for kind, pattern, needs in STATISTIC_PATTERNS:
        if (not numbers and kind not in _WORDY) or not any(word in lower for word in needs):
            continue
        if not digit and kind in _DIGITLESS and not any(word in lower for word in _DIGITLESS[kind]):
            continue
        for match in pattern.finditer(sentence):
            if kind == "a percentage" and (_LAB_BEFORE.search(sentence, 0, match.start())
                                           or _STRENGTH_AFTER.match(sentence, match.end())):
                continue  # a lab value in a case ("her A1c was 9.1%") or a strength ("60% alcohol")
            if (kind == "a proportion in words" and match.group().lower().startswith("most")
                    and not _opens_clause(sentence, match.start())):
                continue
            spans.append(Span(kind, match.start(), match.end(), match.group()))
    timed = numbers and ("within" in lower or " in " in lower)
    for m in (_DURATION_RESULT.finditer(sentence) if timed else ()):
        whens = list(_WHEN.finditer(m.group()))  # the finding is the duration, not the verb before it
        start = m.start() + (whens[-1].start() if whens else 0)
        spans.append(Span("a time to a result", start, m.end(), sentence[start: m.end()]))
    return tuple(_without_overlaps(spans))


def regulatory_claims(sentence: str) -> list[Span]:
    """Regulatory, coverage and guideline claims (see ``regulatory``)."""
    return [Span("a regulatory, coverage or guideline claim", start, end, sentence[start:end])
            for start, end in regulatory_spans(sentence)]


def efficacy_claims(sentence: str) -> list[Span]:
    lower = sentence.lower()
    if not any(word in lower for word in _EFFICACY_WORDS):
        return []
    return [Span("an efficacy claim", m.start(), m.end(), m.group()) for m in EFFICACY_PATTERN.finditer(sentence)]


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end
