"""The reference library: one CSL-JSON item per work, shared by every post.

Each reference is a row of ``refs``: its citekey, the CSL-JSON item, and normalized
identifiers in indexed columns, so duplicates are found with one indexed query. A new
item that is the same work as an existing one merges into it (filling empty fields, the
existing citekey kept); keys merged or renamed away stay in ``ref_aliases`` and keep
resolving. ``refs_fts`` is kept in step for search.
"""

from __future__ import annotations

import builtins
import json
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.core.foundation import limits
from editor.core.foundation.errors import (
    IdentifierError,
    LookupCancelled,
    LookupFailed,
    NotFoundError,
    ReferenceImportError,
    ValidationError,
)
from editor.core.foundation.input_paths import check_source
from editor.core.foundation.limits import LOOKUP_SECONDS
from editor.core.foundation.suggest import end_of_not_found
from editor.core.foundation.timeutil import utc_now
from editor.core.references.citekeys import base_key, is_valid_citekey, unique_key
from editor.core.references.completeness import identifies_a_work, is_incomplete, same_work
from editor.core.references.identifiers import parse_identifier
from editor.core.references.merge import fill_empty, identifier_stem, seed_from_identifier
from editor.core.references.model import AddResult, IdentifierResult, ImportReport, Reference
from editor.core.references.normalize import (
    CSL_TYPES,
    DATE_FIELDS,
    NAME_FIELDS,
    STRING_FIELDS,
    clean_csl,
    date_year,
    name_to_text,
    normalize_doi,
    normalize_pmcid,
    normalize_pmid,
    normalize_title,
    normalize_url,
)

if TYPE_CHECKING:
    from editor.core.foundation.storage import Storage
    from editor.core.references.lookup import MetadataClient
    from editor.core.references.parsers import ParseResult

_COLUMNS = "id, citekey, csl, doi, pmid, pmcid, url, incomplete, created_at, updated_at"


def identity(csl: dict[str, Any]) -> dict[str, Any]:
    """The indexed columns of an item: normalized identifiers, title and year."""
    return {
        "doi": normalize_doi(csl.get("DOI")),
        "pmid": normalize_pmid(csl.get("PMID")) if csl.get("PMID") else None,
        "pmcid": normalize_pmcid(csl.get("PMCID")) if csl.get("PMCID") else None,
        "url": normalize_url(csl.get("URL")),
        "title_norm": normalize_title(csl.get("title")) or None,
        "year": date_year(csl.get("issued")),
    }


def _row_to_reference(row: Sequence[Any]) -> Reference:
    return Reference(
        id=row[0], citekey=row[1], csl=json.loads(row[2]), doi=row[3], pmid=row[4], pmcid=row[5],
        url=row[6], incomplete=bool(row[7]), created_at=row[8] or "", updated_at=row[9] or "",
    )


class ReferenceStore:
    """``lib.references``: add, import, look up, edit and export the library's references."""

    def __init__(self, library: Storage, client: MetadataClient | None = None) -> None:
        self.library = library
        self._client = client

    # -- reading -----------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Reference]:
        return [_row_to_reference(row) for row in self.library.db.execute(sql, list(params)).fetchall()]

    def canonical_key(self, key: str) -> str | None:
        """The citekey ``key`` names now (itself, or where an alias points), or None."""
        db = self.library.db
        if db.execute("SELECT 1 FROM refs WHERE citekey = ?", [key]).fetchone():
            return key
        row = db.execute("SELECT citekey FROM ref_aliases WHERE alias = ?", [key]).fetchone()
        return row[0] if row else None

    def get(self, key: str) -> Reference | None:
        """The reference cited as ``key`` (following aliases of merged or renamed keys)."""
        found = self._query(f"SELECT {_COLUMNS} FROM refs WHERE citekey = ?", [key])
        if not found:
            found = self._query(
                f"SELECT {_COLUMNS} FROM refs WHERE citekey = (SELECT citekey FROM ref_aliases WHERE alias = ?)",
                [key],
            )
        return found[0] if found else None

    def require(self, key: str) -> Reference:
        reference = self.get(key)
        if reference is None:
            keys = [row[0] for row in self.library.db.execute("SELECT citekey FROM refs UNION SELECT alias FROM "
                                                                 "ref_aliases")]
            raise NotFoundError(f"No reference with the key '{key}' in the library{end_of_not_found(key, keys)}")
        return reference

    def resolve_many(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Each key found → its CSL item (``id`` = canonical citekey); unknown keys are left out."""
        wanted = list(dict.fromkeys(keys))
        db = self.library.db
        result = {citekey: json.loads(csl)
                  for citekey, csl in db.select_in("SELECT citekey, csl FROM refs WHERE citekey IN ({marks})", wanted)}
        missing = [key for key in wanted if key not in result]
        rows = db.select_in("SELECT a.alias, r.csl FROM ref_aliases a JOIN refs r ON r.citekey = a.citekey "
                            "WHERE a.alias IN ({marks})", missing)
        result.update((alias, json.loads(csl)) for alias, csl in rows)
        return result

    def list(self) -> list[Reference]:
        """All references, by citekey."""
        return self._query(f"SELECT {_COLUMNS} FROM refs ORDER BY citekey")

    def search(self, query: str) -> builtins.list[Reference]:
        """Full-text search over citekeys, titles, authors and journals (words as prefixes)."""
        words = [w.replace('"', '""') for w in query.split() if w.strip('"')]
        if not words:
            return []
        match = " ".join(f'"{w}"*' for w in words)
        return self._query(
            f"SELECT {', '.join('r.' + c.strip() for c in _COLUMNS.split(','))} FROM refs_fts f "
            "JOIN refs r ON r.id = f.rowid WHERE refs_fts MATCH ? ORDER BY f.rank", [match],
        )

    def find_same(self, csl: dict[str, Any]) -> Reference | None:
        """The existing reference that is the same work as ``csl``, if any."""
        ident = identity(csl)
        clauses, params = [], []
        for column in ("doi", "pmid", "pmcid", "url"):
            if ident[column]:
                clauses.append(f"{column} = ?")
                params.append(ident[column])
        if ident["title_norm"] and ident["year"] is not None:
            clauses.append("(title_norm = ? AND year = ?)")
            params += [ident["title_norm"], ident["year"]]
        if not clauses:
            return None
        for candidate in self._query(f"SELECT {_COLUMNS} FROM refs WHERE {' OR '.join(clauses)} ORDER BY id", params):
            if same_work(candidate.csl, csl):
                return candidate
        return None

    # -- writing -----------------------------------------------------------------
    def _taken(self, key: str) -> bool:
        return self.canonical_key(key) is not None

    def _write(self, reference_id: int | None, citekey: str, csl: dict[str, Any], *, created: str = "") -> Reference:
        csl = {"id": citekey, **{k: v for k, v in csl.items() if k != "id"}}
        ident = identity(csl)
        now = utc_now()
        values = [citekey, json.dumps(csl, ensure_ascii=False), ident["doi"], ident["pmid"], ident["pmcid"],
                  ident["url"], ident["title_norm"], ident["year"], int(is_incomplete(csl)), now]
        db = self.library.db
        if reference_id is None:
            cursor = db.execute(
                "INSERT INTO refs (citekey, csl, doi, pmid, pmcid, url, title_norm, year, incomplete, "
                "updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [*values, now],
            )
            reference_id, created = cursor.lastrowid, now
        else:
            db.execute(
                "UPDATE refs SET citekey = ?, csl = ?, doi = ?, pmid = ?, pmcid = ?, url = ?, title_norm = ?, "
                "year = ?, incomplete = ?, updated_at = ? WHERE id = ?", [*values, reference_id],
            )
            db.execute("DELETE FROM refs_fts WHERE rowid = ?", [reference_id])
        self._index(reference_id, citekey, csl)
        return Reference(citekey=citekey, csl=csl, doi=ident["doi"], pmid=ident["pmid"], pmcid=ident["pmcid"],
                         url=ident["url"], incomplete=is_incomplete(csl), id=reference_id,
                         created_at=created, updated_at=now)

    def _index(self, reference_id: int | None, citekey: str, csl: dict[str, Any]) -> None:
        authors = "; ".join(name_to_text(n) for n in csl.get("author", []) + csl.get("editor", []))
        self.library.db.execute(
            "INSERT INTO refs_fts (rowid, citekey, title, authors, container) VALUES (?, ?, ?, ?, ?)",
            [reference_id, citekey, str(csl.get("title", "")), authors, str(csl.get("container-title", ""))],
        )

    def rebuild_search_index(self) -> None:
        """Fill ``refs_fts`` anew from ``refs`` (a recovered library); a damaged item stays unsearchable."""
        db = self.library.db
        db.execute("DELETE FROM refs_fts")
        for reference_id, citekey, encoded in db.execute("SELECT id, citekey, csl FROM refs").fetchall():
            try:
                self._index(reference_id, citekey, json.loads(encoded))
            except (ValueError, TypeError, AttributeError):
                continue

    def _add_alias(self, alias: str, citekey: str) -> None:
        if alias != citekey and is_valid_citekey(alias) and not self._taken(alias):
            self.library.db.execute("INSERT INTO ref_aliases (alias, citekey) VALUES (?, ?)", [alias, citekey])

    def _add(self, csl: dict[str, Any]) -> AddResult:
        item = clean_csl(csl)
        if not identifies_a_work(item):
            raise ValidationError("A reference needs at least a title or an identifier (DOI, PMID, PMCID or URL).")
        wanted = item.get("id", "")
        existing = self.find_same(item)
        if existing is not None:
            merged, changed = fill_empty(existing.csl, item)
            reference = existing
            if changed:
                reference = self._write(existing.id, existing.citekey, merged, created=existing.created_at)
            if wanted:
                self._add_alias(wanted, existing.citekey)
            return AddResult(reference, merged=True)
        if not is_valid_citekey(wanted):
            names_or_title = any(item.get(k) for k in ("author", "editor", "title"))
            stem = None if names_or_title else identifier_stem(item)
            wanted = stem or base_key(item)
        return AddResult(self._write(None, unique_key(wanted, self._taken), item), merged=False)

    def add(self, csl: dict[str, Any]) -> AddResult:
        """Add a CSL-JSON item (its ``id``, if valid and free, becomes the citekey), or merge
        it into the existing reference for the same work. Any CSL type, e.g. ``webpage``."""
        with self.library.transaction():
            return self._add(csl)

    def import_parsed(self, result: ParseResult, name: str) -> ImportReport:
        """Add the records of one parsed file in one transaction."""
        report = ImportReport()
        report.errors = [{"file": name, "line": e.line, "message": e.message} for e in result.errors]
        with self.library.transaction():
            for record in result.records:
                try:
                    outcome = self._add(record.csl)
                except ValidationError as error:
                    report.errors.append({"file": name, "line": record.line, "message": str(error)})
                    continue
                (report.merged if outcome.merged else report.added).append(outcome.reference.citekey)
        report.errors.sort(key=lambda e: e["line"])
        return report

    def import_files(self, paths: Iterable[str | Path], *, cancel: threading.Event | None = None) -> ImportReport:
        """Import reference files (RIS, MEDLINE, BibTeX, CSL-JSON; detected from content).

        Every file is read and parsed first, each in the bounded import child (its time and
        memory limits; ``cancel`` stops it at once): a file that cannot be read, takes too
        long or is not a reference file stops the import before anything is written. Each
        file is then imported in its own transaction; bad records are reported with file and line.
        """
        from editor.core.importers.bounded import run_bounded

        parsed: list[tuple[str, ParseResult]] = []
        for path in paths:
            name = str(path)
            check_source(path, ReferenceImportError)  # an open library is refused here, before the child
            result = run_bounded("parse_reference_file", (name,), name, error=ReferenceImportError, cancel=cancel,
                                 seconds=limits.IMPORT_SECONDS)
            parsed.append((name, result))
        total = ImportReport()
        for name, result in parsed:
            report = self.import_parsed(result, name)
            total.added += [k for k in report.added if k not in total.added]
            total.merged += [k for k in report.merged if k not in total.merged]
            total.errors += report.errors
        return total

    @property
    def client(self) -> MetadataClient:
        """The lookup client, configured from library settings (made on first use)."""
        if self._client is None:
            from editor.core.references.http_cache import LibraryHttpCache
            from editor.core.references.lookup import (
                CROSSREF_BASE_URL,
                DATACITE_BASE_URL,
                NCBI_BASE_URL,
                MetadataClient,
            )

            settings = self.library.settings
            deadline = settings.get("lookup_deadline", LOOKUP_SECONDS)
            self._client = MetadataClient(
                ncbi_base_url=settings.get("ncbi_base_url", NCBI_BASE_URL) or NCBI_BASE_URL,
                crossref_base_url=settings.get("crossref_base_url", CROSSREF_BASE_URL) or CROSSREF_BASE_URL,
                # a library pointed at its own Crossref (a mirror, a test server) asks no outside DataCite
                datacite_base_url=settings.get("datacite_base_url", None) or (
                    DATACITE_BASE_URL if (settings.get("crossref_base_url", None) or CROSSREF_BASE_URL)
                    == CROSSREF_BASE_URL else ""),
                email=settings.get("contact_email", "") or "",
                api_key=settings.get("ncbi_api_key", "") or "",
                cache=LibraryHttpCache(self.library),
                deadline=float(deadline) if isinstance(deadline, (int, float)) and deadline > 0 else LOOKUP_SECONDS,
            )
        return self._client

    def add_identifier_with_status(
        self, text: str, offline: bool = False, *, cancel: threading.Event | None = None
    ) -> IdentifierResult:
        """Like :meth:`add_identifier`, also saying why online metadata was not used.

        Setting ``cancel`` stops the lookup; nothing is added (:class:`LookupCancelled`)."""
        identifier = parse_identifier(text)
        if identifier is None:
            raise IdentifierError(f"'{text.strip()[:80]}' is not a DOI, PMID, PMCID or web address.")
        csl = seed_from_identifier(identifier)
        error = "offline" if offline else None
        if not offline:
            try:
                csl = {**csl, **self.client.lookup(identifier, cancel=cancel)}
            except LookupCancelled:
                raise
            except LookupFailed as failure:
                error = str(failure)
        outcome = self.add(csl)
        return IdentifierResult(outcome.reference, outcome.merged, error)

    def add_identifier(self, text: str, offline: bool = False) -> Reference:
        """Add (or complete) a reference from a DOI, PMID, PMCID or URL. Offline, or when the
        lookup fails, it is made from the identifier alone and marked incomplete."""
        return self.add_identifier_with_status(text, offline).reference

    def update(self, key: str, fields: dict[str, Any]) -> Reference:
        """Set CSL fields (``None`` or ``""`` removes one). Names may be "Family, Given; …"
        and dates "2021-03-18". Identifier changes are re-indexed."""
        reference = self.require(key)
        csl = dict(reference.csl)
        known = NAME_FIELDS | DATE_FIELDS | STRING_FIELDS | {"type"}
        for field_name, value in fields.items():
            if field_name not in known:
                raise ValidationError(f"'{field_name}' is not a CSL field (e.g. title, author, issued, DOI).")
            if field_name == "type" and value not in CSL_TYPES:
                raise ValidationError(f"'{value}' is not a CSL type (e.g. article-journal, book, webpage).")
            if value is None or value == "":
                csl.pop(field_name, None)
            elif field_name in NAME_FIELDS and isinstance(value, str):
                csl[field_name] = [part for part in value.split(";") if part.strip()]
            else:
                csl[field_name] = value
        cleaned = clean_csl(csl)
        for field_name, value in fields.items():
            if value not in (None, "") and field_name not in cleaned:
                raise ValidationError(f"'{value}' is not a valid value for {field_name} of '{key}'.")
        with self.library.transaction():
            return self._write(reference.id, reference.citekey, cleaned, created=reference.created_at)

    def rename(self, key: str, new_key: str) -> Reference:
        """Give a reference a new citekey; the old key stays as an alias, so posts keep working."""
        reference = self.require(key)
        if not is_valid_citekey(new_key):
            raise ValidationError(f"'{new_key}' cannot be a citekey (letters, digits, _ and :.#$%&-+?<>~/ inside).")
        if new_key == reference.citekey:
            return reference
        owner = self.canonical_key(new_key)
        if owner is not None and owner != reference.citekey:
            raise ValidationError(f"The key '{new_key}' is already used by '{owner}'.")
        db = self.library.db
        with self.library.transaction():
            db.execute("DELETE FROM ref_aliases WHERE alias = ?", [new_key])
            updated = self._write(reference.id, new_key, reference.csl, created=reference.created_at)
            db.execute("UPDATE ref_aliases SET citekey = ? WHERE citekey = ?", [new_key, reference.citekey])
            db.execute("INSERT INTO ref_aliases (alias, citekey) VALUES (?, ?)", [reference.citekey, new_key])
        return updated

    def merge(self, keep: str, drop: str) -> Reference:
        """Merge reference ``drop`` into ``keep`` (filling empty fields); ``drop`` becomes an alias."""
        kept, dropped = self.require(keep), self.require(drop)
        if kept.id == dropped.id:
            return kept
        merged, _changed = fill_empty(kept.csl, dropped.csl)
        db = self.library.db
        with self.library.transaction():
            db.execute("DELETE FROM refs WHERE id = ?", [dropped.id])
            db.execute("DELETE FROM refs_fts WHERE rowid = ?", [dropped.id])
            result = self._write(kept.id, kept.citekey, merged, created=kept.created_at)
            db.execute("UPDATE ref_aliases SET citekey = ? WHERE citekey = ?", [kept.citekey, dropped.citekey])
            db.execute("INSERT INTO ref_aliases (alias, citekey) VALUES (?, ?)", [dropped.citekey, kept.citekey])
        return result

    def export(self, format: str) -> str:  # noqa: A002 - the CLI's --format
        """The whole library as ``csl-json``, ``ris`` or ``bibtex`` text."""
        from editor.core.references import writers  # their parsers load only for an export

        return writers.export([r.csl for r in self.list()], format)


__all__ = ["ReferenceStore", "identity"]
