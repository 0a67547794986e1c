"""Images stored in the library as blobs, de-duplicated by content hash."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from editor.core.foundation.errors import NotFoundError
from editor.core.library.timeutil import utc_now

if TYPE_CHECKING:
    from editor.core.library import Library

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/svg+xml": "svg"}


class AssetStore:
    def __init__(self, library: Library) -> None:
        self._library = library

    def add(self, data: bytes, mime: str, filename: str = "") -> int:
        """Store ``data`` (or find the identical asset already stored); returns its id."""
        digest = hashlib.sha256(data).hexdigest()
        db = self._library.db
        with self._library.transaction():
            row = db.execute("SELECT id FROM assets WHERE sha256 = ?", [digest]).fetchone()
            if row:
                return int(row[0])
            cursor = db.execute(
                "INSERT INTO assets (sha256, mime, filename, data, created_at) VALUES (?, ?, ?, ?, ?)",
                [digest, mime, filename, data, utc_now()],
            )
            assert cursor.lastrowid is not None  # set by every INSERT
            return cursor.lastrowid

    def get(self, asset_id: int) -> tuple[bytes, str]:
        row = self._library.db.execute("SELECT data, mime FROM assets WHERE id = ?", [asset_id]).fetchone()
        if row is None:
            raise NotFoundError(f"No image with id {asset_id} in the library.")
        return bytes(row[0]), row[1]

    def file_name(self, asset_id: int) -> str:
        """A stable file name for exporting the asset: ``<id>-<hash prefix>.<ext>``."""
        row = self._library.db.execute("SELECT sha256, mime FROM assets WHERE id = ?", [asset_id]).fetchone()
        if row is None:
            raise NotFoundError(f"No image with id {asset_id} in the library.")
        return f"{asset_id}-{row[0][:12]}.{EXTENSIONS.get(row[1], 'bin')}"
