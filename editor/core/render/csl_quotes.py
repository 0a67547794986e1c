"""Quotes and apostrophes in reference fields, as citeproc-js gives them.

citeproc-js reads straight quotes in a field as quote *markup* and prints the locale's
typographic quotes (``CSL.Util.FlipFlopper.processTags``; checked against citeproc-js 1.4.61
by the fixture in ``tests/core/render/expected/``): ``'so-called'`` and ``"so-called"`` are
both quotations; the first form met in a field is the outer one (“…”), the other the inner
one (‘…’), and a quotation inside a quotation flips. An apostrophe — a ``'`` followed by a
letter (``O'Brien``, ``'90s``, ``rock'n'roll``) or one that closes nothing (``students'``) —
becomes ’. A quote that is never closed stays as written (``6'2"``). Inline markup
(``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``, nocase/nodecor spans) nests with the quotes,
so a quote opened inside ``<i>`` cannot close outside it.

:func:`mark_quotes` puts private-use markers where the quotes go; the entry is formatted by
citeproc-py with the markers in it, then :func:`finish_quotes` moves a following period or
comma inside a closing quote (the en-US locale's ``punctuation-in-quote``, as citeproc-js
does) and turns the markers into the locale's quotes.
"""

from __future__ import annotations

import re

OPEN_OUTER, CLOSE_OUTER, OPEN_INNER, CLOSE_INNER = "\ue011", "\ue012", "\ue013", "\ue014"
MARKERS = OPEN_OUTER + CLOSE_OUTER + OPEN_INNER + CLOSE_INNER
_QUOTES = {OPEN_OUTER: "\u201c", CLOSE_OUTER: "\u201d", OPEN_INNER: "\u2018", CLOSE_INNER: "\u2019"}

_FORMAT_TAGS = {  # opener → closer of the markup citeproc-js nests with quotes
    '<span class="nocase">': "</span>", '<span class="nodecor">': "</span>",
    '<span style="font-variant:small-caps;">': "</span>", "<sc>": "</sc>", "<i>": "</i>", "<b>": "</b>",
    "<sup>": "</sup>", "<sub>": "</sub>",
}
_QUOTE_OPENERS = {' "': '"', " '": "'", '("': '"', "('": "'", "\u201c": "\u201d", "\u2018": "\u2019"}
_OPENERS = {**_FORMAT_TAGS, **_QUOTE_OPENERS}
_CLOSERS = dict.fromkeys(_OPENERS.values())
_TAG = re.compile("|".join(re.escape(tag) for tag in [*_OPENERS, *_CLOSERS]))
_LETTER = (  # citeproc-js's CSL.ROMANESQUE_REGEXP
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff\u1f00-\u1fff"
    "\u0600-\u06ff\u200c\u200d\u200e\u0218\u0219\u021a\u021b\u202a-\u202e]"
)
_CURLY_APOSTROPHE = re.compile(f"({_LETTER})\u2019({_LETTER})")
_APOSTROPHE_BEFORE = re.compile(r"[^,.?:; ]")
_STRAIGHT_OPENERS = (' "', " '", '("', "('")
_PUNCTUATION_IN_QUOTE = re.compile(f"([{CLOSE_OUTER}{CLOSE_INNER}])((?:</(?:i|b|span|sup|sub)>)*)([.,])")


def _is_quote(tag: str) -> bool:
    return tag in _QUOTE_OPENERS or tag in ('"', "'", "\u201d", "\u2019")


def mark_quotes(text: str) -> str:
    """``text`` with its quotes as markers and its apostrophes as ’ (see the module docstring)."""
    if "'" not in text and '"' not in text and "\u2018" not in text and "\u201c" not in text \
            and "\u2019" not in text:
        return text
    leading_space = text.startswith(" ") and not re.match(r"^\s+['\"]", text)
    source = " " + _CURLY_APOSTROPHE.sub(r"\1'\2", text)
    tags = _TAG.findall(source)
    if not tags:
        return text
    strings = _TAG.split(source)
    forced = _forced_spaces(tags, strings)
    _resolve_nesting(tags, strings, forced)
    for index in range(len(tags) - 1, -1, -1):  # drop the neutralised tags, joining their strings
        if not tags[index]:
            strings[index] += strings[index + 1]
            del tags[index], strings[index + 1]
    outer = _outer_forms(tags)
    for index, tag in enumerate(tags):
        if tag in _STRAIGHT_OPENERS and not forced.get(index - 1):
            strings[index] += tag[0]  # the space or "(" that came with the quote
    out = _render(tags, strings, outer)
    out = out[1:] if out.startswith(" ") else out
    out = out[1:] if out.startswith(" ") else out  # citeproc-js trims up to two leading spaces
    return (" " + out) if leading_space else out


def _forced_spaces(tags: list[str], strings: list[str]) -> dict[int, bool]:
    """A bare quote right after an opening tag opens a quotation (``<i>'word'`` → `` '``).

    citeproc-js records one flag per opening tag and later reads them by tag position;
    this keeps that indexing so the result is the same."""
    flags: list[bool] = []
    for index in range(len(tags) - 1):
        if tags[index] in _OPENERS:
            if strings[index + 1] == "" and tags[index + 1] in ('"', "'"):
                tags[index + 1] = " " + tags[index + 1]
                flags.append(True)
            else:
                flags.append(False)
    return dict(enumerate(flags))


def _resolve_nesting(tags: list[str], strings: list[str], forced: dict[int, bool]) -> None:
    """Match openers with closers; an unmatched tag is put back as text, a stray ' as ’."""
    stack: list[tuple[str, int]] = []  # (closer expected, tag position)
    for index, tag in enumerate(tags):
        following = strings[index + 1]
        if tag == "'" and following and _APOSTROPHE_BEFORE.match(following):
            strings[index + 1] = "\u2019" + following
            tags[index] = ""
            continue
        if tag == " '" and following.startswith(" "):
            strings[index + 1] = " \u2019" + following
            tags[index] = ""
            continue
        if tag in _OPENERS:
            stack.append((_OPENERS[tag], index))
            continue
        failed = True
        while True:
            if stack and stack[-1][0] == tag:
                opened = stack.pop()[1]
                if tags[opened] == '<span class="nocase">':
                    tags[opened] = tags[index] = ""  # citeproc-js drops a nocase span once it has used it
                failed = False
                break
            fix = stack[-1][1] if stack else index
            if tag == "'":
                strings[index + 1] = "\u2019" + strings[index + 1]
                tags[index] = ""
            else:
                failed_tag = tags[fix]
                if forced.get(fix - 1):
                    failed_tag = failed_tag[1:]
                strings[fix + 1] = failed_tag + strings[fix + 1]
                tags[fix] = ""
            if stack and tag != "'":
                stack.pop()
                continue
            break
        if failed and tags[index]:
            strings[index + 1] = tags[index] + strings[index + 1]
            tags[index] = ""
    for _closer, position in reversed(stack):  # openers never closed
        if tags[position] in (" '", "'"):
            strings[position + 1] = " \u2019" + strings[position + 1]
        else:
            strings[position + 1] = tags[position] + strings[position + 1]
        tags[position] = ""


def _outer_forms(tags: list[str]) -> dict[str, bool]:
    """Which quote openers print as outer quotes: the form (single or double) of the field's
    first straight quote, and “ (citeproc-js shares one setting between ``"`` and ``("``)."""
    single_outer = next((tag[1] == "'" for tag in tags if tag in _STRAIGHT_OPENERS), False)
    return {' "': not single_outer, '("': not single_outer, " '": single_outer, "('": single_outer,
            "\u201c": True, "\u2018": False}


def _render(tags: list[str], strings: list[str], outer: dict[str, bool]) -> str:
    """Strings and tags back to text, quotes as markers; a quotation inside another flips."""
    out = [strings[0]]
    quotes: list[bool] = []  # True: the open quotation prints as outer quotes
    for index, tag in enumerate(tags):
        if tag in _QUOTE_OPENERS:
            is_outer = (not quotes[-1]) if quotes else outer[tag]
            quotes.append(is_outer)
            out.append(OPEN_OUTER if is_outer else OPEN_INNER)
        elif _is_quote(tag):
            out.append(CLOSE_OUTER if quotes.pop() else CLOSE_INNER)
        else:
            out.append(tag)
        out.append(strings[index + 1])
    return "".join(out)


def finish_quotes(html: str) -> str:
    """Move ``.``/``,`` inside a closing quote (``punctuation-in-quote``); markers → “ ” ‘ ’."""
    if not any(marker in html for marker in MARKERS):
        return html
    html = _PUNCTUATION_IN_QUOTE.sub(r"\3\1\2", html)
    return "".join(_QUOTES.get(char, char) for char in html)
