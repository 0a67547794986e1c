"""An online import's web pictures: fetched before the transaction, stored with the post as assets.

Parsing keeps a picture that is only on the web as its address (``images.ImageCollector``
reports it "kept as a link"). When the person imports online (``import --online``, the
import dialog's online box), :func:`fetch_web_pictures` fetches each one through
``media.web_fetch`` (bounded per picture and per post, checked and stripped of metadata
as a pasted picture is) and turns it into a collected :class:`ImportedImage`, so storing
the post makes it an ``asset:ID`` exactly like a picture read from the page's folder. A
picture that does not arrive stays a web address (the ``image-remote`` check says how to
fetch it later); either way its line of the report says what happened.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from editor.core.foundation.errors import ImportCancelled
from editor.core.foundation.limits import MAX_POST_IMAGES
from editor.core.importers.images import KEPT_REMOTE
from editor.core.importers.model import ImportedImage, ImportedPost, ReportLine
from editor.core.media.image_refs import ImageRef, apply_edits, target_edits
from editor.core.media.web_fetch import FetchLimits, ImageFetch, fetch_images, web_address, web_image_urls
from editor.core.net import HttpClient

UrlFilter = Callable[[str], bool]


def fetch_web_pictures(imported: ImportedPost, *, cancel: threading.Event | None = None,
                       limits: FetchLimits | None = None, client: HttpClient | None = None,
                       wanted: UrlFilter | None = None) -> list[ImageFetch]:
    """Fetch the web pictures ``imported`` shows (those ``wanted`` accepts) into its collected images.

    Raises ImportCancelled, changing nothing, when ``cancel`` is set meanwhile.
    """
    urls = [url for url in web_image_urls(imported.body) if wanted is None or wanted(url)]
    if not urls:
        return []
    room = max(0, MAX_POST_IMAGES - len(imported.images))
    limits = limits or FetchLimits()
    fetches = fetch_images(urls, limits=FetchLimits(limits.image_bytes, limits.post_bytes, limits.image_seconds,
                                                    limits.post_seconds, min(limits.images, room)),
                           cancel=cancel, client=client)
    if cancel is not None and cancel.is_set():
        raise ImportCancelled(f"{imported.source_name}: the import was stopped while its pictures were fetched; "
                              "nothing was imported.")
    collect(imported, fetches)
    return fetches


def collect(imported: ImportedPost, fetches: list[ImageFetch]) -> dict[str, str]:
    """The pictures that arrived as collected images of ``imported`` (its body pointing at their
    placeholders) and each picture's line of the report; address → placeholder."""
    placeholders: dict[str, str] = {}
    for fetch in fetches:
        if fetch.image is None:
            continue
        placeholder = f"import-image:{len(imported.images) + 1}"
        imported.images.append(ImportedImage(placeholder, fetch.image.data, fetch.image.mime, fetch.image.name))
        placeholders[fetch.url] = placeholder

    def target(ref: ImageRef) -> str | None:
        url = web_address(ref)
        return placeholders.get(url) if url is not None else None

    imported.body = apply_edits(imported.body, target_edits(imported.body, target))
    _report(imported, fetches)
    imported.warnings.extend(f"Picture {fetch.url[:80]} was not fetched ({fetch.reason}); the post still shows it "
                             "from the web, which the checks report." for fetch in fetches if not fetch.fetched)
    return placeholders


def _report(imported: ImportedPost, fetches: list[ImageFetch]) -> None:
    """Each "kept as a link" line of a fetched picture now says what happened; a picture without one gets one."""
    by_text: dict[str, ImageFetch] = {}
    for fetch in fetches:
        for written in (fetch.url, fetch.url.removeprefix("https:")):
            by_text.setdefault(written[:80], fetch)
    told: set[str] = set()
    for index, line in enumerate(imported.report):
        found = by_text.get(line.text) if line.destination == "image" and line.note == KEPT_REMOTE else None
        if found is not None:
            imported.report[index] = ReportLine("image", line.text, found.note)
            told.add(found.url)
    imported.report.extend(ReportLine("image", fetch.url[:80], fetch.note) for fetch in fetches
                           if fetch.url not in told)
