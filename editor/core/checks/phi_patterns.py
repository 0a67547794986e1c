"""Patterns for the HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)) a post may leak.

Each entry is (what it looks like, pattern) and is searched in one sentence of masked
prose. Names, ages and dates need their context (a name next to a clinical detail, a
date tied to a person) and are handled in ``privacy``.
"""

from __future__ import annotations

import re

from editor.core.checks.scanning_regex import compile_scanning

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
DATE = (rf"(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+\d{{4}})?\b"
        r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b(?:19|20)\d\d-\d\d-\d\d\b)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_HOLIDAY = (r"(?:Christmas(?:\s+Eve|\s+Day)?|Thanksgiving(?:\s+Day)?|New\s+Year's(?:\s+Eve|\s+Day)?|Easter|"
            r"Halloween|Memorial\s+Day|Labor\s+Day|Independence\s+Day|the\s+Fourth\s+of\s+July|"
            r"Valentine's\s+Day|Mother's\s+Day|Father's\s+Day)")
# A date of service or of an event in a patient's life: a full date, a month and year ("in October
# 2024"), a named weekday ("last Tuesday") or a holiday ("on Christmas Eve").
SERVICE_DATE_PATTERN = re.compile(
    rf"{DATE}|\b{MONTH}\.?\s+(?:of\s+)?(?:19|20)\d\d\b"
    rf"|\b(?:(?i:last|this\s+past|on|early|late|one|that)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"(?:,?\s+(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH})"
    r"(?:,?\s+\d{4})?)?\b"
    rf"|\b(?:on|over|at|before|after|around|during)\s+{_HOLIDAY}\b")
_ID = r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}\b"
# Each run of spaces is matched by one place only (a space before a word), so long runs stay linear.
_LABEL_JOIN = r"(?:\s*(?:is|was|of|reads|:|#|no\.?|number)){0,3}\s*"
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|"
           "NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC")
_STREET = (r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|"
           r"Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Row|Square|Sq|Crescent|Alley|Pike|Loop)")
# Spelled out only: "Oak St" could be many things, "Oak Street" is a street.
STREET_WORDS = (r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Terrace|Circle|Parkway|Highway|Trail|Square|"
                r"Crescent|Alley|Pike)")

_NUMBER_LABEL = (r"(?:SSN|social(?:\s+security)?(?:\s+(?:number|no\.?|#|card))?|MRN|medical\s+record(?:\s+(?:number|"
                 r"no\.?|#))?|(?:chart|record|account|member|policy|patient|insurance|card|subscriber|beneficiary)"
                 r"(?:\s*(?:number|no\.?|#|ID))?)")

IDENTIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a Social Security number", compile_scanning(
        r"\b\d{3}-\d{2}-\d{4}\b|\b(?:SSN|social security(?:\s+number)?)" + _LABEL_JOIN + r"\d{9}\b", re.I)),
    ("a phone or fax number", compile_scanning(
        r"(?<![\d-])(?:\+?1[-.\s]?)?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4}(?![\d-])")),
    ("an e-mail address", compile_scanning(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")),
    ("a medical record, account or plan number", compile_scanning(
        r"\b(?:MRN|medical record(?:\s+(?:number|no\.?|#))?|(?:record|chart|account|acct\.?|plan|policy|"
        r"member|beneficiary|insurance|subscriber|claim|patient)\s*(?:number|no\.?|#|ID)|patient\s+ID|"
        r"health plan(?:\s+(?:number|ID))?|acct\.?)" + _LABEL_JOIN + _ID, re.I)),
    ("a device serial or license number", compile_scanning(
        r"\b(?:serial|device|implant|pacemaker|lot|license|licence|DEA|NPI|VIN|plate|certificate|passport)"
        r"(?:\s*(?:number|no\.?|#|ID))?" + _LABEL_JOIN + _ID, re.I)),
    ("a date of birth", compile_scanning(
        r"\b(?:DOB|D\.O\.B\.?|date of birth|born(?:\s+on)?|birthday)\s*[:\-]?\s*(?:is\s+|was\s+)?" + DATE, re.I)),
    ("a street address", compile_scanning(
        rf"\b\d{{1,5}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){{1,3}}{_STREET}\b\.?"
        rf"|\b(?:lives?|lived|living|resides?|resided|home|house|apartment|farm|condo)\s+(?:just\s+)?"
        rf"(?:on|at|off|near)\s+(?:[A-Z][a-z]+\s+){{1,3}}{_STREET}\b"
        r"|\b(?:Apt|Apartment|Suite|Unit)\.?\s*#?\s*\d+[A-Z]?\b|\bP\.?\s?O\.?\s+Box\s+\d+")),
    ("a town a person lives in", compile_scanning(
        r"\b(?:lives?|lived|living|resides?|resided|moved)\s+(?:in|to)\s+(?:the\s+town\s+of\s+)?"
        r"(?!(?:the|a|an|our|your|their|his|her|this|that|fear|pain|denial|shape|bed|peace)\b)[A-Z][a-z]+")),
    # "SSN ends in 4821", "the last four digits of her Social Security number are 4821", "MRN ending 0092".
    ("a partial Social Security or record number", compile_scanning(
        rf"\b{_NUMBER_LABEL}(?:\s+[\w’'-]+){{0,3}}?\s+(?:ends?|ending|ended)\s+(?:in\s+|with\s+)?(?:the\s+)?"
        r"(?:digits\s+)?\d{2,6}\b"
        r"|\blast\s+(?:four|4|three|3|two|2|five|5|six|6)(?:\s+digits|\s+numbers)?\s+(?:of\s+)?"
        rf"(?:(?:her|his|their|the|your|my|a|our)\s+)?{_NUMBER_LABEL}(?:\s+[\w’'-]+){{0,3}}?\s*"
        r"(?:is|are|was|were|read|reads|:|of)?\s*\d{2,6}\b"
        r"|(?<![\w*])(?:x{3}|\*{3})-?(?:x{2}|\*{2})-?\d{4}\b", re.I)),
    # State codes are capitals: matching them case-blind made this the slowest pattern by far.
    ("a ZIP code", compile_scanning(rf"\b(?:{_STATES})\s+\d{{5}}(?:-\d{{4}})?\b"
                                    r"|(?i:\bZIP(?:\s+code)?\s*:?\s*\d{5}\b)")),
    ("an IP address", compile_scanning(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")),
)
# Words (lower case) one of which a sentence must hold before the identifier's pattern runs on it.
NEEDS: dict[str, tuple[str, ...]] = {
    "a Social Security number": ("-", "ssn", "social security"),
    "a phone or fax number": ("-", ".", "(", " "),
    "an e-mail address": ("@",),
    "a medical record, account or plan number": ("mrn", "record", "chart", "account", "acct", "plan", "policy",
                                                 "member", "beneficiary", "insurance", "subscriber", "claim",
                                                 "patient"),
    "a device serial or license number": ("serial", "device", "implant", "pacemaker", "lot", "licen", "dea", "npi",
                                          "vin", "plate", "certificate", "passport"),
    "a date of birth": ("dob", "d.o.b", "birth", "born"),
    "a street address": ("st", "ave", "rd", "road", "blvd", "boulevard", "ln", "lane", "dr", "ct", "court", "way",
                         "pl", "terrace", "cir", "pkwy", "hwy", "trail", "trl", "row", "square", "sq", "crescent",
                         "alley", "pike", "loop", "apt", "apartment", "suite", "unit", "box"),
    "a partial Social Security or record number": ("ends in", "ends with", "ending", "ended in", "ended with",
                                                   "last four", "last 4", "last three", "last 3", "last two",
                                                   "last 2", "last five", "last 5", "last six", "last 6", "xxx",
                                                   "***"),
    "a town a person lives in": ("live", "living", "reside", "moved"),
    "a ZIP code": ("zip", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
    "an IP address": (".",),
}

# Social profiles and personal pages identify a person as surely as a name does.
PERSONAL_URL = re.compile(r"(?:facebook|instagram|tiktok|twitter|x|linkedin|youtube)\.com/(?!sharer|share|intent)"
                          r"[@\w.-]+|linkedin\.com/in/", re.I)
# "photo of a clinic garden" is not a person: "photo of" counts only when a person follows.
FACE_PHOTO = compile_scanning(r"\b(?:patient|face|facial|selfie|portrait|before|after|headshot"
                              r"|photo of (?:a|an|our|my) (?:\w+ )?(?:patient|man|woman|child|girl|boy|baby|person"
                              r"|client|mother|father|teen(?:ager)?|couple|family))\b", re.I)
OLD_AGE = compile_scanning(r"\b(?:9\d|1[01]\d)[- ]years?[- ]old\b|\bage[ds]?\s+(?:9\d|1[01]\d)\b"
                           r"|\b(?:9\d|1[01]\d)\s+years?\s+(?:old|of age)\b", re.I)
_NAME = r"(?P<name>[A-Z][a-z]+)(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+)?"
NAMED_AGE = compile_scanning(
    rf"{_NAME}\s*(?:,\s*(?:age|aged)?\s*\d{{1,3}}\s*(?:,|\b(?=\s+(?:is|was|has|had)))|\(\s*(?:age\s*)?\d{{1,3}}\s*\)"
    r"|,?\s+(?:is|was|turned|turns)\s+(?:a\s+)?\d{1,3}(?:[- ]years?[- ]old|\s+years?\s+old)?\b"
    r"|,\s+(?:a|an)\s+\d{1,3}[- ]year[- ]old\b|,\s+age[ds]?\s+\d{1,3}\b)"
    r"|\b\d{1,3}[- ]year[- ]old\s+(?:(?:Mr|Mrs|Ms|Miss)\.?\s+)?(?P<after>[A-Z][a-z]+)")
# "Denise Walker came to see us", "Marcus, 47, came in": a named person at a visit, from the
# sentence's shape rather than a list of names.
_NOT_A_NAME = (r"(?!(?:The|This|That|These|Those|Our|Your|Their|His|Her|She|He|It|We|They|You|One|Each|Every|"
               r"Most|Many|Some|Any|No|All|Last|Next|Then|When|After|Before|If|In|On|At|Chapter|Step|Page|Part|"
               r"Figure|Table|Section|Room|Suite|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
               r"January|February|March|April|May|June|July|August|September|October|November|December)\b)")
NAMED_VISIT = compile_scanning(
    rf"\b(?=[A-Z]){_NOT_A_NAME}(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:,\s*(?:age\s*|aged\s*)?\d{{1,3}},)?\s+"
    r"(?:came\s+(?:in|back|to\s+(?:see\s+us|us|our|the))|was\s+(?:seen|admitted|diagnosed|treated|referred|"
    r"hospitali[sz]ed)|visited\s+(?:us|our)|presented|checked\s+in)\b")
# A sentence can put an age next to a name only if it has one of these shapes.
AGE_SHAPES = compile_scanning(r",\s*(?:aged?\s*)?\d|\(\s*(?:age\s*)?\d|\b(?:is|was|turned|turns)\s+(?:a\s+)?\d|year",
                              re.I)
VISIT_WORDS = ("came", "was ", "visited", "presented", "checked in")
APPOSITIVE_AGE = compile_scanning(rf"\b(?=[A-Z]){_NOT_A_NAME}(?P<name>[A-Z][a-z]+),\s*(?:age\s*|aged\s*)?\d{{1,3}},")
ENCOUNTER = compile_scanning(
    r"\b(?:visit(?:ed)?|seen|saw|admitted|admission|discharged|appointment|presented|came\s+(?:in|back|to)|"
    r"surgery|operated|procedure|hospitali[sz]ed|diagnosed|treated|examined|emergency\s+room|ER|"
    r"date\s+of\s+service|DOS|arrived|walked\s+in|checked\s+in|delivered|gave\s+birth|underwent|replaced|"
    r"repaired|removed|started|began|stopped|prescribed|died|passed\s+away|rushed|fell|broke|collapsed|"
    r"had\s+(?:a|an|her|his|their)\s+(?:\w+\s+)?(?:stroke|heart\s+attack|seizure|fall|baby|procedure|surgery|"
    r"operation|biopsy|scan|test|infection|reaction|accident|miscarriage))\b", re.I)
PERSON = compile_scanning(r"\b(?:she|he|her|his|him|patient|Mr|Mrs|Ms|Miss|mom|dad|mother|father|son|daughter|husband|"
                    r"wife|grandmother|grandfather|grandma|grandpa|baby|toddler|infant|woman|man|girl|boy|client|"
                    r"child|teen|teenager|veteran|retiree)\b", re.I)
# "Gerald Ortiz, a retired firefighter, …", "Mrs. Chen, our longtime patient, …": a person named, then
# described (the name is checked against the given-name list, the honorifics, or a person noun).
APPOSITIVE = compile_scanning(
    rf"\b(?=[A-Z]){_NOT_A_NAME}(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?),\s+"
    r"(?P<role>(?:a|an|our|my|the|his|her|their)\s+(?:[\w-]+\s+){0,4}?[a-z][\w-]*),")
