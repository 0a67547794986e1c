"""The little LaTeX that appears in BibTeX values: accents, escaped specials, case braces."""

from __future__ import annotations

import re
import unicodedata

_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
            "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
            "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_SYMBOLS = {"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "textbackslash": "\\",
            "textendash": "–", "textemdash": "—", "textasciitilde": "~", "textasciicircum": "^"}
_SPECIALS = "&%$#_{}"
_ACCENT_RE = re.compile(
    r"""\{?\\([`'^"~=.])\s*\{?([A-Za-z]|\\i)\}?\}?"""
    r"""|\{?\\([uvHckr])\s*\{([A-Za-z])\}\}?"""
    r"""|\{?\\([uvHckr]) ([A-Za-z])\}?"""
)
_SYMBOL_RE = re.compile(r"\\(" + "|".join(sorted(_SYMBOLS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\{\}|\s?)")
_SPECIAL_RE = re.compile(r"\\([&%$#_{}])|[{}]")
_DASHES = (("---", "—"), ("--", "–"))


def _accent(match: re.Match[str]) -> str:
    mark = match.group(1) or match.group(3) or match.group(5)
    letter = match.group(2) or match.group(4) or match.group(6)
    if letter == "\\i":
        letter = "i"
    return unicodedata.normalize("NFC", letter + _ACCENTS[mark])


def decode(value: str) -> str:
    """BibTeX value → plain text: ``{\\"o}`` → ö, ``\\&`` → &, case-protecting braces removed."""
    text = _ACCENT_RE.sub(_accent, value)
    text = _SYMBOL_RE.sub(lambda m: _SYMBOLS[m.group(1)], text)
    for old, new in _DASHES:
        text = text.replace(old, new)
    text = _SPECIAL_RE.sub(lambda m: m.group(1) or "", text)
    return " ".join(text.split())


def encode(value: str) -> str:
    """Plain text → a BibTeX value body that :func:`decode` turns back into ``value``."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\textbackslash{}")
        elif ch in _SPECIALS:
            out.append("\\" + ch)
        else:
            out.append(ch)
    text = "".join(out)
    # Keep runs of hyphens from being read back as en/em dashes.
    return re.sub(r"-(?=-)", "-{}", text)
