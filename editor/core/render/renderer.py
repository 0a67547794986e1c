"""The incremental renderer shared by the preview and every export.

A post body is cut into *top-level sections* (the preamble, key ``"intro"``, and each
``#``/``##`` heading with its sub-sections, key = the heading's anchor). Each section's
Markdown is rendered once to sanitized HTML holding citation *tokens*, cached by its
text and heading anchors. A render then only

1. re-renders sections whose text changed (a one-character edit: one section),
2. numbers citations by a pass over the cached keys (order of first citation; a key and
   its aliases, which resolve to the same work, share one number and one entry),
3. substitutes numbers into sections whose numbers changed (string work, no Markdown),
4. formats reference entries through CSL (cached per item).

So moving a section renumbers everywhere without rendering any text again, and the
result is identical to rendering the same body with a fresh renderer.

DOM contract (shared with the preview): the body is ``<div id="post-body">`` holding one
``<section id="{key}" class="post-section">`` per top-level section (no heading for
``intro``); reference entries are ``<li id="ref-{citekey}">`` inside
``<ol id="reference-list" class="references">``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from html import escape
from itertools import chain
from typing import Any

import msgspec

from editor.core.post.blocks import front_matter_end
from editor.core.render.citations import CiteMark, strip_tokens
from editor.core.render.citemarkup import DISPLAYS, Numbering, author_in_text, substitute
from editor.core.render.csl import DEFAULT_STYLE, ReferenceFormatter
from editor.core.render.markdown_section import SectionConverter
from editor.core.render.patch import PreviewPatch
from editor.core.render.render_cache import SECTION, RenderCache
from editor.core.render.sanitize import PREVIEW_ASSET_PREFIX, rewrite_asset_urls
from editor.core.render.split import SectionSplitter, TopSection

Resolver = Callable[[Iterable[str]], Mapping[str, Mapping[str, Any]]]
ID_PREFIX = "ref-"
_CACHE_LIMIT = 4096  # cached sections kept beyond those of the latest render
# What a section's conversion depends on: its text, its sub-heading anchors, and whether it is the
# preamble (whose front matter is dropped). The preamble "---\n---\n" (empty front matter) and a
# later section "---\n---\n" (a setext heading titled "---") have the same text and anchors.
_SectionKey = tuple[str, tuple[tuple[int, str], ...], bool]


@dataclass(frozen=True)
class RenderedSection:
    key: str
    html: str  # the outer <section> element


@dataclass(frozen=True)
class RenderedPost:
    sections: tuple[RenderedSection, ...]
    references_html: str  # inner HTML of <ol id="reference-list">
    citation_order: tuple[str, ...]  # the cited works' keys (canonical); position + 1 is the number
    unresolved: tuple[str, ...]  # cited keys without a reference, in order
    display: str
    numbers: Mapping[str, int] = field(default_factory=dict)  # every cited key (aliases too) → its number
    malformed: tuple[str, ...] = ()  # malformed citations as written ("[@smith2020")
    names: Mapping[str, str] = field(default_factory=dict)  # cited key → its authors in text ("Wilding et al")

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(section.key for section in self.sections)

    @property
    def body_html(self) -> str:
        inner = "".join(section.html for section in self.sections)
        return f'<div id="post-body">{inner}</div>'

    @property
    def reference_list_html(self) -> str:
        return f'<ol id="reference-list" class="references">{self.references_html}</ol>'

    def section_html(self, key: str) -> str | None:
        for section in self.sections:
            if section.key == key:
                return section.html
        return None


@dataclass(frozen=True)
class _Rendered:
    html: str  # inner HTML with tokens
    marks: tuple[CiteMark, ...]  # what the tokens index
    keys: tuple[str, ...]  # cited keys in order of first citation in the section
    bracketed: frozenset[str]  # keys cited in [...] (a narrative @name with no reference is text)
    malformed: tuple[str, ...]


class IncrementalRenderer:
    """Renders post bodies, reusing the work of the previous render.

    Library images (``asset:<id>`` in Markdown) come out as ``<asset_prefix><id>``:
    ``postwright-asset:<id>`` by default, the preview's URL scheme; ``None`` keeps
    ``asset:<id>`` for exports to map. ``resolver(keys)`` returns ``{citekey: CSL-JSON item}`` for the keys it knows
    (e.g. ``lib.references.resolve_many``). Found items are cached; call
    :meth:`invalidate_references` after the reference library changes. With a ``cache`` (the
    preview's), sections and reference entries converted before — in an earlier process too — are
    read from it instead of converted again (``render_cache``).
    Not thread-safe: use one renderer per thread.
    """

    def __init__(
        self,
        resolver: Resolver,
        display: str = "superscript",
        style: str = DEFAULT_STYLE,
        asset_prefix: str | None = PREVIEW_ASSET_PREFIX,
        cache: RenderCache | None = None,
    ) -> None:
        if display not in DISPLAYS:
            raise ValueError(f"citation display must be one of {DISPLAYS}, not {display!r}")
        self._resolver = resolver
        self._asset_prefix = asset_prefix
        self.display = display
        self._cache = cache
        self._converted: dict[_SectionKey, _Rendered] = {}  # not yet in the cache
        self._formatter = ReferenceFormatter(style, cache)
        self._converter: SectionConverter | None = None  # made when a section is converted
        self._sections: dict[_SectionKey, _Rendered] = {}
        self._splitter = SectionSplitter()
        self._tops: list[TopSection] = []
        self._finals: dict[tuple[object, ...], str] = {}
        self._items: dict[str, Mapping[str, Any]] = {}
        self._missing: set[str] = set()
        self._references: tuple[tuple[str, ...], str] | None = None
        self._last: tuple[list[_Rendered], RenderedPost] | None = None
        self._memo: tuple[Numbering | None, dict[CiteMark, str]] = (None, {})
        self.sections_rendered = 0  # Markdown conversions so far (for tests and benchmarks)

    @property
    def style(self) -> str:
        return self._formatter.style_name

    @property
    def tops(self) -> list[TopSection]:
        """The top-level sections of the body last given to ``render`` or ``render_draft``."""
        return self._tops

    def set_style(self, style: str) -> None:
        if style != self.style:
            self._formatter = ReferenceFormatter(style, self._cache)
            self._references = None
            self._finals.clear()  # locators take the style's form
            self._last = None

    def set_display(self, display: str) -> None:
        if display not in DISPLAYS:
            raise ValueError(f"citation display must be one of {DISPLAYS}, not {display!r}")
        if display != self.display:
            self.display = display
            self._finals.clear()
            self._last = None

    def invalidate_references(self) -> None:
        """Forget resolved references (the library's references changed)."""
        self._items.clear()
        self._missing.clear()
        self._references = None
        self._finals.clear()
        self._last = None

    def render(self, body: str) -> RenderedPost:
        tops = self._splitter.split(strip_tokens(body))
        quick = self._render_quick(tops)
        if quick is not None:
            return quick
        self._tops = tops
        return self._render_tops(tops, remember=True)

    def render_draft(self, body: str, chars: int) -> RenderedPost:
        """A draft of ``body`` for a preview to show while the rest renders: the top-level
        sections that cover its first ``chars`` characters (all of them if ``chars`` reaches
        the end), numbered as in the whole post, with an empty reference list.

        The renderer keeps the sections it converted, so the following ``render(body)``
        converts nothing again, and ``patch_since(draft, whole)`` brings the page from the
        draft to the whole post: the sections the draft lacked, and the reference list.
        """
        tops = self._splitter.split(strip_tokens(body))
        covered = count = 0
        while count < len(tops) and covered < chars:
            covered += len(tops[count].text)
            count += 1
        self._tops = tops
        self._last = None  # the splitter has moved on to ``body``: no quick path from an older render
        return self._render_tops(tops[:count], remember=False)

    def _render_tops(self, tops: list[TopSection], *, remember: bool) -> RenderedPost:
        if self._cache is not None:
            self._read_cached(tops)
        rendered = [self._render_section(top) for top in tops]
        if self._converted:
            self._write_cached()
        cited = dict.fromkeys(chain.from_iterable(part.keys for part in rendered))
        self._resolve(cited)
        numbering = self._numbering(cited)
        order = tuple(dict.fromkeys(numbering.anchors[key] for key in cited if key in numbering.numbers))
        bracketed = frozenset(chain.from_iterable(part.bracketed for part in rendered))
        unresolved = tuple(key for key in cited if key not in numbering.numbers and key in bracketed)
        finals = {}
        sections = []
        for top, part in zip(tops, rendered, strict=True):
            signature = _signature(top, part, numbering)
            html = self._finals.get(signature)
            if html is None:
                html = self._wrap(top.key, part, numbering)
            finals[signature] = html
            sections.append(RenderedSection(top.key, html))
        references = self._reference_list(order) if remember else ""
        malformed = tuple(chain.from_iterable(part.malformed for part in rendered))
        result = RenderedPost(tuple(sections), references, order, unresolved, self.display,
                              numbering.numbers, malformed, numbering.names)
        if remember:
            self._finals = finals
            self._last = (rendered, result)
        else:
            self._finals.update(finals)
        return result

    def _numbering(self, cited: Iterable[str]) -> Numbering:
        """Numbers by first citation of each work: an alias resolves to its work's canonical key."""
        anchors: dict[str, str] = {}
        numbers: dict[str, int] = {}
        by_work: dict[str, int] = {}
        names: dict[str, str] = {}
        for key in cited:
            item = self._items.get(key)
            if item is None:
                continue
            work = str(item.get("id") or key)
            anchors[key] = work
            numbers[key] = by_work.setdefault(work, len(by_work) + 1)
            names[key] = author_in_text(item)
        return Numbering(numbers, self.display, anchors, names, self._formatter.locator_html, ID_PREFIX)

    def _render_quick(self, tops: list[TopSection]) -> RenderedPost | None:
        """The common keystroke: same headings, same citations in the edited sections.

        Sections before and after the edited region are the previous render's objects,
        and numbering and the unresolved keys cannot change, so only the edited sections
        are touched. "Same citations" is the same keys *and* the same bracketed ones: a key
        without a reference is unresolved only where it is cited in brackets.
        """
        kept = self._splitter.kept
        if kept is None or self._last is None:
            return None
        parts, previous = self._last
        prefix, suffix = kept
        middle = tops[prefix : len(tops) - suffix]
        new_parts = [self._render_section(top) for top in middle]
        old_parts = parts[prefix : len(parts) - suffix]
        if [_citations(part) for part in new_parts] != [_citations(part) for part in old_parts]:
            return None
        numbering = self._numbering_of(previous)
        new_sections = []
        for top, part in zip(middle, new_parts, strict=True):
            signature = _signature(top, part, numbering)
            html = self._finals.get(signature)
            if html is None:
                if len(self._finals) > _CACHE_LIMIT:
                    self._finals.clear()
                html = self._finals[signature] = self._wrap(top.key, part, numbering)
            new_sections.append(RenderedSection(top.key, html))
        self._tops = tops
        sections = previous.sections
        parts = parts[:prefix] + new_parts + parts[len(parts) - suffix :]
        result = replace(
            previous,
            sections=sections[:prefix] + tuple(new_sections) + sections[len(sections) - suffix :],
            malformed=tuple(chain.from_iterable(part.malformed for part in parts)),
        )
        self._last = (parts, result)
        return result

    def _numbering_of(self, rendered: RenderedPost) -> Numbering:
        """The numbering of an earlier render (for a keystroke that changed no citation)."""
        if self._memo[0] is not None and self._memo[0].numbers is rendered.numbers:
            return self._memo[0]
        return self._numbering(rendered.numbers)

    def _wrap(self, key: str, part: _Rendered, numbering: Numbering) -> str:
        if self._memo[0] is not numbering:
            self._memo = (numbering, {})
        inner = substitute(part.html, part.marks, numbering, self._memo[1])
        if self._asset_prefix is not None and "asset:" in inner:
            inner = rewrite_asset_urls(inner, self._asset_prefix)
        return f'<section id="{escape(key)}" class="post-section">{inner}</section>'

    def patch_since(self, previous: RenderedPost | None, current: RenderedPost | str) -> PreviewPatch:
        """What changed from ``previous`` to ``current`` (a render, or a body to render)."""
        if isinstance(current, str):
            current = self.render(current)
        before = {section.key: section.html for section in previous.sections} if previous else {}
        changed = {
            section.key: section.html
            for section in current.sections
            if before.get(section.key) != section.html
        }
        references = None
        if previous is None or previous.references_html != current.references_html:
            references = current.references_html
        reordered = previous is not None and tuple(previous.keys) != tuple(current.keys)
        return PreviewPatch(order=current.keys, changed=changed, references_html=references, reordered=reordered)

    def _render_section(self, top: TopSection) -> _Rendered:
        cache_key = _section_key(top)
        part = self._sections.get(cache_key)
        if part is None:
            # Front matter at the top of a body is metadata, not content (see post.blocks).
            text = top.text[front_matter_end(top.text) :] if cache_key[2] else top.text
            if self._converter is None:
                self._converter = SectionConverter()
            html, marks = self._converter.convert_with_marks(text, top.anchors)
            self.sections_rendered += 1
            keys = tuple(dict.fromkeys(key for mark in marks if not mark.problem for key in mark.keys))
            bracketed = frozenset(key for mark in marks if not mark.narrative for key in mark.keys)
            malformed = tuple(mark.source for mark in marks if mark.problem)
            part = _Rendered(html, marks, keys, bracketed, malformed)
            if self._cache is not None:
                self._converted[cache_key] = part
            if len(self._sections) > _CACHE_LIMIT:
                used = {_section_key(other) for other in self._tops}
                self._sections = {k: v for k, v in self._sections.items() if k in used}
            self._sections[cache_key] = part
        return part

    def _read_cached(self, tops: list[TopSection]) -> None:
        """Sections converted in an earlier session (or another window), put where a conversion would go."""
        assert self._cache is not None
        keys = (_section_key(top) for top in tops)
        missing = {self._disk_key(key): key for key in keys if key not in self._sections}
        for disk_key, value in self._cache.get(missing).items():
            self._sections[missing[disk_key]] = msgspec.json.decode(value, type=_Rendered)

    def _write_cached(self) -> None:
        assert self._cache is not None
        self._cache.put({self._disk_key(key): msgspec.json.encode(part) for key, part in self._converted.items()})
        self._converted.clear()

    def _disk_key(self, key: _SectionKey) -> str:
        assert self._cache is not None
        return self._cache.key(SECTION, *key)

    def _resolve(self, keys: Iterable[str]) -> None:
        wanted = [key for key in keys if key not in self._items and key not in self._missing]
        wanted = [key for key in wanted if not key.startswith("missing-")]
        if not wanted:
            return
        found = self._resolver(wanted) or {}
        for key in wanted:
            item = found.get(key)
            if item:
                self._items[key] = item
            else:
                self._missing.add(key)

    def _reference_list(self, order: tuple[str, ...]) -> str:
        if self._references is not None and self._references[0] == order:
            return self._references[1]
        works = {str(item.get("id") or key): item for key, item in self._items.items()}
        entries = self._formatter.format({key: works[key] for key in order})
        html = "".join(
            f'<li id="{escape(ID_PREFIX + key)}">{entries[key]}</li>' for key in order
        )
        self._references = (order, html)
        return html


def _section_key(top: TopSection) -> _SectionKey:
    return top.text, top.anchors, top.key == "intro"


def _citations(part: _Rendered) -> tuple[tuple[str, ...], frozenset[str]]:
    """What of a section's citations the post-wide results (numbering, unresolved keys) depend on."""
    return part.keys, part.bracketed


def _signature(top: TopSection, part: _Rendered, numbering: Numbering) -> tuple[object, ...]:
    """What a section's final HTML depends on: its HTML with tokens, their marks, their numbers."""
    return (top.key, part.html, part.marks, tuple(map(numbering.numbers.get, part.keys)),
            tuple(map(numbering.anchors.get, part.keys)))


def render_post(
    body: str,
    resolver: Resolver,
    display: str = "superscript",
    style: str = DEFAULT_STYLE,
    asset_prefix: str | None = PREVIEW_ASSET_PREFIX,
) -> RenderedPost:
    """One full render with a fresh renderer (exports, tests)."""
    return IncrementalRenderer(resolver, display, style, asset_prefix).render(body)
