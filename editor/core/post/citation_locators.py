"""Locators in a citation's suffix, read as Pandoc reads them (``Text.Pandoc.Citeproc.Locator``).

``[@doe99, pp. 33-35 and passim]`` cites pages 33-35 of doe99 with the suffix
"and passim". After an optional comma and space, a locator is

- a *term* of the locale (``p.``, ``pp.``, ``page``, ``chap.``, ``sec.``, ``§``, ``fig.``, ``vol.``,
  ``s.v.`` … every form of the CSL locator terms; the longest one that fits wins) followed by
  one or more *locator words* holding a digit or a roman numeral (``iv``), separated by
  commas: ``pp. 33, 35-38``, ``chap. 2``, ``p. iv``;
- or, with no term, words holding a digit, read as pages: ``[@doe99, 33-35]``;
- or a braced locator, which may hold anything: ``[@doe99, {pp. iv, vi-xi, (xv)-(xvii)}]``
  (no term inside means pages).

What follows the locator is the suffix. When nothing reads as a locator the whole rest is
the suffix, as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Pandoc's locator term names with every form of each in CSL's en-US locale (long, short,
# symbol; singular and plural), as ``toLocatorMap`` builds it: a text that two terms share
# ("page" is also number-of-pages) belongs to the term listed first. (The locale bundled
# with citeproc-py names "sub verbo" "sub-verbo"; a test keeps this table equal to it.)
LOCATOR_TERMS: dict[str, tuple[str, ...]] = {
    "book": ("book", "books", "bk.", "bks."),
    "chapter": ("chapter", "chapters", "chap.", "chaps.", "c.", "cc."),
    "column": ("column", "columns", "col.", "cols."),
    "figure": ("figure", "figures", "fig.", "figs."),
    "folio": ("folio", "folios", "fol.", "fols."),
    "issue": ("issue", "issues", "no.", "nos."),
    "line": ("line", "lines", "l.", "ll."),
    "note": ("note", "notes", "n.", "nn."),
    "opus": ("opus", "opera", "op.", "opp."),
    "page": ("page", "pages", "p.", "pp."),
    "number-of-pages": ("page", "pages", "p.", "pp."),
    "paragraph": ("paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"),
    "part": ("part", "parts", "pt.", "pts."),
    "section": ("section", "sections", "sec.", "secs.", "§", "§§"),
    "sub verbo": ("sub verbo", "sub verbis", "s.v.", "s.vv."),
    "verse": ("verse", "verses", "v.", "vv."),
    "volume": ("volume", "volumes", "vol.", "vols."),
}
_TERM_OF: dict[str, str] = {}
for _name, _forms in reversed(LOCATOR_TERMS.items()):
    for _form in _forms:
        _TERM_OF[_form.casefold()] = _name
_LONGEST_TERM = max(map(len, _TERM_OF))

_ROMAN = re.compile(r"(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})", re.I)
_BRACKETS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True, slots=True)
class Locator:
    label: str  # a CSL locator term name: "page", "chapter", "sub verbo"…
    value: str  # as written: "3", "33-35", "iv, vi-xi"


def _is_locator_punct(char: str) -> bool:
    """Punctuation that ends a locator unit; page ranges keep ``-``, ``–`` and ``:``."""
    return char not in "-\u2013:" and unicodedata.category(char).startswith("P")


def _unit(text: str, at: int) -> tuple[int, bool]:
    """A page unit at ``at``: its end and whether it is digit-like (0-length: none)."""
    end = at
    while end < len(text) and not text[end].isspace() and not _is_locator_punct(text[end]):
        end += 1
    word = text[at:end]
    return end, any(c.isdigit() for c in word) or bool(word and _ROMAN.fullmatch(word))


def _page_sequence(text: str, at: int) -> tuple[int, bool] | None:
    """``12``, ``1.2.3``, ``34(1)(a)``, ``[17]``: a unit run with balanced brackets, or None."""
    position, digit_like, seen = at, False, False
    while position < len(text):
        char = text[position]
        if char in _BRACKETS:
            inner = _page_sequence(text, position + 1)
            close = inner[0] if inner else position + 1
            if close >= len(text) or text[close] != _BRACKETS[char]:
                break
            digit_like |= bool(inner and inner[1])
            position, seen = close + 1, True
            continue
        if char == "." and seen and position + 1 < len(text) and not _is_locator_punct(text[position + 1]) \
                and not text[position + 1].isspace():
            position += 1
            continue
        end, digits = _unit(text, position)
        if end == position:
            break
        digit_like |= digits
        position, seen = end, True
    return (position, digit_like) if seen else None


def _words(text: str, at: int, *, need_digits: bool) -> int | None:
    """End of the locator words starting at ``at`` (``33, 35-38``), or None if there is none."""
    end = None
    position = at
    first = True
    while True:
        start = position
        if not first:
            if start < len(text) and text[start] in ",;":
                start += 1
            while start < len(text) and text[start] in " \t\n":
                start += 1
        elif start < len(text) and text[start] in " \t\n":
            start += 1
        found = _page_sequence(text, start)
        if found is None:
            return end
        stop, digit_like = found
        word = text[start:stop]
        if not digit_like or (need_digits and not any(c.isdigit() for c in word)):
            return end
        end = position = stop
        first = False


def _term_at(text: str, at: int) -> list[tuple[int, str]]:
    """Every term that ``text[at:]`` starts with: (end, term name), longest first."""
    found = []
    for size in range(min(_LONGEST_TERM, len(text) - at), 0, -1):
        name = _TERM_OF.get(text[at : at + size].casefold())
        if name is not None:
            found.append((at + size, name))
    return found


def parse_locator(suffix: str) -> tuple[Locator | None, str]:
    """Split an item's suffix (what follows the key) into its locator and the rest."""
    position = 0
    if suffix.startswith(","):
        position = 1
    while position < len(suffix) and suffix[position] in " \t\n":
        position += 1
    if suffix.startswith("{", position):
        close = suffix.find("}", position)
        if close != -1:
            inner = suffix[position + 1 : close].strip()
            label, value = "page", inner
            for end, name in _term_at(inner, 0):
                label, value = name, inner[end:].strip()
                break
            if value:
                return Locator(label, value), suffix[close + 1 :]
    for end, name in _term_at(suffix, position):
        stop = _words(suffix, end, need_digits=False)
        if stop is not None:
            return Locator(name, suffix[end:stop].strip()), suffix[stop:]
    stop = _words(suffix, position, need_digits=True) if position < len(suffix) else None
    if stop is not None and suffix[position : position + 1].strip():
        return Locator("page", suffix[position:stop].strip()), suffix[stop:]
    return None, suffix
