"""The LaTeX in BibTeX values: decoded by pylatexenc, encoded so that it decodes back.

BibTeX values carry accents (``{\\"o}``), escaped specials (``\\&``), dashes (``--``),
case-protecting braces and the odd macro (``\\emph{...}``); pylatexenc turns them into
text. Two guards keep that from losing text: a bare ``%`` (a LaTeX comment, but in a
reference manager's export just a per cent sign) is read as ``\\%``, and a value nested
deeper than any real one is read without its braces instead of recursing.
"""

from __future__ import annotations

import re
from functools import cache

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexwalker import LatexWalkerError

MAX_DEPTH = 32  # brace nesting; real values use two or three
MAX_LATEX_CHARS = 100_000  # a value longer than any real abstract is unescaped, not parsed as LaTeX
_MARKUP = re.compile(r"[\\{}$~^%]|--|``|''|[?!]`|<<|>>|,,")
_SPECIALS = {"&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "_": "\\_", "{": "\\{", "}": "\\}",
             "\\": "\\textbackslash{}", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}"}
_BARE_PERCENT = re.compile(r"(?<!\\)%")
# Character pairs LaTeX reads as one ligature: "--", "``", "''", "?`", "!`", "<<", ">>", ",,".
_LIGATURE = re.compile(r"(?<=[-`'?!<>,])(?=[-`'<>,])|(?<=[?!])(?=`)")
_PLAIN_ESCAPE = re.compile(r"\\([&%$#_{}])|[{}\\]")


@cache
def _converter() -> LatexNodes2Text:
    context = get_default_latex_context_db()  # a fresh database each call: ours to extend
    context.add_context_category("bibtex", prepend=True, macros=[
        MacroTextSpec("textasciicircum", simplify_repl="^"),  # pylatexenc gives the modifier letter
        MacroTextSpec("url", simplify_repl="%(1)s"),  # the address itself, not "<address>"
    ])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim", strict_latex_spaces=True)


def decode(value: str) -> str:
    """BibTeX value → plain text: ``{\\"o}`` → ö, ``\\&`` → &, ``--`` → –, case-protecting braces removed.

    Text without LaTeX (most values) is taken as it is: pylatexenc reads about 50,000 characters a
    second, so a 2 MB field took over a minute. A value over ``MAX_LATEX_CHARS`` with markup in it
    keeps every character, its braces and backslash escapes simply removed.
    """
    if not _MARKUP.search(value):
        return " ".join(value.split())
    text = _BARE_PERCENT.sub(r"\\%", value)
    if _depth(text) > MAX_DEPTH or len(text) > MAX_LATEX_CHARS:
        plain = _PLAIN_ESCAPE.sub(lambda m: m.group(1) or "", text)
    else:
        try:
            plain = _converter().latex_to_text(text)
        except (LatexWalkerError, RecursionError):
            plain = _PLAIN_ESCAPE.sub(lambda m: m.group(1) or "", text)
    return " ".join(plain.split())


def encode(value: str) -> str:
    """Plain text → a BibTeX value body that :func:`decode` turns back into ``value``."""
    text = "".join(_SPECIALS.get(char, char) for char in value)
    return _LIGATURE.sub("{}", text)


def _depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth = max(0, depth - 1)
    return deepest
