"""The checks and the library: settings, references, authors, images, dismissed findings.

``check_post(lib, post)`` is what the command line and the desktop app call. It
builds the :class:`CheckContext` from the library (check settings from the
``checks`` setting, references through ``lib.references.resolve_many``, the post's
author, the EXIF/GPS metadata of the library images the body shows) and leaves out
the findings dismissed on that post, which are kept in ``dismissed_findings``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from editor.core.checks.context import CheckContext, ImageInfo
from editor.core.checks.dismissals import dismiss as _dismiss
from editor.core.checks.engine import CheckSession
from editor.core.checks.finding import Finding
from editor.core.checks.settings import SETTINGS_KEY, CheckSettings
from editor.core.foundation.errors import NotFoundError
from editor.core.post.model import Author, Post
from editor.core.render.site_identity import SiteIdentity

if TYPE_CHECKING:
    from editor.core.library import Library

_ASSET_SOURCE = re.compile(r"^(?:postwright-)?asset:(?://)?(?:asset/)?(\d{1,18})(?:\.[A-Za-z0-9]{1,8})?$")
_IMAGE_TARGET = re.compile(r"!\[[^\]\n]*\]\((?P<target>[^)\s]+)|<img\b[^>]*\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.I)
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_NOTABLE_TAGS = {0x010F: "Make", 0x0110: "Model", 0x0132: "DateTime", 0x9003: "DateTimeOriginal",
                 0xA420: "ImageUniqueID", 0xA431: "BodySerialNumber", 0x013B: "Artist"}


def load_settings(lib: Library) -> CheckSettings:
    return CheckSettings.from_dict(lib.settings.get(SETTINGS_KEY, None))


def save_settings(lib: Library, settings: CheckSettings) -> None:
    lib.settings.set(SETTINGS_KEY, settings.to_dict())


def image_metadata(data: bytes) -> tuple[bool, bool, tuple[str, ...]]:
    """(has EXIF, has GPS, notable tag names) of an image file's bytes."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return False, False, ()
    if not exif:
        return False, False, ()
    gps = exif.get_ifd(_GPS_IFD) if _GPS_IFD in exif else {}
    tags = set(exif)
    if _EXIF_IFD in exif:
        tags |= set(exif.get_ifd(_EXIF_IFD))
    notable = tuple(name for tag, name in _NOTABLE_TAGS.items() if tag in tags)
    return True, bool(gps), notable


def image_infos(lib: Library, body: str, cache: dict[int, tuple[bool, bool, tuple[str, ...]]] | None = None,
                ) -> dict[str, ImageInfo]:
    """Metadata of every library image (``asset:ID``) the body shows, by the source written.

    ``cache`` (asset id → metadata) saves re-reading images between runs: assets are
    stored by content and never change under the same id.
    """
    infos: dict[str, ImageInfo] = {}
    for match in _IMAGE_TARGET.finditer(body):
        source = match.group("target") or match.group("src") or ""
        found = _ASSET_SOURCE.match(source)
        if source in infos or not found:
            continue
        asset_id = int(found.group(1))
        facts = cache.get(asset_id) if cache is not None else None
        if facts is None:
            try:
                data, _mime = lib.assets.get(asset_id)
            except NotFoundError:
                infos[source] = ImageInfo(source, missing=True)  # reported by checks/images.py
                continue
            facts = image_metadata(data)
            if cache is not None:
                cache[asset_id] = facts
        infos[source] = ImageInfo(source, *facts)
    return infos


def _author(lib: Library, post: Post) -> Author | None:
    if post.author_id is None:
        return None
    try:
        return lib.authors.get(post.author_id)
    except NotFoundError:
        return None


def build_context(lib: Library, post: Post, *, today: dt.date | None = None,
                  settings: CheckSettings | None = None, session: CheckSession | None = None) -> CheckContext:
    return CheckContext(
        post=post,
        resolve=lib.references.resolve_many,
        author=_author(lib, post),
        settings=settings if settings is not None else load_settings(lib),
        today=today or dt.date.today(),
        images=image_infos(lib, post.body, session.image_cache if session is not None else None),
        public_contact=SiteIdentity.from_settings(lib.settings).public_contact,
    )


def dismissed(lib: Library, post_id: int) -> set[str]:
    rows = lib.db.execute("SELECT fingerprint FROM dismissed_findings WHERE post_id = ?", [post_id])
    return {row[0] for row in rows}


def check_post(lib: Library, post: Post, *, today: dt.date | None = None, session: CheckSession | None = None,
               include_dismissed: bool = False) -> list[Finding]:
    """The post's findings, without those dismissed on it (unless ``include_dismissed``)."""
    session = session or CheckSession()
    findings = session.run(build_context(lib, post, today=today, session=session))
    if include_dismissed or post.id is None:
        return findings
    hidden = dismissed(lib, post.id)
    return [finding for finding in findings if finding.fingerprint not in hidden]


def dismiss(lib: Library, post_id: int, fingerprint: str, *, reason: str = "", by: str | None = None,
            finding: Finding | None = None) -> None:
    """Remember that this finding is fine on this post (see :mod:`editor.core.checks.dismissals`)."""
    _dismiss(lib, post_id, fingerprint, reason=reason, by=by, finding=finding)


def undismiss(lib: Library, post_id: int, fingerprint: str) -> bool:
    """Show the finding again; returns whether it had been dismissed."""
    with lib.transaction():
        cursor = lib.db.execute("DELETE FROM dismissed_findings WHERE post_id = ? AND fingerprint = ?",
                                [post_id, fingerprint])
        return cursor.rowcount > 0


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(finding.severity == "error" for finding in findings)
