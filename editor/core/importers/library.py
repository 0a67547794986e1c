"""Store an imported post in the library: references, author, images, related posts, post.

Everything for one file happens in one transaction, so a failure leaves the library as
it was. Online metadata lookups (``offline=False``) are made before the transaction, so
the database is never locked while waiting for the network.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.foundation.errors import LookupFailed, PostImportError, PostwrightError
from editor.core.foundation.limits import BATCH_SECONDS
from editor.core.importers.boxes import split_chapter
from editor.core.importers.citations import missing_key
from editor.core.importers.model import ImportedPost, ImportResult, ReferenceEntry, RelatedEntry
from editor.core.importers.refentries import entry_identifier, free_text_csl, is_bare_url, webpage_csl
from editor.core.post.model import Post
from editor.core.references.identifiers import Identifier

if TYPE_CHECKING:
    from editor.core.library import Library

_PROVISIONAL = re.compile(r"(?<=@)ref-(\d+)(?![\w-])")


def _prefetch(lib: Library, post: ImportedPost, offline: bool) -> dict[int, bool]:
    """Look entries up online before writing; maps entry number → whether the lookup worked."""
    if offline:
        return {}
    from editor.core.references.lookup import LookupBudget

    batch = LookupBudget(BATCH_SECONDS)  # each lookup also has its own, shorter deadline
    reached: dict[int, bool] = {}
    for entry in post.references:
        identifier = entry_identifier(entry)
        if identifier is None and entry.url:
            identifier = Identifier("url", entry.url)
        if identifier is None:
            continue
        if batch.deadline.expired:
            reached[entry.number] = False
            post.warnings.append(f"Reference {entry.number}: not looked up, the lookups for this post took "
                                 f"longer than {BATCH_SECONDS:g} seconds; kept offline.")
            continue
        try:
            lib.references.client.lookup(identifier, budget=batch)  # fills the library's HTTP cache
            reached[entry.number] = True
        except LookupFailed as failure:
            reached[entry.number] = False
            post.warnings.append(f"Reference {entry.number}: online lookup failed ({failure}); kept offline.")
    return reached


def _store_reference(lib: Library, entry: ReferenceEntry, online: bool) -> str:
    """Add one entry through the reference store; returns its citekey."""
    identifier = entry_identifier(entry)
    store = lib.references
    if identifier is not None:
        reference = store.add_identifier(str(identifier.value), offline=not online)
        if not is_bare_url(entry):
            parsed = free_text_csl(entry)
            if parsed.get("type") == "article-journal":  # fill what the identifier alone left empty
                reference = store.add(parsed).reference
        return reference.citekey
    if entry.url and online:
        return store.add_identifier(entry.url, offline=False).citekey
    if entry.url:
        return store.add(webpage_csl(entry)).reference.citekey
    return store.add(free_text_csl(entry)).reference.citekey


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
        value = match or entry.title
        if value not in out:
            out.append(value)
    return out


def prepare_post(lib: Library, imported: ImportedPost, reached: dict[int, bool] | None = None) -> Post:
    """The library post for ``imported``: references, images and authors stored, citations re-keyed.

    Writes those parts but not the post itself; call it inside the caller's transaction.
    """
    reached = reached or {}
    keys = {
        entry.number: _store_reference(lib, entry, reached.get(entry.number, False))
        for entry in imported.references
    }
    body = _rekey(imported.body, keys)
    for image in imported.images:
        asset_id = lib.assets.add(image.data, image.mime, image.filename)
        body = body.replace(f"({image.placeholder})", f"(asset:{asset_id})")
    post = imported.to_post().replace(body=body, related=_related(lib, imported.related))
    if imported.author is not None:
        author = lib.authors.find_or_create(
            imported.author.name, credentials=imported.author.credentials, bio=imported.author.bio
        )
        post = post.replace(author_id=author.id)
    if imported.reviewer is not None:
        reviewer = lib.authors.find_or_create(imported.reviewer.name, credentials=imported.reviewer.credentials)
        post = post.replace(reviewer_id=reviewer.id)
    return post


def store_import(lib: Library, imported: ImportedPost, *, offline: bool = True, source: str = "") -> ImportResult:
    """Write a parsed import into the library as a new post (never overwriting one)."""
    reached = _prefetch(lib, imported, offline)
    warnings = list(imported.warnings)
    try:
        with lib.transaction():
            created = lib.posts.create(prepare_post(lib, imported, reached), reason="import")
    except PostImportError:
        raise
    except PostwrightError as error:
        raise PostImportError(f"{imported.source_name}: not imported: {error}") from error
    return ImportResult(
        slug=created.slug,
        title=created.title,
        sections=len(imported.sections),
        citations=imported.citations,
        references=len(imported.references),
        unresolved=list(imported.unresolved),
        warnings=warnings,
        post_id=created.id,
        source=source or imported.source_name,
    )


def import_path(lib: Library, path: str | Path, *, offline: bool = True) -> ImportResult:
    """Import one file (text, web page, Word or Markdown) as a new post.

    The file is parsed in a child process bounded in time and memory (``bounded``)."""
    from editor.core.importers.bounded import parse_file_bounded

    imported = parse_file_bounded(path)
    return store_import(lib, imported, offline=offline, source=str(path))


def import_text(lib: Library, text: str, source_name: str = "pasted text", *, offline: bool = True) -> ImportResult:
    """Import text pasted into the "Import from text" dialog as a new post (parsed in a bounded child)."""
    from editor.core.importers.bounded import parse_text_bounded

    return store_import(lib, parse_text_bounded(text, source_name), offline=offline, source=source_name)
