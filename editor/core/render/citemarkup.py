"""In-text citation markup: numbering, range collapsing, locators, unresolved and malformed markers.

A cluster is rendered as (superscript)::

    <sup class="citation"><a href="#ref-a">1</a>-<a href="#ref-c">3</a>,<a href="#ref-e">5</a>(p12)</sup>

or (parentheses) ``<span class="citation">(<a ...>1</a>-<a ...>3</a>,…)</span>``. Items are
sorted by number and de-duplicated; three or more consecutive plain numbers collapse into a
range. An item with a locator, prefix or suffix stands on its own, as AMA prescribes (AMA
Manual of Style, 11th ed., 3.6, citing page numbers: the page goes in parentheses right after
the number, spaces closed up: ``3(p990)``, ``11(pp15-20),12-15``); the locator's form comes from the
CSL style when it has one (``Numbering.locator``). Aliases of one work share its number
and link to its one entry. A narrative ``@key`` prints the authors as AMA names them in
text ("Wilding", "Wilding and Batterham", "Wilding et al") before the number.

A key without a reference becomes ``<span class="citation-unresolved">[?key]</span>``; a
legacy ``missing-N`` key (a number an imported post cited without a reference) shows
``[?N]``; a malformed citation shows a neutral ``[?]`` whose tooltip says what is wrong.
Nothing is dropped and nothing is printed raw.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from editor.core.post.citation_locators import LOCATOR_TERMS, Locator
from editor.core.render.citations import TOKEN_CLOSE, TOKEN_OPEN, CiteMark, MarkItem
from editor.core.render.csl_quotes import finish_quotes, mark_quotes

DISPLAYS = ("superscript", "parentheses")
_MISSING = re.compile(r"missing-(\d+)$")
_OUTSIDE_PUNCTUATION = (".", ",")
_SPACES = re.compile(r"\s+")
_PLURAL = re.compile(r"[-\u2013,&]| and ")


def ama_locator(locator: Locator) -> str:
    """AMA's in-text locator: the short term without periods, closed up, in parentheses."""
    forms = LOCATOR_TERMS.get(locator.label, (locator.label,))
    short = forms[3 if _PLURAL.search(locator.value) and len(forms) > 3 else 2] if len(forms) > 2 else forms[0]
    return f"({escape(short.replace('.', ''))}{escape(locator.value)})"


@dataclass(frozen=True)
class Numbering:
    """What a render knows once the post is numbered."""

    numbers: Mapping[str, int]  # cited key → number; the aliases of one work share it
    display: str = "superscript"
    anchors: Mapping[str, str] = field(default_factory=dict)  # cited key → its entry's key (default: itself)
    names: Mapping[str, str] = field(default_factory=dict)  # cited key → authors in text, as HTML
    locator: Callable[[Locator], str] = ama_locator
    id_prefix: str = "ref-"


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


def malformed_html(mark: CiteMark) -> str:
    title = (f"Unfinished citation {mark.source.strip()}: it {mark.problem}. The website never shows it; "
             "fix it in the text.")
    return f'<span class="citation-malformed" title="{escape(title)}">[?]</span>'


def author_in_text(item: Mapping[str, Any]) -> str:
    """How AMA names a work in running text: "Wilding", "Wilding and Batterham", "Wilding et al";
    a group author by its name; a work with no author by its title (as escaped HTML)."""
    names = [n for n in (item.get("author") or item.get("editor") or []) if isinstance(n, Mapping)]
    written = [_surname(name) for name in names]
    written = [name for name in written if name]
    if not written:
        text = str(item.get("title") or item.get("container-title") or item.get("id") or "")
    elif len(written) == 1:
        text = written[0]
    elif len(written) == 2:
        text = f"{written[0]} and {written[1]}"
    else:
        text = f"{written[0]} et al"
    return escape(finish_quotes(mark_quotes(text)))  # O'Brien → O’Brien, as in the reference list


def _surname(name: Mapping[str, Any]) -> str:
    if name.get("literal"):
        return str(name["literal"])
    family = str(name.get("family") or name.get("given") or "")
    particle = str(name.get("non-dropping-particle") or "")
    return f"{particle} {family}".strip() if particle else family


def _entry(item: MarkItem, number: int, anchor: str, numbering: Numbering) -> str:
    text = _link(anchor, number, numbering.id_prefix)
    if item.locator is not None:
        text += numbering.locator(item.locator)
    if item.prefix:
        text = f"{item.prefix}\u00a0{text}"  # "see" never ends a line without its number
    if item.suffix:
        suffix = _SPACES.sub(" ", item.suffix)
        text += suffix if not suffix[:1].isalnum() else f", {suffix}"  # as Pandoc adds it
    return text


def citation_html(mark: CiteMark, numbering: Numbering) -> str:
    """Markup of one citation: a cluster, a narrative ``@key`` or a malformed citation."""
    if mark.problem:
        return (" " if mark.had_space else "") + malformed_html(mark)
    numbers, anchors = numbering.numbers, numbering.anchors
    if mark.narrative and mark.items[0].key not in numbers:
        return escape(mark.source)  # an unknown bare @name is text (a handle), as written
    plain: dict[int, str] = {}
    entries: list[tuple[int, str]] = []
    for item in sorted((i for i in mark.items if i.key in numbers), key=lambda i: numbers[i.key]):
        number, anchor = numbers[item.key], anchors.get(item.key, item.key)
        if item.locator is None and not item.prefix and not item.suffix:
            plain.setdefault(number, anchor)
            continue
        entry = _entry(item, number, anchor, numbering)
        if (number, entry) not in entries:
            entries.append((number, entry))
    for first, last in collapse(plain):
        link = _link(plain[first], first, numbering.id_prefix)
        entries.append((first, link if first == last else f"{link}-{_link(plain[last], last, numbering.id_prefix)}"))
    entries.sort(key=lambda entry: entry[0])
    out = []
    if entries:
        joined = ",".join(text for _, text in entries)
        if mark.narrative:
            name = numbering.names.get(mark.items[0].key, "")
            spacer = " " if numbering.display == "parentheses" else ""
            out.append(f'{name}{spacer}{_wrap(joined, numbering.display, False)}')
        else:
            out.append(_wrap(joined, numbering.display, mark.had_space))
    unresolved = list(dict.fromkeys(key for key in mark.keys if key not in numbers))
    if unresolved:
        lead = " " if mark.had_space and not entries else ""
        out.append(lead + "".join(unresolved_html(key) for key in unresolved))
    return "".join(out)


def _wrap(joined: str, display: str, had_space: bool) -> str:
    if display == "parentheses":
        return f'{" " if had_space else ""}<span class="citation">({joined})</span>'
    return f'<sup class="citation">{joined}</sup>'


def _link(key: str, number: int, id_prefix: str) -> str:
    return f'<a href="#{escape(id_prefix + key)}">{number}</a>'


def substitute(
    html: str,
    marks: tuple[CiteMark, ...],
    numbering: Numbering,
    memo: dict[CiteMark, str] | None = None,
) -> str:
    """Replace every token in ``html`` with the markup of the mark it indexes.

    ``memo`` (mark → markup) may be shared between calls with the same numbering.
    """
    if TOKEN_OPEN not in html:
        return html
    memo = {} if memo is None else memo
    pieces = html.split(TOKEN_OPEN)
    out = [pieces[0]]
    for piece in pieces[1:]:
        index, _, rest = piece.partition(TOKEN_CLOSE)
        if not index.isdigit() or int(index) >= len(marks):
            out.append(rest)  # not a token this section made; never print it
            continue
        mark = marks[int(index)]
        markup = memo.get(mark)
        if markup is None:
            markup = memo[mark] = citation_html(mark, numbering)
        if rest[:1] in _OUTSIDE_PUNCTUATION and markup.startswith("<sup") and markup.endswith("</sup>"):
            # AMA: superscript numbers go outside periods and commas ("placebo.¹"), inside colons
            # and semicolons; authors write "[@key]." before the period, as Pandoc expects.
            out.append(rest[:1])
            rest = rest[1:]
        out.append(markup)
        out.append(rest)
    return "".join(out)
