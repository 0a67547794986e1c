"""Read a post's structure from its blocks: chrome, banner, title, sections, end matter.

The reading is the same for every source: site chrome ("Skip to main content") is
dropped, a line above the title becomes the banner, headings after the title become
``##`` sections, and the end matter (References, Author, "You Might Also Enjoy...")
is taken out of the body and parsed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from editor.core.foundation.errors import PostImportError
from editor.core.importers import boxes, citations
from editor.core.importers.blocks import Block, blocks_to_markdown, plain_text
from editor.core.importers.model import ImportedPost, ReferenceEntry, RelatedEntry

_CHROME = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?(?:content|navigation|main)|skip\s+navigation|jump\s+to\s+content|"
    r"(?:main\s+)?menu|toggle\s+navigation|open\s+menu|close\s+menu|search|home|back\s+to\s+(?:top|blog)|"
    r"share(?:\s+this(?:\s+(?:post|article))?)?(?:\s+on\s+\w+)?|tweet|print(?:\s+this\s+page)?|"
    r"previous\s+(?:post|article)|next\s+(?:post|article)|leave\s+a\s+(?:comment|reply)|"
    r"accept(?:\s+all)?(?:\s+cookies)?|we\s+use\s+cookies.*|this\s+(?:site|website)\s+uses\s+cookies.*|"
    r"(?:\u00a9|copyright|\(c\)).*|all\s+rights\s+reserved.*|powered\s+by\s+\w+.*|"
    r"home\s*[>/\u00bb\u203a|].{0,100}|(?:posted|published|updated)\s+(?:on\s+)?\w+\.?\s+\d{1,2},?\s+\d{4}.{0,60})$",
    re.I,
)
_END_LABELS = {
    "references": re.compile(
        r"^(?:references?|sources?|citations?|bibliography|works\s+cited|literature\s+cited|"
        r"footnotes|notes|research\s+cited)$",
        re.I,
    ),
    "author": re.compile(
        r"^(?:authors?|about\s+the\s+authors?|about\s+the\s+writer|meet\s+the\s+author|author\s+bio|"
        r"written\s+by)$",
        re.I,
    ),
    "related": re.compile(
        r"^(?:you\s+(?:might|may)\s+also\s+(?:enjoy|like)|related\s+(?:posts?|articles?|reading|stories)|"
        r"more\s+(?:posts?|articles?|to\s+read)|read\s+next|recommended(?:\s+reading)?|keep\s+reading)$",
        re.I,
    ),
    "chrome": re.compile(
        r"^(?:leave\s+a\s+(?:comment|reply)|comments?|share\s+this(?:\s+\w+)?|recent\s+posts|categories|tags|"
        r"subscribe|newsletter|contact\s+us|follow\s+us)$",
        re.I,
    ),
}
_PROMO = re.compile(
    r"\b(?:book|schedule|call|consultation|appointment|offer|discount|sale|free|limited\s+time|"
    r"new\s+patients|now\s+accepting|sign\s+up|subscribe|register|enroll|holiday|hours|%\s*off)\b",
    re.I,
)


def label_kind(text: str) -> str | None:
    """The end-matter section a heading opens ("references", "author"...), if any."""
    cleaned = plain_text(text).strip().rstrip(".:!\u2026 ").strip()
    for kind, pattern in _END_LABELS.items():
        if pattern.match(cleaned):
            return kind
    return None


def is_chrome(text: str) -> bool:
    cleaned = plain_text(text)
    return len(cleaned) <= 120 and bool(_CHROME.match(cleaned))


@dataclass
class Extras:
    """End matter or banner a reader found outside the main text (e.g. in the page's DOM)."""

    title: str | None = None
    banner: str | None = None
    author: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


def build_post(
    blocks: list[Block],
    *,
    source_name: str,
    source_kind: str,
    extras: Extras | None = None,
    guessed_headings: bool = False,
    always_convert: bool = True,
) -> ImportedPost:
    """Assemble an :class:`ImportedPost` from blocks; raise if there is nothing to import."""
    extras = extras or Extras()
    warnings: list[str] = []
    blocks = [block for block in blocks if not is_chrome(block.text)]
    title_index = _title_index(blocks, guessed_headings)
    title = extras.title
    banner = extras.banner
    lead: list[Block] = []
    if title_index is not None:
        title = plain_text(blocks[title_index].text)
        lead, blocks = blocks[:title_index], blocks[title_index + 1 :]
    for block in lead:
        text = plain_text(block.text)
        if banner is None and len(text) <= 200:
            banner = text
        else:
            warnings.append(f"Dropped text above the title: \u201c{_short(text)}\u201d.")
    body, ends = _split_end_matter(blocks)
    if not title:
        title = _title_from_name(source_name)
        warnings.append(f"No title found; used \u201c{title}\u201d from the file name.")
    if not body and title_index is None:
        raise PostImportError(f"{source_name}: no article text found to import.")
    body = _normalize_levels(body)
    title, series_number = boxes.split_chapter(title)

    references = citations.parse_reference_list(ends["references"] or extras.references, warnings)
    markdown = blocks_to_markdown(body)
    keys = {entry.number: entry.key for entry in references}
    converted = citations.Conversion(text=citations.clean_input(markdown))
    if references or always_convert:
        top = max(keys, default=0)
        converted = citations.convert_citations(markdown, keys, limit=max(20, top + 10, 2 * top))
    cited = set(converted.cited)
    references = [dataclasses.replace(entry, cited=entry.number in cited) for entry in references]
    warnings.extend(_citation_warnings(references, converted.unresolved))

    author = boxes.parse_author(ends["author"] or extras.author) if (ends["author"] or extras.author) else None
    if (ends["author"] or extras.author) and author is None:
        warnings.append("An author box was found but no author name could be read from it.")
    related: list[RelatedEntry] = boxes.parse_related(ends["related"] or extras.related)
    return ImportedPost(
        title=title,
        body=converted.text,
        source_name=source_name,
        source_kind=source_kind,
        banner=banner,
        sections=[plain_text(block.text) for block in body if block.is_heading],
        citations=converted.groups,
        references=references,
        unresolved=converted.unresolved,
        author=author,
        related=related,
        warnings=warnings,
        series_number=series_number,
    )


def _title_index(blocks: list[Block], guessed: bool) -> int | None:
    for index, block in enumerate(blocks):
        if block.level == 1:
            return index
        if block.is_heading and label_kind(block.text):
            break
    if not guessed:
        return None
    headings = [i for i, block in enumerate(blocks) if block.is_heading and not label_kind(block.text)]
    if not headings:
        return None
    first = headings[0]
    if (
        len(headings) > 1
        and headings[1] == first + 1
        and _PROMO.search(blocks[first].text)
        and not _PROMO.search(blocks[first + 1].text)
    ):
        return first + 1  # a promotional line above the title is the site banner
    return first


def _split_end_matter(blocks: list[Block]) -> tuple[list[Block], dict[str, list[str]]]:
    ends: dict[str, list[str]] = {"references": [], "author": [], "related": [], "chrome": []}
    body: list[Block] = []
    current: str | None = None
    for block in blocks:
        kind = label_kind(block.text) if block.is_heading else None
        if kind is not None:
            current = kind
            continue
        if current is None:
            body.append(block)
        else:
            ends[current].append(block.text)
    return body, ends


def _normalize_levels(body: list[Block]) -> list[Block]:
    """Shift headings so the top level in the body is ``##`` (the title is the page's h1)."""
    levels = [block.level for block in body if block.is_heading]
    if not levels:
        return body
    shift = 2 - min(levels)
    return [Block(block.text, min(6, block.level + shift)) if block.is_heading else block for block in body]


def _citation_warnings(references: list[ReferenceEntry], unresolved: list[int]) -> list[str]:
    warnings = [
        f"Citation {number} has no entry in the reference list; kept as [@{citations.missing_key(number)}]."
        for number in unresolved
    ]
    warnings.extend(
        f"Reference {entry.number} is listed but never cited in the text." for entry in references if not entry.cited
    )
    return warnings


def _title_from_name(source_name: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source_name.replace("\\", "/").rsplit("/", 1)[-1])
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else "Imported post"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
