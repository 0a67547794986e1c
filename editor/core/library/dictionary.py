"""The personal dictionary: words the author told the spell checker are right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.core.foundation.errors import ValidationError

if TYPE_CHECKING:
    from editor.core.library import Library

MAX_WORD_LENGTH = 100


class DictionaryStore:
    def __init__(self, library: Library) -> None:
        self._library = library

    def words(self) -> list[str]:
        """Every personal word, in alphabetical order."""
        rows = self._library.db.execute("SELECT word FROM dictionary_words ORDER BY word")
        return [row[0] for row in rows]

    def add(self, word: str) -> None:
        """Add ``word`` (adding it twice is harmless)."""
        word = word.strip()
        if not word or len(word) > MAX_WORD_LENGTH or any(char.isspace() for char in word):
            raise ValidationError(f"{word[:40]!r} is not a single word to add to the dictionary.")
        with self._library.transaction():
            self._library.db.execute("INSERT OR IGNORE INTO dictionary_words (word) VALUES (?)", [word])

    def remove(self, word: str) -> None:
        with self._library.transaction():
            self._library.db.execute("DELETE FROM dictionary_words WHERE word = ?", [word])
