"""Authors and medical reviewers (a post refers to them by id)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import NotFoundError, ValidationError
from editor.core.post.model import Author

if TYPE_CHECKING:
    from editor.core.library import Library

_COLUMNS = "id, name, credentials, job_title, bio, photo_asset_id"


def split_byline(byline: str) -> tuple[str, str]:
    """``"Jordan Ellis, PA-C"`` → ``("Jordan Ellis", "PA-C")``."""
    name, _, credentials = byline.partition(",")
    return name.strip(), credentials.strip()


class AuthorStore:
    def __init__(self, library: Library) -> None:
        self._library = library

    @staticmethod
    def _from_row(row: tuple[Any, ...]) -> Author:
        return Author(
            id=row[0], name=row[1], credentials=row[2] or "", job_title=row[3] or "", bio=row[4] or "",
            photo_asset_id=row[5],
        )

    def get(self, author_id: int) -> Author:
        row = self._library.db.execute(f"SELECT {_COLUMNS} FROM authors WHERE id = ?", [author_id]).fetchone()
        if row is None:
            raise NotFoundError(f"No author with id {author_id} in the library.")
        return self._from_row(row)

    def list(self) -> list[Author]:
        rows = self._library.db.execute(f"SELECT {_COLUMNS} FROM authors ORDER BY name COLLATE NOCASE")
        return [self._from_row(row) for row in rows]

    def find(self, name: str) -> Author | None:
        row = self._library.db.execute(
            f"SELECT {_COLUMNS} FROM authors WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1", [name.strip()]
        ).fetchone()
        return None if row is None else self._from_row(row)

    def find_or_create(self, name: str, *, credentials: str = "", job_title: str = "", bio: str = "") -> Author:
        """The author with this name; empty fields of an existing one are filled in."""
        name = name.strip()
        if not name:
            raise ValidationError("An author needs a name.")
        existing = self.find(name)
        if existing is None:
            return self.save(Author(name=name, credentials=credentials, job_title=job_title, bio=bio))
        filled = existing
        for field, value in (("credentials", credentials), ("job_title", job_title), ("bio", bio)):
            if value and not getattr(filled, field):
                filled = Author(**{**filled.__dict__, field: value})
        return filled if filled == existing else self.save(filled)

    def save(self, author: Author) -> Author:
        if not author.name.strip():
            raise ValidationError("An author needs a name.")
        values = [author.name.strip(), author.credentials, author.job_title, author.bio, author.photo_asset_id]
        with self._library.transaction():
            if author.id is None:
                cursor = self._library.db.execute(
                    "INSERT INTO authors (name, credentials, job_title, bio, photo_asset_id) VALUES (?, ?, ?, ?, ?)",
                    values,
                )
                return Author(**{**author.__dict__, "id": cursor.lastrowid})
            self._library.db.execute(
                "UPDATE authors SET name = ?, credentials = ?, job_title = ?, bio = ?, photo_asset_id = ? WHERE id = ?",
                [*values, author.id],
            )
        return author
