"""The post library: one SQLite file holding posts, authors, references, assets and history.

    lib = Library.open(path)          # creates a new library with a sample post if missing
    with lib.transaction():           # every write is one transaction
        ...
    lib.posts / lib.revisions / lib.authors / lib.assets / lib.settings / lib.dictionary / lib.references
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from editor.core.foundation.errors import LibraryError
from editor.core.library import migrations, registry
from editor.core.library.assets import AssetStore
from editor.core.library.authors import AuthorStore
from editor.core.library.database import Database, connect, transaction
from editor.core.library.dictionary import DictionaryStore
from editor.core.library.posts import PostStore
from editor.core.library.registry import LibraryFile
from editor.core.library.revisions import RevisionStore
from editor.core.library.settings import SettingsStore
from editor.core.library.storage_errors import file_identity, moved_or_deleted

if TYPE_CHECKING:
    from editor.core.library.integrity import IntegrityCheck
    from editor.core.references.store import ReferenceStore

__all__ = ["Library"]


class Library:
    """One connection to a library file, with the stores that read and write through it.

    Every ``Library`` opened on the same file in one process shares one
    :class:`~editor.core.library.registry.LibraryFile`: the file is inspected (and
    checked, migrated or created) once, by the first opener, and each later ``open``
    or :meth:`connection` only adds an SQLite connection. Worker threads take their
    own connection with :meth:`connection`; one connection never carries two
    transactions at once.
    """

    def __init__(self, db: Database, path: Path | None, file: LibraryFile | None = None) -> None:
        self.db = db
        self.path = path
        self.file = file
        self._closed = False
        self.posts = PostStore(self)
        self.revisions = RevisionStore(self)
        self.authors = AuthorStore(self)
        self.assets = AssetStore(self)
        self.settings = SettingsStore(self)
        self.dictionary = DictionaryStore(self)

    @cached_property
    def references(self) -> ReferenceStore:
        """The reference store. This class is the composition root that hands each store its
        library; the references room never imports this package (it is written against
        ``foundation.storage.Storage``). Built on first use, so its parsers (rispy,
        bibtexparser, pylatexenc) stay out of start-up."""
        from editor.core.references.store import ReferenceStore

        return ReferenceStore(self)

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, seed: bool = True,
             integrity: Literal["now", "background"] = "now") -> Library:
        """Open (migrating if needed) or create the library at ``path``.

        Refuses, leaving the file untouched: a non-SQLite, empty or damaged file, an
        SQLite file that is not a Postwright library, a library from a newer Postwright.
        With ``integrity="background"`` a damaged file is found by a check that runs
        beside the caller (``integrity_check``); nothing is written before its verdict,
        and a damaged file is then refused for writing (see ``editor.core.library.integrity``).
        """
        path = Path(path).expanduser()
        file = registry.acquire(path, create=create, seed=seed, background_check=integrity == "background")
        try:
            return cls._on(file, path)
        except BaseException:
            registry.release(file)
            raise

    @classmethod
    def _on(cls, file: LibraryFile, path: Path) -> Library:
        conn = connect(file.path, create=False)
        if file.integrity is not None:
            conn.before_write = file.integrity.require_sound
            file.integrity.guard(conn)
        return cls(Database(conn), path, file)

    @property
    def notice(self) -> str | None:
        """What the person must be told about opening this library (changes a damaged log lost), or None."""
        return self.file.notice if self.file is not None else None

    @property
    def integrity(self) -> IntegrityCheck | None:
        """The integrity check still running or done beside opening, if it was opened that way."""
        return self.file.integrity if self.file is not None else None

    def connection(self) -> Library:
        """Another connection to the same library, for a worker thread (the caller closes it).

        An in-memory library cannot be reopened, so it is shared (tests, dry runs).
        """
        if self.file is None:
            return self
        registry.retain(self.file)
        try:
            return self._on(self.file, self.path or self.file.path)
        except LibraryError as error:
            registry.release(self.file)
            if file_identity(self.file.path) != self.file.identity:
                raise LibraryError(moved_or_deleted(self.file.path)) from error
            raise
        except BaseException:
            registry.release(self.file)
            raise

    @classmethod
    def memory(cls, *, seed: bool = False) -> Library:
        """A library in memory (tests, dry runs)."""
        library = cls(Database(connect(":memory:")), None)
        migrations.apply_pending(library.db)
        if seed:
            from editor.core.library.seed import seed_sample

            seed_sample(library)
        return library

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.db.conn.close()
        if self.file is not None:
            registry.release(self.file)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    def data_version(self) -> int:
        """SQLite's change counter for this connection: it moves when any *other* connection
        (another process, window or thread) commits, never for this connection's own writes."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with transaction(self.db.conn):
            yield
