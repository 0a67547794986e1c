"""In-text citation markup: numbering, range collapsing, unresolved markers, tokens.

A citation group is rendered as (superscript)::

    <sup class="citation"><a href="#ref-a">1</a>-<a href="#ref-c">3</a>,<a href="#ref-e">5</a></sup>

or (parentheses) ``<span class="citation">(<a ...>1</a>-<a ...>3</a>,<a ...>5</a>)</span>``.
Numbers are sorted, de-duplicated, and three or more consecutive numbers collapse into a
range. A key without a reference becomes ``<span class="citation-unresolved">[?key]</span>``;
a legacy ``missing-N`` key (a number an imported post cited without a reference) shows
``[?N]``. Nothing is dropped.

The incremental renderer caches section HTML with *tokens* in place of citations
(``\\ue000`` + ``s``/``n`` (a space preceded it or not) + ``a;b`` + ``\\ue001``); the
private-use delimiters cannot come from a post (the renderer strips them from input)
and pass through escaping and sanitizing untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from html import escape

DISPLAYS = ("superscript", "parentheses")
TOKEN_OPEN, TOKEN_CLOSE = "\ue000", "\ue001"
TOKEN_RE = re.compile("\ue000([sn])([^\ue001]*)\ue001")
_MISSING = re.compile(r"missing-(\d+)$")
_OUTSIDE_PUNCTUATION = (".", ",")


def make_token(keys: Iterable[str], had_space: bool) -> str:
    return f"{TOKEN_OPEN}{'s' if had_space else 'n'}{';'.join(keys)}{TOKEN_CLOSE}"


def token_keys(html: str) -> list[str]:
    """Every cited key in ``html``'s tokens, in order (repeats kept)."""
    keys: list[str] = []
    for match in TOKEN_RE.finditer(html):
        keys.extend(match.group(2).split(";"))
    return keys


def collapse(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """``[5, 1, 2, 3, 3]`` → ``[(1, 3), (5, 5)]``; a pair stays two single numbers."""
    ordered = sorted(set(numbers))
    runs: list[tuple[int, int]] = []
    for number in ordered:
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    result: list[tuple[int, int]] = []
    for first, last in runs:
        if last - first == 1:
            result.extend([(first, first), (last, last)])
        else:
            result.append((first, last))
    return result


def unresolved_html(key: str) -> str:
    missing = _MISSING.match(key)
    if missing:
        number = missing.group(1)
        return (
            f'<span class="citation-unresolved" title="Reference {number} of the original '
            f'post has no entry in the library">[?{number}]</span>'
        )
    return (
        '<span class="citation-unresolved" title="No reference in the library has this key">'
        f"[?{escape(key)}]</span>"
    )


def citation_html(
    keys: Iterable[str],
    numbers: Mapping[str, int],
    display: str,
    had_space: bool,
    id_prefix: str = "ref-",
) -> str:
    """Markup of one citation group; ``numbers`` holds only the resolved keys."""
    keys = list(keys)
    by_number = {numbers[key]: key for key in reversed(keys) if key in numbers}
    parts = []
    for first, last in collapse(by_number):
        link = _link(by_number[first], first, id_prefix)
        parts.append(link if first == last else f"{link}-{_link(by_number[last], last, id_prefix)}")
    unresolved = []
    for key in keys:
        if key not in numbers and key not in unresolved:
            unresolved.append(key)
    out = []
    if parts:
        joined = ",".join(parts)
        if display == "parentheses":
            out.append(f'{" " if had_space else ""}<span class="citation">({joined})</span>')
        else:
            out.append(f'<sup class="citation">{joined}</sup>')
    if unresolved:
        lead = " " if had_space and not parts else ""
        out.append(lead + "".join(unresolved_html(key) for key in unresolved))
    return "".join(out)


def _link(key: str, number: int, id_prefix: str) -> str:
    return f'<a href="#{escape(id_prefix + key)}">{number}</a>'


def substitute(
    html: str,
    numbers: Mapping[str, int],
    display: str,
    id_prefix: str = "ref-",
    memo: dict[str, str] | None = None,
) -> str:
    """Replace every token in ``html`` with its citation markup.

    ``memo`` (token → markup) may be shared between calls with the same numbers.
    """
    if TOKEN_OPEN not in html:
        return html
    memo = {} if memo is None else memo
    pieces = html.split(TOKEN_OPEN)
    out = [pieces[0]]
    for piece in pieces[1:]:
        token, _, rest = piece.partition(TOKEN_CLOSE)
        markup = memo.get(token)
        if markup is None:
            markup = memo[token] = citation_html(token[1:].split(";"), numbers, display, token[:1] == "s", id_prefix)
        if rest[:1] in _OUTSIDE_PUNCTUATION and markup.startswith("<sup") and markup.endswith("</sup>"):
            # AMA: superscript numbers go outside periods and commas ("placebo.¹"), inside colons
            # and semicolons; authors write "[@key]." before the period, as Pandoc expects.
            out.append(rest[:1])
            rest = rest[1:]
        out.append(markup)
        out.append(rest)
    return "".join(out)
