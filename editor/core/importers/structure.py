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
from editor.core.importers import boxes, citations, linebreaks
from editor.core.importers.blocks import Block, blocks_to_markdown, plain_text
from editor.core.importers.byline import chrome_reason, parse_byline
from editor.core.importers.model import AuthorBox, ImportedPost, ReferenceEntry, RelatedEntry, ReportLine
from editor.core.importers.pagemeta import merge_authors
from editor.core.importers.refentries import read_entry
from editor.core.importers.report import Report

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
    # Other copies of a reference list (sidebar, footer, print block): never read for citations.
    reference_copies: list[list[str]] = field(default_factory=list)
    report: list[ReportLine] = field(default_factory=list)  # what the reader already set aside
    byline: AuthorBox | None = None  # from a byline element of the page
    page_author: AuthorBox | None = None  # what the page declares (JSON-LD, meta, microdata)
    summary: str | None = None  # the excerpt printed under the title


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
    report = Report(list(extras.report))
    kept: list[Block] = []
    for block in linebreaks.normalize(blocks, report, label_kind):
        reason = None if block.is_heading else chrome_reason(plain_text(block.text))
        if is_chrome(block.text):
            report.add("dropped", block.text, "site chrome")
        elif linebreaks.is_placeholder(block.text):
            report.add("dropped", block.text, "chrome: the site builder's placeholder text")
        elif reason is not None and reason not in _HEADER_ONLY:
            report.add("dropped", block.text, f"chrome: {reason}")
        else:
            kept.append(block)
    blocks = kept
    title_index = _title_index(blocks, guessed_headings)
    title = extras.title
    banner = extras.banner
    lead: list[Block] = []
    if title_index is None and title:
        title_index = _repeated_title(blocks, title)
    if title_index is not None:
        title = plain_text(blocks[title_index].text)
        lead, blocks = blocks[:title_index], blocks[title_index + 1 :]
    header = _Header(report, extras.byline or extras.page_author)
    lead = header.take(lead, whole=True)
    blocks = header.take(blocks)
    if title:
        report.add("title", title)
    if banner:
        report.add("banner", banner)
    above = list(lead)  # what is not the banner stays in the body
    if banner is None:
        short = [b for b in lead if len(plain_text(b.text)) <= 200 and not b.text.lstrip().startswith(("-", "|", "!"))]
        chosen = next((b for b in short if _PROMO.search(b.text)), short[-1] if short else None)
        if chosen is not None:
            banner = plain_text(chosen.text)
            report.add("banner", banner, "a line above the title")
            above.remove(chosen)
    pieces = _split_end_matter(above + blocks)
    if not title:
        title = _title_from_name(source_name)
        warnings.append(f"No title found; used \u201c{title}\u201d from the file name.")
    end = _EndMatter(pieces, extras, warnings, report)
    body = end.body
    if not body and title_index is None:
        raise PostImportError(f"{source_name}: no article text found to import.")
    body = _normalize_levels(body)
    title, series_number = boxes.split_chapter(title)

    references = end.references
    markdown = blocks_to_markdown(body)
    keys = {entry.number: entry.key for entry in references}
    converted = citations.Conversion(text=citations.clean_input(markdown))
    if references or always_convert:
        top = max(keys, default=0)
        converted = citations.convert_citations(markdown, keys, limit=max(20, top + 10, 2 * top))
    cited = set(converted.cited)
    references = [read_entry(dataclasses.replace(entry, cited=entry.number in cited)) for entry in references]
    warnings.extend(_citation_warnings(references, converted.unresolved))
    return ImportedPost(
        title=title,
        body=converted.text,
        source_name=source_name,
        source_kind=source_kind,
        banner=banner,
        sections=[plain_text(block.text) for block in body if block.is_heading],
        citations=citations.count_citation_groups(converted.text),
        references=references,
        unresolved=converted.unresolved,
        author=merge_authors(end.author, extras.byline, header.author, extras.page_author),
        related=end.related,
        warnings=warnings,
        series_number=series_number,
        report=report.lines,
    )


_HEADER_ONLY = ("post date", "post time", "category list", "tag list", "section label", "count", "button", "byline")
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\([^)]*\)$")
_AVATAR_ALT = re.compile(r"^(?:(?:picture|photo|image|headshot|portrait)\s+of\s+|avatar\b)|^$", re.I)


class _Header:
    """The post's header: bylines, dates, read times and avatars around the title.

    Taken out from the start of a run of blocks while each is certainly one of them; the
    first block that is not ends the header (``whole``: every block above the title is
    looked at, what is not chrome stays for the banner and the body)."""

    def __init__(self, report: Report, known: AuthorBox | None = None) -> None:
        self.report = report
        self.known = known  # the author the page named elsewhere: their photo is an avatar
        self.author: AuthorBox | None = None

    def take(self, blocks: list[Block], whole: bool = False) -> list[Block]:
        kept: list[Block] = []
        for index, block in enumerate(blocks):
            if block.is_heading or not self._taken(block):
                if not whole:
                    return kept + blocks[index:]
                kept.append(block)
        return kept

    def _taken(self, block: Block) -> bool:
        text = plain_text(block.text)
        found = parse_byline(text, bare=True)
        if found is not None:
            self.author = self.author or found
            self.report.add("author", block.text, "byline")
            return True
        reason = chrome_reason(text, lead=True)
        image = _IMAGE.match(block.text.strip())
        if reason is None and image is not None:
            alt = image.group("alt").strip()
            names = {a.name.casefold() for a in (self.author, self.known) if a is not None}
            named = alt.casefold() in names
            reason = "avatar" if named or _AVATAR_ALT.search(alt) else None
        if reason is None:
            return False
        self.report.add("dropped", block.text, f"chrome: {reason}")
        return True


@dataclass
class _Piece:
    """A run of blocks: body text (``kind`` None) or an end-matter section under its heading."""

    kind: str | None
    blocks: list[Block]
    heading: Block | None = None


class _EndMatter:
    """Decides, section by section, what the end matter is; what is not certain stays in the body."""

    def __init__(self, pieces: list[_Piece], extras: Extras, warnings: list[str], report: Report) -> None:
        self.body: list[Block] = []
        self.references: list[ReferenceEntry] = []
        self.author: AuthorBox | None = None
        self.related: list[RelatedEntry] = []
        self._warnings = warnings
        self._report = report
        self._read_lists: list[list[ReferenceEntry]] = []
        for piece in pieces:
            self._take(piece)
        if not self._read_lists and extras.references:
            self._take_references(extras.references, None, "from the page")
        elif extras.references:
            self._take_references(extras.references, None, "a second list on the page")
        for copy in extras.reference_copies:
            self._take_references(copy, None, "a copy elsewhere on the page")
        if not self.author and extras.author:
            self._take_author(extras.author, None)
        if not self.related and extras.related:
            self._take_related(extras.related, None)

    def _take(self, piece: _Piece) -> None:
        texts = [block.text for block in piece.blocks]
        if piece.kind is None:
            self._keep(piece.blocks)
        elif piece.kind == "references":
            self._take_references(texts, piece, "")
        elif piece.kind == "author" and not self.author:
            self._take_author(texts, piece)
        elif piece.kind == "related" and not self.related:
            self._take_related(texts, piece)
        elif piece.kind == "chrome" and all(len(plain_text(text)) <= 120 for text in texts) and len(texts) <= 12:
            for text in [piece.heading.text if piece.heading else "", *texts]:
                if text:
                    self._report.add("dropped", text, "site chrome")
        else:
            self._back_to_body(piece, "kept: not certainly end matter")

    def _keep(self, blocks: list[Block], note: str = "") -> None:
        for block in blocks:
            self.body.append(block)
            self._report.add("body", block.text, note or ("heading" if block.is_heading else ""))

    def _back_to_body(self, piece: _Piece, note: str) -> None:
        self._keep(([piece.heading] if piece.heading else []) + piece.blocks, note)

    def _take_references(self, texts: list[str], piece: _Piece | None, where: str) -> None:
        found = citations.read_reference_list(texts)
        if self._read_lists and found.entries:
            first = {entry.text for entry in self._read_lists[0]}
            if all(entry.text in first for entry in found.entries):
                note = "repeated reference list" + (f" ({where})" if where else "")
                for entry in found.entries:
                    self._report.add("dropped", entry.text, note)
                if piece and piece.heading:
                    self._report.add("dropped", piece.heading.text, "heading of a repeated reference list")
                return
        if self._read_lists and piece is None and found.entries:
            # A different list elsewhere on the page (sidebar, footer): never read for citations.
            self._warnings.append("Another, different reference list on the page was not used; see the report.")
            for entry in found.entries:
                self._report.add("dropped", entry.text, "a different reference list elsewhere on the page, not used")
            return
        if not found.certain or self._read_lists:
            reason = "; ".join(found.problems) or ("a second, different reference list" if found.entries else "empty")
            self._warnings.append(f"A section headed like a reference list stayed in the body: {reason}.")
            if piece is None:
                piece = _Piece("references", [Block(text) for text in texts], Block("References", 2))
            self._back_to_body(piece, f"not a reference list: {reason}")
            return
        self._read_lists.append(found.entries)
        self.references = found.entries
        if piece and piece.heading:
            self._report.add("reference", piece.heading.text, "heading")
        for entry in found.entries:
            self._report.add("reference", f"{entry.number}. {entry.text}")
        for text in found.repeats:
            self._report.add("dropped", text, "the same entry listed twice")

    def _take_author(self, texts: list[str], piece: _Piece | None) -> None:
        for text in [t for t in texts if linebreaks.is_placeholder(t)]:
            self._report.add("dropped", text, "chrome: the site builder's placeholder text")
            texts = [t for t in texts if t != text]
        if not texts:
            return
        author = boxes.parse_author(texts)
        if author is None:
            self._warnings.append("An author box was found but no author name could be read from it.")
            if piece is not None:
                self._back_to_body(piece, "no author name could be read")
            else:
                self._keep([Block(text) for text in texts], "no author name could be read")
            return
        self.author = author
        if piece is not None and piece.heading is not None:
            self._report.add("author", piece.heading.text, "heading")
        for text in texts:
            self._report.add("author", text)

    def _take_related(self, texts: list[str], piece: _Piece | None) -> None:
        related = boxes.parse_related(texts)
        if not related:
            if piece is not None:
                self._back_to_body(piece, "no related posts could be read")
            return
        self.related = related
        labels = {entry.label for entry in related if entry.label}
        if piece is not None and piece.heading is not None:
            self._report.add("related", piece.heading.text, "heading")
        for text in texts:
            plain = plain_text(text)
            if plain in labels:
                self._report.add("related", text, "category label")
            elif any(entry.title in plain for entry in related):
                self._report.add("related", text)
            else:
                self._report.add("dropped", text, "another post's excerpt or link text")


def _repeated_title(blocks: list[Block], title: str) -> int | None:
    """The heading that repeats a title found elsewhere (an ``<h2>``/``<h3>`` post title)."""
    wanted = " ".join(title.split()).casefold()
    for index, block in enumerate(blocks[:8]):
        if block.is_heading and " ".join(plain_text(block.text).split()).casefold() == wanted:
            return index
    return None


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


def _split_end_matter(blocks: list[Block]) -> list[_Piece]:
    """Body runs and labelled end-matter sections, in order. A reference list ends at the
    next heading; an author box or related posts run to the next label (their cards have
    headings of their own)."""
    pieces: list[_Piece] = [_Piece(None, [])]
    for block in blocks:
        kind = label_kind(block.text) if block.is_heading else None
        current = pieces[-1]
        if kind is not None:
            pieces.append(_Piece(kind, [], block))
        elif block.is_heading and current.kind in ("references", "chrome"):
            pieces.append(_Piece(None, [block]))
        else:
            current.blocks.append(block)
    return [piece for piece in pieces if piece.blocks or piece.heading]


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
