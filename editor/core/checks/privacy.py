"""Possible protected health information (PHI) in a post that will be published.

Looks for: a person's name next to a clinical detail, dates of service, phone and
fax numbers, e-mail addresses, Social Security, medical record and account
numbers, street addresses, and images whose file still carries EXIF or GPS data.
Each is a suspicion, reported as an error so it is seen before publishing; a
false alarm (the clinic's own phone number) can be dismissed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from editor.core.checks.base import Check, SectionCheck, quote
from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import ERROR, Finding
from editor.core.checks.resources import word_list, word_set

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = re.compile(
    rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d\d-\d\d-\d\d\b"
)
_ENCOUNTER = re.compile(
    r"\b(?:visit(?:ed)?|seen|saw|admitted|discharged|appointment|presented|came in|surgery|operated|"
    r"procedure|hospitali[sz]ed|diagnosed|treated|examined|clinic|emergency room|ER|date of service|DOS)\b",
    re.I,
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a Social Security number", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    ("a phone or fax number",
     re.compile(r"(?<![\d-])(?:\+?1[-.\s]?)?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?![\d-])")),
    ("an e-mail address", re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")),
    ("a medical record or account number", re.compile(
        r"\b(?:MRN|medical record(?:\s+(?:number|no\.?|#))?|record\s+(?:number|no\.?|#)|account\s+(?:number|no\.?|#)"
        r"|acct\.?(?:\s+(?:number|no\.?|#))?|patient\s+ID|chart\s+(?:number|no\.?|#)|member\s+ID)\s*[:#]?\s*"
        r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}\b", re.I)),
    ("a street address", re.compile(
        r"\b\d{1,5}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|"
        r"Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle|Cir|Parkway|Pkwy|Highway|Hwy)\b\.?")),
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z][a-z]+")
_PATIENT_NAME = re.compile(r"\b[Pp]atient(?:'s|’s)?\s*,?\s+(?:named\s+|called\s+)?[A-Z][a-z]+\b")
_AGE_APPOSITION = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z]\.)?(?:\s[A-Z][a-z]+)?,\s+(?:a|an)\s+\d{1,3}[- ]year[- ]old\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
ADVICE = "Remove details that could identify a patient before publishing."


@lru_cache(maxsize=1)
def _clinical() -> re.Pattern[str]:
    terms = sorted(word_list("clinical_terms.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms) + r")\b", re.I)


def _name_with_detail(sentence: str, own_names: frozenset[str]) -> re.Match[str] | None:
    """A person's name in a sentence that also holds a clinical detail."""
    for pattern in (_AGE_APPOSITION, _PATIENT_NAME):
        match = pattern.search(sentence)
        if match:
            return match
    if not _clinical().search(sentence):
        return None
    match = _HONORIFIC.search(sentence)
    if match:
        return match
    names = word_set("first_names.txt")
    for match in _CAPITALISED.finditer(sentence):
        word = match.group().lower()
        if word in names and word not in own_names:
            return match
    return None


_PUBLIC_KINDS = frozenset({"a phone or fax number", "an e-mail address", "a street address"})
_PHONE = _PATTERNS[1][1]


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def is_public_contact(text: str, public: str) -> bool:
    """Whether ``text`` (a phone, e-mail or address found in a post) is the clinic's own published contact."""
    if not public.strip():
        return False
    digits = _digits(text)
    if len(digits) >= 7 and digits in {_digits(m.group()) for m in _PHONE.finditer(public)}:
        return True
    flat = " ".join(text.casefold().replace(".", " ").split())
    return bool(flat) and flat in " ".join(public.casefold().replace(".", " ").split())


class PhiSuspected(SectionCheck):
    code = "phi-suspected"
    severity = ERROR
    description = "Possible patient-identifying information: names with clinical details, dates, numbers, addresses."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        analysis = part.analysis
        own = frozenset(ctx.author.name.lower().split()) if ctx.author else frozenset()
        for sentence in analysis.sentences:
            text = analysis.masked[sentence.start: sentence.text_end]
            for what, pattern in _PATTERNS:
                for match in pattern.finditer(text):
                    yield from self._finding(ctx, part, sentence.start + match.start(), what, match.group())
            name = _name_with_detail(text, own)
            if name:
                yield self.at(ctx, part, sentence.start + name.start(),
                              f"{quote(name.group())} looks like a patient's name next to a clinical detail. "
                              f"{ADVICE} Use a made-up case (“a woman in her 50s”) instead.", text)
            if _ENCOUNTER.search(text):
                for match in _DATE.finditer(text):
                    yield from self._finding(ctx, part, sentence.start + match.start(), "a date of service",
                                             match.group())
        for link in analysis.scan.links:
            if link.target.lower().startswith("mailto:"):
                yield from self._finding(ctx, part, link.start, "an e-mail address", link.target[7:])
            elif link.target.lower().startswith("tel:"):
                yield from self._finding(ctx, part, link.start, "a phone or fax number", link.target[4:])

    def _finding(self, ctx: CheckContext, part: Part, offset: int, what: str, text: str) -> Iterator[Finding]:
        if what in _PUBLIC_KINDS and is_public_contact(text, ctx.public_contact):
            return
        yield self._report(ctx, part, offset, what, text)

    def _report(self, ctx: CheckContext, part: Part, offset: int, what: str, text: str) -> Finding:
        return self.at(ctx, part, offset,
                       f"{quote(text)} looks like {what}. {ADVICE} If it is not about a patient "
                       "(the clinic's public contact, say), dismiss this finding.", f"{what} {text}")


class ImageMetadata(Check):
    """Images whose stored file carries EXIF or GPS data (reported as phi-suspected)."""

    code = PhiSuspected.code
    severity = ERROR

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for part in ctx.parts:
            for link in part.analysis.scan.links:
                info = ctx.images.get(link.target) if link.image else None
                if info is None or not (info.has_exif or info.has_gps):
                    continue
                if info.has_gps:
                    what = "GPS location data (where the photo was taken)"
                else:
                    tags = ", ".join(info.exif_tags[:4])
                    what = f"EXIF metadata ({tags})" if tags else "EXIF metadata"
                yield self.at(ctx, part, link.start,
                              f"The image {quote(link.target, 40)} carries {what}. Photos can reveal where "
                              "and when a patient was seen: re-save the image without its metadata, then "
                              "insert it again.", f"image {link.target} gps={info.has_gps}")
