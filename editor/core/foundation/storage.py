"""What a store needs of the library file it lives in, as protocols.

The reference store (``references/``) and the renderer's settings (``render/``) are
written against these, so neither imports the library package; the library's
composition root (``editor.core.library.Library``) satisfies them and builds the stores.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol


class SettingsReader(Protocol):
    """Where settings are read from: the library's ``lib.settings``, or a plain dict in a test."""

    def get(self, key: str, default: Any = None, /) -> Any: ...


class SqlDatabase(Protocol):
    """The library's connection wrapper (``editor.core.library.database.Database``)."""

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None, /) -> sqlite3.Cursor: ...

    def select_in(self, sql: str, values: Sequence[Any], batch: int = 500, /) -> Iterator[tuple[Any, ...]]: ...


class Storage(Protocol):
    """A library file: its database, its settings and its transactions."""

    @property
    def db(self) -> SqlDatabase: ...

    @property
    def settings(self) -> SettingsReader: ...

    def transaction(self) -> AbstractContextManager[None]: ...
