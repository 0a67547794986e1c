"""Citations and references: every citation resolves, every listed reference is cited.

A post's citations are Pandoc citations read by the one grammar the renderer uses
(:mod:`editor.core.post.citation_syntax`: ``[@key]``, ``[see @a, p. 3; @b]``, a bare
``@key`` when the key is a reference) and, in posts pasted from older sites, numbers
(``(9)``, ``[9]``, ``<sup>9</sup>``). The importer writes ``[@missing-N]`` for a cited
number that had no reference; that is reported as ``citation-number-missing`` with the
number N. A citation the grammar cannot read (``[@key`` with no ``]``, ``[@]``) is
``citation-malformed``; a bare ``@smith2020`` that names no reference is printed as text,
which ``citation-bare-unknown`` points out when it looks like a citation key.

References "attached" to a post are the entries of a reference list in its body: a
section headed References, Sources, Bibliography, Works cited (or a line with only
that word, as in pasted text), numbered (``1.``, ``[1]``) or bulleted. An entry is
cited when its number is cited, or when a key it carries (``[@key]`` in the entry)
is cited directly or through another key of the same library reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from editor.core.checks.base import Check, quote
from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import ERROR, INFO, WARNING, Finding
from editor.core.checks.scan import Citation, NumericCitation, RefEntry
from editor.core.references.completeness import FIELD_LABELS, missing_fields, same_work
from editor.core.references.normalize import date_year

_KEY_LIKE = re.compile(r"[A-Za-z][\w-]*(?:19|20)\d\d[a-z]?")

MISSING_PREFIX = "missing-"


def _citations(ctx: CheckContext) -> Iterator[tuple[Part, Citation]]:
    """Every citation the page numbers: bracketed ones, and bare ``@key`` naming a reference."""
    for part in ctx.parts:
        for citation in part.analysis.scan.citations:
            if not citation.narrative or citation.key in ctx.resolved:
                yield part, citation


def cited_keys(ctx: CheckContext) -> list[str]:
    """The keys the checks count as cited, in text order (repeats kept): what the page numbers."""
    return [citation.key for _, citation in _citations(ctx)]


def _numeric(ctx: CheckContext) -> Iterator[tuple[Part, NumericCitation]]:
    for part in ctx.parts:
        for citation in part.analysis.scan.numeric:
            yield part, citation


def _entries(ctx: CheckContext) -> Iterator[tuple[Part, RefEntry]]:
    for part in ctx.parts:
        for entry in part.analysis.scan.entries:
            yield part, entry


def _missing_number(key: str) -> int | None:
    if key.startswith(MISSING_PREFIX) and key[len(MISSING_PREFIX):].isdigit():
        return int(key[len(MISSING_PREFIX):])
    return None


def _first_uses(ctx: CheckContext) -> dict[str, tuple[Part, Citation]]:
    """Each cited work's first cited key → where it is first cited.

    A key and its aliases (merged or renamed keys) resolve to one work, which the page numbers
    and lists once, so the work is reported once, under the key first cited."""
    first: dict[str, tuple[Part, Citation]] = {}
    works: set[str] = set()
    for part, citation in _citations(ctx):
        item = ctx.resolved.get(citation.key)
        if item is None:
            continue
        work = str(item.get("id") or citation.key)
        if work not in works:
            works.add(work)
            first[citation.key] = (part, citation)
    return first


def _ranges(numbers: list[int]) -> str:
    if not numbers:
        return "none"
    spans: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(spans)


class CitationNumberMissing(Check):
    code = "citation-number-missing"
    severity = ERROR
    description = "A numbered citation whose reference is not in the reference list."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        listed = sorted({entry.number for _, entry in _entries(ctx)})
        listed_set = set(listed)
        for part, cite in _numeric(ctx):
            for number in cite.numbers:
                if number in listed_set:
                    continue
                if listed:
                    where = f"the reference list has no entry {number} (it lists {_ranges(listed)})"
                else:
                    where = "the post has no numbered reference list"
                yield self.at(ctx, part, cite.start,
                              f"Citation {quote(cite.text)} refers to reference {number}, but {where}. Add the "
                              "missing reference, or replace the number with a library citation [@key].",
                              f"{number}")
        for part, citation in _citations(ctx):
            missing = _missing_number(citation.key)
            if missing is not None:
                yield self.at(ctx, part, citation.start,
                              f"Citation [@{citation.key}] marks reference {missing}, which the original post cited "
                              "but never listed. Find that source, add it to the library and cite its key here, "
                              "or remove the claim.", f"{missing}")


class CitationUnresolved(Check):
    code = "citation-unresolved"
    severity = ERROR
    description = "A citation key with no reference in the library."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        resolved = ctx.resolved
        for part, citation in _citations(ctx):
            if citation.key in resolved or _missing_number(citation.key) is not None:
                continue
            yield self.at(ctx, part, citation.start,
                          f"Citation @{citation.key} matches no reference in the library. Import or add the "
                          "reference (refs import / refs add), or correct the key.", citation.key)


class CitationMalformed(Check):
    code = "citation-malformed"
    severity = ERROR
    description = "A citation that cannot be read: no closing ], an empty key, a part without a key."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for part in ctx.parts:
            for broken in part.analysis.scan.malformed:
                yield self.at(ctx, part, broken.start,
                              f"Citation {quote(broken.text)} {broken.explanation}, so it cannot be numbered and the "
                              "website would not show it. Write it as [@key] or [@key1; @key2] (a page as "
                              "[@key, p. 3]).", broken.text)


class CitationBareUnknown(Check):
    code = "citation-bare-unknown"
    severity = WARNING
    description = "A bare @key that looks like a citation but names no reference, so it is printed as text."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for part in ctx.parts:
            for citation in part.analysis.scan.citations:
                if citation.narrative and citation.key not in ctx.resolved and _KEY_LIKE.fullmatch(citation.key):
                    yield self.at(ctx, part, citation.start,
                                  f"@{citation.key} looks like a citation, but no reference in the library has this "
                                  "key, so the page prints it as written. Correct the key, add the reference, or "
                                  "write \\@ if the at-sign is meant.", citation.key)


class ReferenceUncited(Check):
    code = "reference-uncited"
    severity = WARNING
    description = "A reference listed in the post that nothing in the text cites."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        entries = list(_entries(ctx))
        if not entries:
            return
        numbers = {n for _, cite in _numeric(ctx) for n in cite.numbers}
        keys = {c.key for _, c in _citations(ctx)}
        canonical = {ctx.resolved[k].get("id", k) for k in keys if k in ctx.resolved}
        for part, entry in entries:
            if entry.number in numbers and (entry.numbered or not keys):
                continue
            if any(k in keys or ctx.resolved.get(k, {}).get("id", k) in canonical for k in entry.keys):
                continue
            how = "[@key]" if keys or not numbers else f"({entry.number})"
            yield self.at(ctx, part, entry.start,
                          f"Reference {entry.number} ({quote(entry.text, 50)}) is listed but nothing in the text "
                          f"cites it. Cite it as {how} where it supports a statement, or remove it from the list.",
                          entry.text)


class ReferenceIncomplete(Check):
    code = "reference-incomplete"
    severity = WARNING
    description = "A cited reference missing what its citation style needs."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for key, (part, citation) in _first_uses(ctx).items():
            missing = missing_fields(ctx.resolved[key])
            if missing:
                labels = ", ".join(FIELD_LABELS.get(f, f) for f in missing)
                yield self.at(ctx, part, citation.start,
                              f"Reference @{key} lacks its {labels}, so the citation cannot be formatted fully. "
                              "Complete it in the reference library.", f"{key} {labels}")


class ReferenceDuplicate(Check):
    code = "reference-duplicate"
    severity = WARNING
    description = "Two cited keys that are the same work."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        uses = list(_first_uses(ctx).items())
        items: list[tuple[str, dict[str, Any]]] = [(key, ctx.resolved[key]) for key, _ in uses]
        for index, (key, (part, citation)) in enumerate(uses):
            csl = items[index][1]
            for earlier, earlier_csl in items[:index]:
                if same_work(earlier_csl, csl):
                    yield self.at(ctx, part, citation.start,
                                  f"@{key} and @{earlier} are the same work. Cite one key throughout (merge the two "
                                  "in the reference library so the bibliography lists it once).",
                                  f"{earlier} {key}")
                    break


class ReferenceStale(Check):
    code = "reference-stale"
    severity = INFO
    description = "A cited source older than 10 years."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        years = ctx.settings.stale_years
        for key, (part, citation) in _first_uses(ctx).items():
            year = date_year(ctx.resolved[key].get("issued"))
            if year is not None and ctx.today.year - year > years:
                yield self.at(ctx, part, citation.start,
                              f"@{key} was published in {year}, more than {years} years ago. Check whether newer "
                              "evidence or guidelines replace it.", key)
