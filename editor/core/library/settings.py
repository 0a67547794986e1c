"""Library-wide settings: a key → JSON value table, with defaults supplied by callers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    from editor.core.library import Library


class SettingModel(Protocol):
    """A typed setting (e.g. the site identity) that knows its key and its validated JSON value."""

    SETTING: ClassVar[str]

    def as_setting(self) -> Any: ...


class SettingsStore:
    def __init__(self, library: Library) -> None:
        self._library = library

    def get(self, key: str, default: Any = None) -> Any:
        row = self._library.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        with self._library.transaction():
            self._library.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value)],
            )

    def store(self, model: SettingModel) -> None:
        """Save a typed setting under its own key; an invalid one raises before anything is written."""
        self.set(model.SETTING, model.as_setting())

    def all(self) -> dict[str, Any]:
        return {key: json.loads(value) for key, value in self._library.db.execute("SELECT key, value FROM settings")}
