"""The reference styles clinic sites use, as data: one row per shape of entry.

A row names how its author list is written (``authors``: a key of ``names.PARSERS``; with
``optional_authors`` an entry may also start with its title), where that list ends (``ends``), and
a regular expression, assembled from the named fragments below, that must match all of
the rest. Group names in the expressions are CSL fields (``container`` →
``container-title``, ``place`` → ``publisher-place``; ``tail`` is the trailing part
whose field depends on the type: the site of a web page, the publisher of a book).
The parser tries every row and every place the author list could end, and keeps the
reading that explains the string best (``parser.py``).

Every row runs in time linear in the string's length (a pasted list must never freeze an
import). A title ends at the first sentence end (". ", "? ", "! ") after which the rest of its
row matches, so each row tries every sentence end; that stays linear because no field after
the title runs on for ever: a journal name stops at the next full stop, a publisher, a book
title or an editor list runs across at most a few sentence ends (``_span``), a trailing site or
publisher name starts after the last character it may not hold, and runs that a fixed character
must end are possessive (``++``), never given back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.references.freetext.dates import WRITTEN, YEAR, YEAR_FIRST


def _span(excluded: str, ends: int) -> str:
    """Text without the characters ``excluded`` that runs across at most ``ends`` sentence ends (lazy)."""
    char = rf"(?:[^{excluded}.?!]|[.?!](?! ))"
    return rf"{char}+?(?:[.?!] {char}+?){{0,{ends}}}?"


def _up_to(marker: str, ends: int) -> str:
    """Text up to the first ``marker`` (which starts with "," or " "), across at most ``ends`` sentence ends."""
    char = rf"(?:(?!{marker})(?:[^.?!]|[.?!](?! )))"
    return rf"{char}++(?:[.?!]{char}++){{0,{ends}}}+"


_PAGE = r"[A-Za-z]{0,3}\d++(?:\.[a-z]\d++)?[A-Za-z]?"
FRAGMENTS = {
    # A title ends at the first ". " (or "? ", "! ") after which the rest of the row matches.
    "TITLE": r"(?:\"(?P<qtitle>[^\"]+?)[.,?!]?\"[.,]?|(?P<title>.+?[.?!]))",
    # A title that may end anywhere: what follows it holds none of ";:()\"", so it runs at least
    # to the last of them (taken at once, not tried place by place).
    "LAST_TITLE": r"(?:\"(?P<qtitle>[^\"]+?)[.,?!]?\"|(?P<title>(?:(?>.*[\";:()])|.).*?[?!]?))",
    # What follows a title that may end the entry: a full stop, or the title's own "?", "!" or quote.
    "AFTER_TITLE": r"(?:(?<=[\"?!])[.,]?|[.,])\s+",
    # Journal names: dotted abbreviations ("J. Psychosom. Res."), or words without a full stop (nor "?" or
    # "!": a name never runs past the next place a title could end).
    "JOURNAL": r"(?P<container>(?:[A-Z][A-Za-z]{0,12}\.?\s){1,6}[A-Z][A-Za-z]{0,12}\.|[A-Za-z0-9][^.;:\"?!]*?)",
    "DATE": rf"(?P<date>{YEAR_FIRST})",
    "APA_DATE": rf"\((?P<date>{YEAR}[a-z]?(?:,\s*[A-Za-z]+\.?(?:\s+\d{{1,2}}(?:\s*-\s*\d{{1,2}})?)?)?|n\.\s?d\.)\)",
    "WRITTEN_DATE": rf"(?P<date>{WRITTEN})",
    "PAGES": rf"(?P<page>{_PAGE}(?:\s*-\s*{_PAGE})?)",
    "EDITION": r"(?P<edition>\d{1,3})(?:st|nd|rd|th)\s+(?:ed|edn|edition)\.?",
    # A place runs to its colon; a full stop inside it is an abbreviation's ("St. Louis", at most two).
    "PLACE": r"(?P<place>[A-Z](?:[^:;\".?!]|[.?!](?! ))*+(?:(?<=St)\. (?:[^:;\".?!]|[.?!](?! ))*+){0,2}+)",
    "PUBLISHER": "(?P<publisher>" + _span(';:"', 2) + ")",
    "EDITORS": "(?P<editors>" + _up_to(r",? (?:eds?|editors?)\. ", 6) + ")",
    "APA_EDITORS": "(?P<editors>" + _up_to(r" \(Eds?\.\), ", 12) + ")",  # "T. A. Wadden & G. A. Bray (Eds.),"
    "BOOK": "(?P<container>" + _span("", 2) + ")",
    "APA_JOURNAL": "(?P<container>" + _span(",", 6) + ")",  # a journal's name in full, up to its comma
}
# ";131(3):e964-e999", ";(3):CD000335", "; 365: 1597-604", ";12:e061208"
FRAGMENTS["VIP"] = (
    r"(?:\s*;\s*(?:(?P<volume>[A-Za-z]?\d++[A-Za-z]?(?:\s+Suppl\s*\d*+)?)\s*)?"
    r"(?:\((?P<issue>[^()]++)\))?(?:\s*:\s*{PAGES})?)?"
).replace("{PAGES}", FRAGMENTS["PAGES"])


@dataclass(frozen=True)
class Row:
    name: str
    type: str  # the CSL type; flags found in the string (thesis, report, preprint…) may change it
    authors: str | None  # how the author list is written; None: the entry starts with its title
    ends: str  # where the author list may end: "stop" (". "), "apa-date" or "quote"
    pattern: str  # the rest of the entry, after the authors
    needs: tuple[str, ...] = ()  # what the string must carry for this row: "url", "identifier", "date"
    optional_authors: bool = False  # also read the entry as starting with its title


ROWS = [
    Row("journal", "article-journal", "vancouver", "stop",
        r"{TITLE}\s+{JOURNAL}[.,]?\s*{DATE}\s*(?:\[[^\[\]]*+\])?{VIP}", optional_authors=True),
    Row("journal-online-first", "article-journal", "vancouver", "stop",
        r"{TITLE}\s+{JOURNAL}", needs=("date", "identifier")),
    Row("name-year-journal", "article-journal", "vancouver", "stop",
        r"{DATE}[a-z]?\.\s+{TITLE}\s+{JOURNAL}[.,]?\s*(?P<volume>\d++)\s*(?:\((?P<issue>[^()]++)\))?\s*:\s*{PAGES}"),
    Row("chapter", "chapter", "vancouver", "stop",
        r"{TITLE}\s+In:?\s+{EDITORS},?\s+(?:eds?|editors?)\.\s+{BOOK}\.\s+(?:{EDITION}[,.]?\s+)?"
        r"(?:{PLACE}:\s*)?{PUBLISHER};\s*{DATE}(?:(?:\s*:\s*|[.,]\s*pp?\.\s*){PAGES})?"),
    Row("book", "book", "vancouver", "stop",
        r"{TITLE}\s+(?:{EDITION}\s+)?(?:{PLACE}:\s*)?{PUBLISHER}[;.,]\s*{DATE}", optional_authors=True),
    Row("thesis", "thesis", "vancouver", "stop",
        r"{TITLE}\s+(?P<genre>(?:Doctoral\s+|Master'?s\s+|PhD\s+)?(?:[Dd]issertation|[Tt]hesis))\.\s+"
        r"(?:{PLACE}:\s*)?{PUBLISHER}[;.,]\s*{DATE}"),
    Row("web", "webpage", "vancouver", "stop",
        r"{LAST_TITLE}(?:{AFTER_TITLE}(?P<tail>[^\";:()]+?))??(?:[.,]\s+{WRITTEN_DATE})?", needs=("url",),
        optional_authors=True),
    Row("apa-journal", "article-journal", "apa", "apa-date",
        r"{APA_DATE}\.\s+{TITLE}\s+{APA_JOURNAL},\s*(?P<volume>\d++)(?:\s*\((?P<issue>[^()]++)\))?"
        r"(?:,\s*(?:Article\s+)?{PAGES})?"),
    Row("apa-chapter", "chapter", "apa", "apa-date",
        r"{APA_DATE}\.\s+{TITLE}\s+In\s+{APA_EDITORS}\s+\((?:Eds?)\.\),\s+{BOOK}\s+"
        r"\((?:{EDITION},\s*)?pp?\.\s*{PAGES}\)\.\s+(?P<publisher>.+?)"),
    # The title may end anywhere; what follows it holds no quote, so it runs at least to the last one.
    Row("apa-book", "book", "apa", "apa-date",
        r"{APA_DATE}\.\s+(?P<title>(?:(?>.*\")|.).*?[?!]?)(?:\s*\({EDITION}[^()\"]*+\))?"
        r"(?:(?:(?<=[?!])|\.)\s+(?P<tail>[^\"]+?))?"),
    Row("written-journal", "article-journal", "written", "quote",
        r"{TITLE}\s*(?P<container>[^,.\"?!]+?)[,.]?\s+{DATE}", optional_authors=True),
]

#: The field the trailing part of a row (``tail``) fills, by the type the entry turned out to be.
TAIL_FIELD = {"webpage": "container-title", "article": "container-title", "book": "publisher",
              "report": "publisher", "thesis": "archive", "article-journal": "container-title"}
#: Group names of the row expressions that are not CSL field names.
GROUP_FIELDS = {"container": "container-title", "place": "publisher-place", "qtitle": "title"}


def _single_spaces(pattern: str) -> str:
    """``\\s+``, ``\\s*``, ``\\s?`` and ``\\s`` outside character classes as one optional or required space.

    The parser reads cleaned strings (``clean.clean_reference``: one space between words), so
    this changes no match; it takes away the runs of spaces that a field's class and the
    separators around it could share, which made these patterns cubic on long blank runs."""
    out, index, depth = [], 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and pattern[index + 1: index + 2] == "s" and depth == 0:
            quantifier = pattern[index + 2: index + 3]
            out.append({"+": " ", "*": " ?", "?": " ?"}.get(quantifier, " "))
            index += 3 if quantifier in ("+", "*", "?") else 2
            continue
        if char == "\\":
            out.append(pattern[index: index + 2])
            index += 2
            continue
        depth += 1 if char == "[" and depth == 0 else -1 if char == "]" and depth else 0
        out.append(char)
        index += 1
    return "".join(out)


def _compile(pattern: str) -> re.Pattern[str]:
    for name, fragment in FRAGMENTS.items():
        pattern = pattern.replace("{" + name + "}", fragment)
    return re.compile(rf"^(?:{_single_spaces(pattern)})\.?$")


COMPILED = [(row, _compile(row.pattern)) for row in ROWS]

# Where a Vancouver-style author list may end: a full stop and a space, unless the stop
# belongs to an abbreviation that never ends an author list ("No. 762", "vs. placebo").
#: An author list ends within its first this many full stops (the most the corpus needs is 4: dotted
#: initials, "et al.", an abbreviated group name); reading every later one as a possible end
#: would cost a pass over the string each, so a stop-separated string would take quadratic time.
MAX_AUTHOR_ENDS = 16
_STOP = re.compile(r"(?<!\bNo)(?<!\bVol)(?<!\bvs)(?<!\bDr)(?<!\bSt)(?<!\bMt)(?<!\bFt)\.\s+|\bet\s?al\b\.?\s+")
_APA_DATE = re.compile(rf"\s*\((?:{YEAR}|n\.\s?d\.)")
_QUOTE = re.compile(r"[,.]?\s+(?=\")")


def author_ends(text: str, ends: str) -> list[tuple[str, str]]:
    """Every (author segment, rest) split of ``text`` a row of kind ``ends`` allows."""
    if ends == "apa-date":
        match = _APA_DATE.search(text)
        return [(text[: match.start()], text[match.start():].lstrip())] if match and match.start() > 0 else []
    if ends == "quote":
        match = _QUOTE.search(text)
        return [(text[: match.start()], text[match.end():])] if match and match.start() > 0 else []
    splits = []
    for match in _STOP.finditer(text):
        head = text[: match.end()].rstrip()
        if head.endswith("."):
            head = head[:-1]
        splits.append((head, text[match.end():]))
        if len(splits) == MAX_AUTHOR_ENDS:
            break
    return splits
