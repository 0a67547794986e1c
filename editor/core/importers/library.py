"""Store an imported post in the library: references, author, images, related posts, post.

Everything for one file happens in one transaction, so a failure leaves the library as
it was. Online metadata lookups (``offline=False``) are made before the transaction, so
the database is never locked while waiting for the network.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import LookupFailed, PostAlreadyImported, PostImportError, PostwrightError
from editor.core.foundation.limits import BATCH_SECONDS
from editor.core.importers.boxes import split_chapter
from editor.core.importers.citations import missing_key
from editor.core.importers.model import ImportedPost, ImportResult, ReferenceEntry, RelatedEntry
from editor.core.importers.refentries import entry_identifier, read_entry
from editor.core.importers.report import prose_words
from editor.core.media.image_refs import apply_edits, target_edits
from editor.core.post.model import Post
from editor.core.post.slugs import slugify
from editor.core.references.identifiers import Identifier

if TYPE_CHECKING:
    from editor.core.library import Library
    from editor.core.references.matching import Suggestion

_PROVISIONAL = re.compile(r"(?<=@)ref-(\d+)(?![\w-])")


@dataclass
class _Online:
    """What the lookups made before the transaction found: for each entry number, whether
    its identifier's lookup worked, and a suggested match for an entry without one."""

    reached: dict[int, bool] = field(default_factory=dict)
    suggestions: dict[int, Suggestion] = field(default_factory=dict)


def _prefetch(lib: Library, post: ImportedPost, offline: bool) -> _Online:
    """Look entries up online before writing (all under one batch deadline)."""
    online = _Online()
    if offline:
        return online
    from editor.core.references.lookup import LookupBudget
    from editor.core.references.matching import best_match

    batch = LookupBudget(BATCH_SECONDS)  # each lookup also has its own, shorter deadline
    client = lib.references.client
    for entry in post.references:
        identifier = entry_identifier(entry)
        if identifier is None and entry.url:
            identifier = Identifier("url", entry.url)
        parsed = entry.csl or {}
        if identifier is None and not parsed.get("title"):
            continue
        if batch.deadline.expired:
            online.reached[entry.number] = False
            post.warnings.append(f"Reference {entry.number}: not looked up, the lookups for this post took "
                                 f"longer than {BATCH_SECONDS:g} seconds; kept offline.")
            continue
        try:
            if identifier is None:  # no identifier: ask Crossref which work it is, as a suggestion
                found = best_match(client, parsed, entry.text, budget=batch.narrowed(client.deadline))
                if found is not None:
                    online.suggestions[entry.number] = found
                continue
            client.lookup(identifier, budget=batch)  # fills the library's HTTP cache
            online.reached[entry.number] = True
        except LookupFailed as failure:
            online.reached[entry.number] = False
            post.warnings.append(f"Reference {entry.number}: online lookup failed ({failure}); kept offline.")
    return online


PARSED = "parsed fully"
NEEDS_REVIEW = "needs review"
MATCHED_ONLINE = "matched online"


def _store_reference(
    lib: Library, entry: ReferenceEntry, online: bool, suggestion: Suggestion | None = None
) -> tuple[str, bool, dict[str, Any]]:
    """Add one entry through the reference store; returns its citekey, whether it was
    already in the library (the store merges the same work, so a re-import adds nothing)
    and its line of the report (status, problems)."""
    entry = entry if entry.csl is not None else read_entry(entry)
    parsed = dict(entry.csl or {})
    identifier = entry_identifier(entry)
    if identifier is None and entry.url and online:
        identifier = Identifier("url", entry.url)
    store = lib.references
    problems = list(entry.problems)
    status = NEEDS_REVIEW if problems else PARSED
    readable = bool(parsed.get("title") or parsed.get("author"))
    if identifier is not None and (online or not readable):
        result = store.add_identifier_with_status(str(identifier.value), offline=not online)
        reference, merged = result.reference, result.merged
        if online and not reference.incomplete:
            status, problems = MATCHED_ONLINE, []
        if readable:  # fill what the lookup left empty; the looked-up values win
            reference = store.add(parsed).reference
        elif not online:
            status, problems = NEEDS_REVIEW, ["only an identifier: import with online lookup to complete it"]
    else:
        added = store.add(parsed)
        reference, merged = added.reference, added.merged
    line: dict[str, Any] = {"number": entry.number, "key": reference.citekey, "status": status,
                            "problems": problems, "text": entry.text}
    if suggestion is not None:
        line["suggestion"] = {"doi": suggestion.doi, "score": round(suggestion.score, 1),
                              "citation": suggestion.citation(),
                              "accept": f"postwright refs accept {reference.citekey} {suggestion.doi}"}
    return reference.citekey, merged, line


def _rekey(body: str, keys: dict[int, str]) -> str:
    return _PROVISIONAL.sub(lambda m: keys.get(int(m.group(1)), missing_key(int(m.group(1)))), body)


def _normal_title(title: str) -> str:
    return re.sub(r"[^\w]+", " ", split_chapter(title)[0].casefold()).strip()


def _related(lib: Library, entries: list[RelatedEntry]) -> list[str]:
    """Slugs of library posts matching the entries' titles (or URL slugs); titles otherwise."""
    if not entries:
        return []
    summaries = lib.posts.list()
    by_title = {_normal_title(s.title): s.slug for s in summaries}
    slugs = {s.slug for s in summaries}
    out: list[str] = []
    for entry in entries:
        tail = (entry.url or "").rstrip("/").rsplit("/", 1)[-1]
        match = (
            (entry.title if entry.title in slugs else None)
            or by_title.get(_normal_title(entry.title))
            or (tail if tail in slugs else None)
        )
        value = match or entry.display
        if value not in out:
            out.append(value)
    return out


def prepare_post(lib: Library, imported: ImportedPost) -> Post:
    """The library post for ``imported``: references, images and authors stored, citations re-keyed.

    Writes those parts but not the post itself; call it inside the caller's transaction.
    """
    return _prepare(lib, imported, _Online())[0]


def _prepare(lib: Library, imported: ImportedPost, online: _Online) -> tuple[Post, int, int, list[dict[str, Any]]]:
    """``prepare_post`` with how many references were created, how many were already known,
    and each reference's line of the report."""
    keys: dict[int, str] = {}
    created = matched = 0
    status: list[dict[str, Any]] = []
    for entry in imported.references:
        keys[entry.number], known, line = _store_reference(
            lib, entry, online.reached.get(entry.number, False), online.suggestions.get(entry.number))
        status.append(line)
        matched += known
        created += not known
    body = _rekey(imported.body, keys)
    stored = {image.placeholder: lib.assets.add(image.data, image.mime, image.filename) for image in imported.images}
    if stored:
        body = apply_edits(body, target_edits(body, lambda ref: f"asset:{stored[ref.target]}"
                                              if ref.target in stored else None))
    post = imported.to_post().replace(body=body, related=_related(lib, imported.related))
    if imported.author is not None:
        author = lib.authors.find_or_create(
            imported.author.name, credentials=imported.author.credentials, bio=imported.author.bio
        )
        post = post.replace(author_id=author.id)
    if imported.reviewer is not None:
        reviewer = lib.authors.find_or_create(imported.reviewer.name, credentials=imported.reviewer.credentials)
        post = post.replace(reviewer_id=reviewer.id)
    return post, created, matched, status


def find_existing(lib: Library, imported: ImportedPost) -> Post | None:
    """The live post an earlier import of this source made: same slug and title."""
    base = imported.post
    slug = slugify(base.slug) if base is not None and base.slug else slugify(imported.title)
    title = imported.title.strip().casefold()
    same = [
        summary.slug
        for summary in lib.posts.list()  # the covering index: no bodies are read
        if summary.title.strip().casefold() == title
        and (not slug or summary.slug == slug or summary.slug.startswith(f"{slug}-"))
    ]
    if not same:
        return None
    return lib.posts.get(slug if slug in same else same[-1])  # the exact slug, else the oldest edited


def store_import(
    lib: Library, imported: ImportedPost, *, offline: bool = True, source: str = "", update: bool | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """Write a parsed import into the library; online (``offline=False``), its references are looked up and
    its web pictures fetched first (``cancel`` stops that, nothing imported).

    When the source was imported before (a live post with its slug and title), ``update``
    decides: ``None`` raises :class:`PostAlreadyImported` so the caller can ask, ``True``
    updates that post (a new revision; the author's own settings such as showing the banner
    are kept), ``False`` imports a second copy. Nothing else is ever overwritten.
    """
    existing = find_existing(lib, imported) if update is not False else None
    if existing is not None and update is None:
        raise PostAlreadyImported(
            f"{imported.source_name}: already imported as \u201c{existing.title}\u201d ({existing.slug}).",
            slug=existing.slug, title=existing.title,
        )
    online = _prefetch(lib, imported, offline)
    if not offline:  # the person allowed going online: the post's web pictures come in too
        from editor.core.importers.web_pictures import fetch_web_pictures

        fetch_web_pictures(imported, cancel=cancel)
    warnings = list(imported.warnings)
    byline: str | None = None
    try:
        with lib.transaction():
            post, created_refs, matched_refs, reference_status = _prepare(lib, imported, online)
            if imported.author is not None and post.author_id is not None:
                byline = lib.authors.get(post.author_id).display_name
            if existing is not None:
                current = lib.posts.get_by_id(existing.id or 0)
                changed = _updated(current, post)
                saved = current if changed == current else lib.posts.save(changed, reason="import")
            else:
                saved = lib.posts.create(post, reason="import")
    except PostImportError:
        raise
    except PostwrightError as error:
        raise PostImportError(f"{imported.source_name}: not imported: {error}") from error
    return ImportResult(
        slug=saved.slug,
        title=saved.title,
        sections=len(imported.sections),
        citations=imported.citations,
        references=len(imported.references),
        unresolved=list(imported.unresolved),
        warnings=warnings,
        post_id=saved.id,
        source=source or imported.source_name,
        references_created=created_refs,
        references_matched=matched_refs,
        updated=existing is not None,
        report=[line.as_dict() for line in imported.report],
        author=byline,
        reference_status=reference_status,
        words=prose_words(saved.body),
    )


def _updated(stored: Post, imported: Post) -> Post:
    """The stored post with the imported content; its identity, status and the author's
    display choices stay."""
    return stored.replace(
        title=imported.title,
        body=imported.body,
        banner=imported.banner,
        related=imported.related,
        series_number=imported.series_number if imported.series_number is not None else stored.series_number,
        author_id=imported.author_id or stored.author_id,
        reviewer_id=imported.reviewer_id or stored.reviewer_id,
    )


def import_path(
    lib: Library, path: str | Path, *, offline: bool = True, update: bool | None = None,
    cancel: threading.Event | None = None,
) -> ImportResult:
    """Import one file (text, web page, Word or Markdown); ``update`` as in :func:`store_import`.

    The file is parsed in a child process bounded in time and memory (``bounded``); setting
    ``cancel`` stops it at once (``ImportCancelled``, nothing imported)."""
    from editor.core.importers.bounded import parse_file_bounded

    imported = parse_file_bounded(path, cancel=cancel)
    return store_import(lib, imported, offline=offline, source=str(path), update=update, cancel=cancel)


def import_text(
    lib: Library, text: str, source_name: str = "pasted text", *, offline: bool = True, update: bool | None = None
) -> ImportResult:
    """Import pasted text (parsed in a bounded child); ``update`` as in :func:`store_import`."""
    from editor.core.importers.bounded import parse_text_bounded

    return store_import(
        lib, parse_text_bounded(text, source_name), offline=offline, source=source_name, update=update
    )
