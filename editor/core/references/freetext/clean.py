"""Copy-paste mess taken out of a reference string before it is read.

Smart quotes, the many Unicode hyphens and dashes, non-breaking and zero-width spaces,
line breaks, doubled spaces and a leading list number ("1.", "[2]", "(3)") are what a
reference list copied from a web page or a Word file carries; none of them is data.
The em dash stays: titles use it ("Standards of Care in Diabetes—2024").
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u3000": " ",
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
})
_LEADING_NUMBER = re.compile(r"^\s*(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)](?=\s))\s*")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")


def clean_reference(text: str) -> str:
    """``text`` with typographic and whitespace noise normalized and a list number removed."""
    text = unicodedata.normalize("NFC", str(text)).translate(_TRANSLATE)
    text = " ".join(text.split())
    text = _LEADING_NUMBER.sub("", text, count=1)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text).strip()


def tidy_leftover(text: str) -> str:
    """Join what is left after identifiers and notes were cut out of a string.

    Cutting leaves doubled separators (``". ."``, ``", ."``) and dangling ones at the end.
    """
    text = " ".join(text.split())
    text = re.sub(r"([.;,])(?:\s+[.;,])+", r"\1", text)  # only across a cut: "S. G., A." stays
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    return text.strip().rstrip(" ,;:-\u2014").strip()
