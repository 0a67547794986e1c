"""The post library: one SQLite file holding posts, authors, references, assets and history.

    lib = Library.open(path)          # creates a new library with a sample post if missing
    with lib.transaction():           # every write is one transaction
        ...
    lib.posts / lib.revisions / lib.authors / lib.assets / lib.settings / lib.dictionary / lib.references
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from editor.core.foundation.errors import LibraryError, LibraryVersionError
from editor.core.library import migrations
from editor.core.library.assets import AssetStore
from editor.core.library.authors import AuthorStore
from editor.core.library.database import connect, inspect_file, transaction
from editor.core.library.dictionary import DictionaryStore
from editor.core.library.posts import PostStore
from editor.core.library.revisions import RevisionStore
from editor.core.library.settings import SettingsStore

if TYPE_CHECKING:
    from editor.core.references.store import ReferenceStore

__all__ = ["Library"]


class Library:
    def __init__(self, db: sqlite_utils.Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self.posts = PostStore(self)
        self.revisions = RevisionStore(self)
        self.authors = AuthorStore(self)
        self.assets = AssetStore(self)
        self.settings = SettingsStore(self)
        self.dictionary = DictionaryStore(self)

    @cached_property
    def references(self) -> ReferenceStore:
        from editor.core.references.store import ReferenceStore

        return ReferenceStore(self)

    # -- opening ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, seed: bool = True) -> Library:
        """Open (migrating if needed) or create the library at ``path``.

        Refuses, leaving the file untouched: a non-SQLite or damaged file, an SQLite
        file that is not a Postwright library, a library from a newer Postwright.
        """
        path = Path(path).expanduser()
        found = inspect_file(path)
        if found is None and not create:
            raise LibraryError(f"There is no library at {path}.")
        if found is not None:
            _app_id, user_version, applied = found
            known = {m.__name__ for m in migrations.MIGRATIONS}
            if user_version > migrations.schema_version() or applied - known:
                raise LibraryVersionError(
                    f"The library {path} was written by a newer version of Postwright (schema "
                    f"{user_version}, this version knows {migrations.schema_version()}); update Postwright "
                    "to open it. The file was left unchanged."
                )
            if applied and migrations.pending(applied):
                _backup(path, user_version)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise LibraryError(f"Cannot create the folder for the library {path}: {error}.") from error
        try:
            db = sqlite_utils.Database(connect(path))
        except sqlite3.Error as error:
            raise LibraryError(f"Cannot open the library {path}: {error}.") from error
        library = cls(db, path)
        library._migrate(seed=seed and found is None)
        return library

    @classmethod
    def memory(cls, *, seed: bool = False) -> Library:
        """A library in memory (tests, dry runs)."""
        library = cls(sqlite_utils.Database(connect(":memory:")), None)
        library._migrate(seed=seed)
        return library

    def _migrate(self, *, seed: bool) -> None:
        migrations.apply_pending(self.db)
        if seed:
            from editor.core.library.seed import seed_sample

            seed_sample(self)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with transaction(self.db.conn):  # type: ignore[arg-type]
            yield


def _backup(path: Path, user_version: int) -> Path:
    """Copy the library (consistently, through SQLite's backup API) before migrating it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-v{user_version}-{stamp}{path.suffix}")
    temp = target.with_name(target.name + ".tmp")
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(temp)
        try:
            source.backup(destination)
        finally:
            destination.close()
        temp.replace(target)
    except sqlite3.Error as error:
        temp.unlink(missing_ok=True)
        raise LibraryError(f"Could not back up {path} before upgrading it: {error}. Nothing was changed.") from error
    finally:
        source.close()
    return target
