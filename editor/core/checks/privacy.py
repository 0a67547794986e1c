"""Possible protected health information (PHI) in a post that will be published.

Looks for the HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)): a person's name
next to a clinical detail, any age next to a name and ages over 89, dates tied to a
person (birth, admission, visit), phone and fax numbers, e-mail addresses, Social
Security, medical record, account and plan numbers in their usual spellings, device
and license numbers, street addresses, towns and ZIP codes, IP addresses and personal
profile URLs, photos that may show a face (consent), and images whose file still
carries EXIF or GPS data. Each is a suspicion, reported as an error so it is seen
before publishing. The clinic's own public phone, e-mail and address can be listed once
in the check settings (``public_contacts``) and are then not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from editor.core.checks.base import Check, SectionCheck, quote
from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import ERROR, Finding
from editor.core.checks.phi_patterns import (
    AGE_SHAPES,
    APPOSITIVE,
    APPOSITIVE_AGE,
    ENCOUNTER,
    FACE_PHOTO,
    IDENTIFIERS,
    NAMED_AGE,
    NAMED_VISIT,
    NEEDS,
    OLD_AGE,
    PERSON,
    PERSONAL_URL,
    SERVICE_DATE_PATTERN,
    STREET_WORDS,
    VISIT_WORDS,
)
from editor.core.checks.resources import word_list, word_set
from editor.core.checks.scanning_regex import compile_scanning

_HONORIFIC = compile_scanning(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z][a-z]+")
_PATIENT_NAME = compile_scanning(r"\b[Pp]atient(?:'s|’s)?\s*,?\s+(?:named\s+|called\s+)?[A-Z][a-z]+\b")
_CAPITALISED = compile_scanning(r"\b[A-Z][a-z]+\b")
_DIGITS = re.compile(r"\d")
# The others need a digit.
_WITHOUT_DIGITS = frozenset({"an e-mail address", "a town a person lives in", "a street address"})
_MIN_DIGITS = {"a Social Security number": 9, "a phone or fax number": 7, "a ZIP code": 5, "an IP address": 4}
ADVICE = "Remove details that could identify a patient before publishing (HIPAA Safe Harbor)."


@lru_cache(maxsize=1)
def _clinical() -> re.Pattern[str]:
    terms = sorted(word_list("clinical_terms.txt"), key=len, reverse=True)
    return compile_scanning(r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms) + r")\b", re.I)


def _first_name(word: str, own_names: frozenset[str]) -> bool:
    lower = word.lower()
    return lower in word_set("first_names.txt") and lower not in own_names


def _name_with_detail(sentence: str, own_names: frozenset[str]) -> re.Match[str] | None:
    """A person's name in a sentence that also holds a clinical detail."""
    match = _PATIENT_NAME.search(sentence)
    if match:
        return match
    visit = NAMED_VISIT.search(sentence) if any(word in sentence for word in VISIT_WORDS) else None
    if visit and not set(visit.group("name").lower().split()) & own_names:
        return visit
    if not _clinical().search(sentence):
        return None
    match = _HONORIFIC.search(sentence)
    if match:
        return match
    for match in _CAPITALISED.finditer(sentence):
        if _first_name(match.group(), own_names):
            return match
    return None


def _named_age(sentence: str, own_names: frozenset[str]) -> re.Match[str] | None:
    match = APPOSITIVE_AGE.search(sentence)  # "Marcus, 47, …" whatever the name
    if match and match.group("name").lower() not in own_names:
        return match
    for match in NAMED_AGE.finditer(sentence):
        name = match.group("name") or match.group("after") or ""
        if _first_name(name, own_names) or _HONORIFIC.search(sentence, max(0, match.start() - 5), match.end()):
            return match
    return None


def identity_contacts(text: str) -> tuple[str, ...]:
    """The pieces of the site's header/footer text (Site identity): each line or "·"/"|"-separated part."""
    return tuple(piece.strip() for piece in re.split(r"[\n·|;]", text) if len(piece.strip()) >= 5)


def _public(text: str, contacts: tuple[str, ...]) -> bool:
    """Whether ``text`` is one of the clinic's own public contacts."""
    digits = "".join(_DIGITS.findall(text))
    for contact in contacts:
        contact_digits = "".join(_DIGITS.findall(contact))
        if len(digits) >= 7 and contact_digits.endswith(digits[-10:]) and len(contact_digits) >= 7:
            return True
        flat_text, flat_contact = _flat(text), _flat(contact)
        if flat_text and flat_contact and (flat_contact in flat_text or flat_text in flat_contact):
            return True
    return False


def _flat(text: str) -> str:
    """Lower case, punctuation (but "@") as spaces, single spaces: "12 Harbor Street." ~ "12 harbor street"."""
    return " ".join(re.sub(r"[^\w@]+", " ", text.casefold()).split())


class PhiSuspected(SectionCheck):
    code = "phi-suspected"
    severity = ERROR
    description = "Possible patient-identifying information (the HIPAA Safe Harbor identifiers)."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        analysis = part.analysis
        own = frozenset(ctx.author.name.lower().split()) if ctx.author else frozenset()
        contacts = ctx.settings.public_contacts + identity_contacts(ctx.public_contact)
        for sentence in ctx.sentences(part):
            text = analysis.masked[sentence.start: sentence.text_end]
            spans: list[tuple[int, int, str, str]] = []  # start, end, what, text
            digit_count = len(_DIGITS.findall(text))
            digits = digit_count > 0
            lower = text.lower()
            for what, pattern in IDENTIFIERS:
                if digit_count < _MIN_DIGITS.get(what, 0) or (not digits and what not in _WITHOUT_DIGITS):
                    continue
                if any(word in lower for word in NEEDS[what]):
                    spans.extend((m.start(), m.end(), what, m.group()) for m in pattern.finditer(text))
            if digits:
                spans.extend((m.start(), m.end(), "an age over 89", m.group()) for m in OLD_AGE.finditer(text))
            name = _name_with_detail(text, own)
            described = _described_person(text, own)
            known = described is not None or name is not None  # else PERSON decides, only when needed
            dated = digits or any(day in lower for day in _NAMED_DAYS)
            if dated and ENCOUNTER.search(text) and (known or PERSON.search(text)):
                spans.extend((m.start(), m.end(), "a date of service or event tied to a patient", m.group())
                             for m in SERVICE_DATE_PATTERN.finditer(text))
            if any(word in lower for word in _STREET_NEEDS) and (known or PERSON.search(text)):
                spans.extend((m.start(), m.end(), "a street address", m.group()) for m in _STREET_NAME.finditer(text))
            if described is not None:
                spans.append((described.start(), described.end(), _DESCRIBED, described.group()))
            taken: list[tuple[int, int]] = []
            for start, end, what, found in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
                if any(start < e and s < end for s, e in taken) or _public(found, contacts):
                    continue
                taken.append((start, end))
                yield self._finding(ctx, part, sentence.start + start, what, found)
            # The raw text: "Tom (61)" reads as a numeric citation, which the masked prose blanks out.
            raw = analysis.text[sentence.start: sentence.text_end]
            age = _named_age(raw, own) if AGE_SHAPES.search(raw) else None
            if described is not None and any(s == described.start() for s, _ in taken):
                continue  # the name is reported, with its description
            if age and not any(age.start() < e and s < age.end() for s, e in taken):
                yield self.at(ctx, part, sentence.start + age.start(),
                              f"{quote(age.group())} puts an age next to a person's name. Together they can "
                              f"identify a patient. {ADVICE} Use a made-up case (“a woman in her 50s”) instead.",
                              "age " + age.group())
                continue
            if name:
                yield self.at(ctx, part, sentence.start + name.start(),
                              f"{quote(name.group())} looks like a patient's name next to a clinical detail. "
                              f"{ADVICE} Use a made-up case (“a woman in her 50s”) instead.", text)
        yield from self._links(ctx, part, contacts)

    def _links(self, ctx: CheckContext, part: Part, contacts: tuple[str, ...]) -> Iterator[Finding]:
        for link in part.analysis.scan.links:
            target = link.target
            lower = target.lower()
            if lower.startswith("mailto:") and not _public(target[7:], contacts):
                yield self._finding(ctx, part, link.start, "an e-mail address", target[7:])
            elif lower.startswith("tel:") and not _public(target[4:], contacts):
                yield self._finding(ctx, part, link.start, "a phone or fax number", target[4:])
            elif PERSONAL_URL.search(target) and not _public(target, contacts):
                yield self._finding(ctx, part, link.start, "a personal profile URL", target)
            elif link.image and FACE_PHOTO.search(link.alt or ""):
                yield self.at(ctx, part, link.start,
                              f"The image {quote(link.alt or target, 40)} may show a patient's face. A full-face "
                              "photograph is a HIPAA identifier: publish it only with the patient's written "
                              "consent on file, then dismiss this finding giving that reason.",
                              f"face {target}")

    def _finding(self, ctx: CheckContext, part: Part, offset: int, what: str, text: str) -> Finding:
        return self.at(ctx, part, offset, f"{quote(text)} looks like {what}. {ADVICE} {_advice(what)}",
                       f"{what} {text}")


_DESCRIBED = "a person's name with a description of them"
_CONTACTS = frozenset({"a phone or fax number", "an e-mail address", "a street address", "a ZIP code",
                       "a personal profile URL"})


def _advice(what: str) -> str:
    """What to do about this kind of identifier: only a contact can be the clinic's own."""
    if what in _CONTACTS:
        return ("If it is the clinic's own public contact, put it in Settings → Site identity (header or footer) "
                "or the check settings (public_contacts); otherwise remove it.")
    if what == _DESCRIBED:
        return ("A name and a description (a job, a town, a family role) together can identify a patient: use a "
                "made-up case (“a retired teacher in her 60s”) instead, or dismiss this with the patient's written "
                "consent on file as the reason.")
    if what.startswith("a date"):
        return ("Dates tied to a patient are identifiers (only the year may stay): write “last spring” or “a few "
                "months ago” instead.")
    return ("No patient's number belongs in a post, even in part: remove it, or dismiss this only if the number "
            "is made up, saying so as the reason.")


_STREET_NAME = compile_scanning(rf"\b(?:[A-Z][a-z]+\s+){{1,3}}{STREET_WORDS}\b")
_STREET_NEEDS = ("street", "avenue", "road", "boulevard", "lane", "drive", "court", "terrace", "circle", "parkway",
                 "highway", "trail", "square", "crescent", "alley", "pike")


_NAMED_DAYS = ("day", "christmas", "thanksgiving", "new year", "easter", "halloween", "fourth of july")
_DESCRIPTION_STARTS = (", a ", ", an ", ", our ", ", my ", ", the ", ", his ", ", her ", ", their ")


def _described_person(sentence: str, own_names: frozenset[str]) -> re.Match[str] | None:
    """"Gerald Ortiz, a retired firefighter, …": a given name (or an honorific) with a description."""
    if not any(start in sentence for start in _DESCRIPTION_STARTS):
        return None
    for match in APPOSITIVE.finditer(sentence):
        if any(ch.isdigit() for ch in match.group("role")):
            continue  # "Maria, a 54-year-old teacher,": reported as an age next to a name
        words = match.group("name").replace(".", " ").split()
        honorific = words[0] in ("Mr", "Mrs", "Ms", "Miss", "Mx")
        if honorific or any(_first_name(word, own_names) for word in words):
            return match
    return None


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
