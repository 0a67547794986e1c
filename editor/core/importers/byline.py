"""Bylines and post chrome, line by line: what a short block of a blog page certainly is.

``parse_byline`` reads "By Maria Lopez, MPAS, PA-C", "Written by Dr. Alan Reyes, DO",
"Posted by Karen Walsh, FNP-BC at 8:30 AM" or a bare "Nadia Farouk, PA-C" card line.
``chrome_reason`` names what a line of post chrome is — a date, a read time, a view or
comment count, a share row, a category or tag list, a stray line break — or None. Each
rule is one row of :data:`CHROME` and matches the whole line: a sentence that merely
mentions a date or the word "share" is never chrome. Rules marked ``lead`` (a bare
number, "Follow", an author's name) are trusted only in the post's header, around the
title, where builders put them.
"""

from __future__ import annotations

import re

from editor.core.importers.model import AuthorBox

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
_TIME = r"(?:\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?)"
DATE = (rf"(?:{_DAY}\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|"
        rf"{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
        rf"(?:{_DAY}\s+)?\d{{2}}/\d{{2}}/\d{{4}}(?:\s*-\s*\d{{1,2}}:\d{{2}})?){_TIME}?")
_SEP = r"\s*[|\u00b7\u2022\u2014\u2013-]\s*"
_LABEL = r"(?i:by|written\s+by|posted\s+by|authored\s+by|author:|submitted\s+by|article\s+by|words\s+by)"
_CRED = r"(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{0,5}(?:-[A-Z]{1,3})?\.?"
_NAME = r"(?:(?:Dr|Prof)\.?\s+)?(?P<name>[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){1,3})"
_PERSON = rf"{_NAME}(?:,\s*(?P<creds>{_CRED}(?:\s*,\s*{_CRED})*))?(?![\w-])"
_BYLINE = re.compile(rf"^\s*{_LABEL}\s+{_PERSON}(?:\s*(?:(?i:on|at|in)\s+|{_SEP}|,\s*)(?P<rest>.*))?$")
_CARD = re.compile(rf"^\s*{_PERSON}\s*(?:{_SEP}(?P<rest>.*))?$")
_NOT_NAMES = frozenset("share follow listen home blog menu search contact categories tags posted published".split())

# (reason, pattern matching the whole line, trusted only in the post's header)
CHROME: list[tuple[str, re.Pattern[str], bool]] = [
    ("post date", re.compile(rf"^(?:(?:posted|published|updated|last\s+updated|date)\s*(?:on)?:?\s*)?{DATE}\.?$",
                             re.I), False),
    ("read time", re.compile(r"^(?:reading\s+time:?\s*)?(?:about\s+)?\d{1,3}\s*(?:-\s*\d{1,3}\s*)?"
                             r"(?:min(?:ute)?s?|m)\.?(?:\s+(?:read|reading|to\s+read))?\.?$|"
                             r"^reading\s+time:?\s*\d{1,3}\s*min(?:ute)?s?\.?$", re.I), False),
    ("view count", re.compile(r"^(?:(?:hits|views):?\s*[\d,.]+[kK]?|[\d,.]+[kK]?\s+(?:views?|reads|hits))$", re.I),
     False),
    ("comment count", re.compile(r"^(?:[\d,]+\s+(?:comments?|responses?|replies|likes?|claps?):?|no\s+comments|"
                                 r"leave\s+a\s+(?:comment|reply)|add\s+(?:new\s+)?comment|comments?\s*\(\d+\))$",
                                 re.I), False),
    ("share buttons", re.compile(r"^(?:share(?:\s+(?:this|this\s+(?:post|article|page|story)|on|via|to)?)?:?\s*"
                                 r"(?:(?:on|via|to)\s+)?(?:(?:facebook|twitter|x|linkedin|pinterest|email|e-mail|"
                                 r"whatsapp|reddit|print|copy\s+link|email\s+this|blogthis!?)[\s,|]*)*|"
                                 r"(?:(?:facebook|twitter|x|linkedin|pinterest|email\s+this|blogthis!?|"
                                 r"share\s+to\s+\w+|share\s+on\s+\w+)[\s,|]*){2,})$", re.I), False),
    ("post time", re.compile(rf"^{_TIME}$", re.I), True),
    ("category list", re.compile(r"^(?:(?:categor(?:y|ies)|topics?|filed\s+under)\s*:\s*|posted\s+in\s+)"
                                 r"[^.!?]{1,100}$", re.I), False),
    ("tag list", re.compile(r"^(?:(?:tags?|labels?|keywords?)\s*:\s*|tagged(?:\s+with)?\s+)[^.!?]{1,120}$", re.I),
     False),
    ("byline", re.compile(r"^(?:submitted|posted|written|published)\s+by\s+[\w.@-]+(?:\s+(?:on|at)\s+.{1,60})?$",
                          re.I), False),
    ("section label", re.compile(r"^(?:categories|tags|labels|archives|details|topics|share\s+this)\s*:?$", re.I),
     False),
    ("stray line break", re.compile(r"^(?:\\\s*)+$"), False),
    ("count", re.compile(r"^[\d,.]+[kK]?$"), True),
    ("button", re.compile(r"^(?:follow|listen|subscribe|sign\s+(?:in|up)|save|more|\u00b7|\u2022|\|)$", re.I), True),
]


def _author(match: re.Match[str]) -> AuthorBox | None:
    name = match.group("name").strip().rstrip(".,")
    if name.split()[0].lower() in _NOT_NAMES or len(name.split()) < 2:
        return None
    creds = re.sub(r"\s*,\s*", ", ", match.group("creds") or "").strip()
    return AuthorBox(name=name, credentials=creds)


def parse_byline(text: str, *, bare: bool = False) -> AuthorBox | None:
    """The author a byline names ("By …", "Written by …", "Posted by … on …"); with ``bare``
    also a card line that is only a name with credentials ("Nadia Farouk, PA-C")."""
    line = " ".join(text.split())
    if len(line) > 160:
        return None
    match = _BYLINE.match(line)
    if match and (not match.group("rest") or chrome_reason(match.group("rest"), lead=True) or
                  re.fullmatch(rf"{DATE}.*", match.group("rest"), re.I)):
        return _author(match)
    if bare:
        card = _CARD.match(line)
        if card and (card.group("creds") or card.group("rest")) and (
                not card.group("rest") or chrome_reason(card.group("rest"), lead=True)):
            return _author(card)
    return None


def chrome_reason(text: str, *, lead: bool = False) -> str | None:
    """What kind of post chrome a whole line is, or None when it may be article text.

    A line made of several chrome pieces ("Mar 4, 2024 · 4 min read") is chrome when every
    piece is."""
    line = " ".join(text.replace("\u00a0", " ").split()).strip()
    if not line or len(line) > 160:
        return None
    reason = _one(line, lead)
    if reason is not None:
        return reason
    pieces = [piece for piece in re.split(_SEP, line) if piece.strip()]
    if len(pieces) > 1:
        reasons = [_one(piece.strip(), lead) for piece in pieces]
        if all(reasons):
            telling = [r for r in reasons if r not in ("count", "button")]
            return telling[0] if telling else reasons[0]
    return None


def _one(line: str, lead: bool) -> str | None:
    for reason, pattern, lead_only in CHROME:
        if (lead or not lead_only) and pattern.match(line):
            return reason
    return None
