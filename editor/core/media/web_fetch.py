"""Pictures on the web brought into the library: fetched bounded, then checked and cleaned as pasted ones are.

The importers keep a picture they find only on the web as its address, and the checks
report it (``image-remote``): the exits carry library images only. With the person's
permission (``import --online``, ``fetch-images``, Edit → Fetch Web Images into Library;
a site import for the site's own pictures) each one is fetched through the one HTTP layer
(``core/net``) within the bounds of ``foundation/limits.py`` — a wall-clock deadline per
picture and per post, a size cap per picture and per post, redirects within one site — and
goes through :func:`~editor.core.media.image_refs.prepare_image` like a pasted picture (read
by Pillow, which decides what it is whatever the server calls it; pixels bounded; metadata
stripped). Each picture arrives whole or not at all, with the reason in one phrase; callers
change a post's text only for those that arrived (``image_refs.target_edits``), in one step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from editor import __version__
from editor.core.foundation.errors import ValidationError
from editor.core.foundation.limits import (
    IMAGE_FETCH_SECONDS,
    MAX_IMAGE_BYTES,
    MAX_POST_IMAGE_BYTES,
    MAX_POST_IMAGES,
    POST_IMAGE_FETCH_SECONDS,
)
from editor.core.media.image_refs import ImageRef, PreparedImage, find_images, prepare_image
from editor.core.net import Budget, HttpClient, NetError, NetTooLarge
from editor.core.net.client import host_of

Progress = Callable[[int, int, str], None]  # (done, total, address)
ACCEPT = "image/webp,image/png,image/jpeg,image/gif;q=0.9,image/*;q=0.5"  # what Postwright can store
_STATUS_WORDS = {401: "a login is needed", 403: "forbidden: the site does not let others fetch it",
                 404: "not found", 410: "gone"}


@dataclass(frozen=True)
class FetchLimits:
    """How much one post's pictures may take (``foundation/limits.py``; tests narrow them)."""

    image_bytes: int = MAX_IMAGE_BYTES
    post_bytes: int = MAX_POST_IMAGE_BYTES
    image_seconds: float = IMAGE_FETCH_SECONDS
    post_seconds: float = POST_IMAGE_FETCH_SECONDS
    images: int = MAX_POST_IMAGES


@dataclass(frozen=True)
class ImageFetch:
    """One web picture: fetched and cleaned (``image``), or why not (``problem`` word and ``reason`` phrase)."""

    url: str
    image: PreparedImage | None = None
    problem: str = ""  # not-found, refused, too-large, not-an-image, timeout, unreachable, redirect, cancelled…
    reason: str = ""

    @property
    def fetched(self) -> bool:
        return self.image is not None

    @property
    def note(self) -> str:
        """The import report's phrase for it."""
        return f"fetched from {host_of(self.url)} into the library" if self.fetched else f"not fetched: {self.reason}"


def absolute(target: str) -> str | None:
    """The web address an image target names (``//host/x`` read as https), or None when it is no web address."""
    target = target.strip()
    if target.startswith("//"):
        target = "https:" + target
    parts = urlsplit(target)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return target


def web_image_urls(text: str) -> list[str]:
    """The web addresses of the pictures ``text`` shows, each once, in order."""
    return list(dict.fromkeys(url for ref in find_images(text) if (url := web_address(ref)) is not None))


def web_address(ref: ImageRef) -> str | None:
    return absolute(ref.target) if ref.kind == "web" else None


def fetch_images(urls: Iterable[str], *, limits: FetchLimits | None = None, cancel: threading.Event | None = None,
                 progress: Progress | None = None, client: HttpClient | None = None) -> list[ImageFetch]:
    """Fetch each address (once) within ``limits``; one :class:`ImageFetch` per address, in order.

    Never raises for a picture that did not come: its entry says why. After ``cancel`` is
    set, the rest are ``cancelled`` (callers then change nothing).
    """
    limits = limits or FetchLimits()
    wanted = list(dict.fromkeys(urls))
    own = client is None
    http = client or image_client(limits)
    batch = Budget(limits.post_seconds, cancel)
    used = 0
    results: list[ImageFetch] = []
    try:
        for number, url in enumerate(wanted, start=1):
            if progress is not None:
                progress(number - 1, len(wanted), url)
            result = _refused_before(url, number, limits, batch, used)
            if result is None:
                result, size = _fetch_one(http, url, batch.narrowed(limits.image_seconds),
                                          min(limits.image_bytes, limits.post_bytes - used), limits)
                used += size
            results.append(result)
        if progress is not None:
            progress(len(wanted), len(wanted), "")
    finally:
        if own:
            http.close()
    return results


def image_client(limits: FetchLimits | None = None) -> HttpClient:
    """The HTTP client picture fetches use: no credentials, redirects within one site, 429/503 retried."""
    limits = limits or FetchLimits()
    return HttpClient(user_agent=f"Postwright/{__version__} (picture fetch)", headers={"Accept": ACCEPT},
                      deadline=limits.image_seconds, max_bytes=limits.image_bytes, redirects="site", retries=2)


def _refused_before(url: str, number: int, limits: FetchLimits, batch: Budget, used: int) -> ImageFetch | None:
    """Why ``url`` is not even asked for: cancelled, out of time, past the count or byte cap of one post."""
    if batch.cancelled:
        return ImageFetch(url, problem="cancelled", reason="cancelled")
    if batch.deadline.expired:
        return ImageFetch(url, problem="timeout", reason=f"the post's pictures took longer than "
                                                         f"{limits.post_seconds:g} seconds")
    if number > limits.images:
        return ImageFetch(url, problem="too-many", reason=f"only the first {limits.images} pictures of a post "
                                                          "are fetched")
    if used >= limits.post_bytes:
        return ImageFetch(url, problem="too-large", reason=_post_cap(limits))
    return None


def _fetch_one(http: HttpClient, url: str, budget: Budget, cap: int,
               limits: FetchLimits) -> tuple[ImageFetch, int]:
    """One picture, and how many bytes its answer took."""
    try:
        answer = http.get(url, budget=budget, max_bytes=cap)
    except NetTooLarge:
        reason = (f"larger than {_megabytes(limits.image_bytes)}, the most a picture may be"
                  if cap >= limits.image_bytes else _post_cap(limits))
        return ImageFetch(url, problem="too-large", reason=reason), 0
    except NetError as error:
        return ImageFetch(url, problem=error.problem, reason=_phrase(str(error))), 0
    size = len(answer.body)
    if answer.status != 200:
        words = _STATUS_WORDS.get(answer.status, "no picture")
        problem = "not-found" if answer.status in (404, 410) else "refused"
        return ImageFetch(url, problem=problem, reason=f"the server answered {answer.status} ({words})"), size
    kind = answer.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    try:
        image = prepare_image(answer.body, kind if kind.startswith("image/") else "", name=_file_name(url),
                              limit=limits.image_bytes)
    except ValidationError as error:
        if kind == "image/svg+xml" or b"<svg" in answer.body[:1024].lower():
            reason = "it is an SVG drawing, which Postwright does not store as a picture; save it as PNG"
        elif kind.startswith(("text/", "application/xhtml", "application/json")) or _looks_like_markup(answer.body):
            reason = "the address gave a web page, not a picture" + (f" (the server called it {kind})"
                                                                      if kind.startswith("image/") else "")
        else:
            reason = _phrase(str(error))
        return ImageFetch(url, problem="not-an-image", reason=reason), size
    return ImageFetch(url, image=image), size


def _looks_like_markup(body: bytes) -> bool:
    """A web page or an error page, whatever the server's ``Content-Type`` says."""
    start = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml", b"<!--"))


def _file_name(url: str) -> str:
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    return name[:120] or "web-picture"


def _phrase(sentence: str) -> str:
    """A sentence as a phrase that follows "not fetched: "."""
    sentence = sentence.strip().rstrip(".")
    return sentence[:1].lower() + sentence[1:] if sentence[:2] != sentence[:2].upper() else sentence


def _megabytes(count: int) -> str:
    return f"{count / 1_048_576:.3g} MB"


def _post_cap(limits: FetchLimits) -> str:
    return f"the post's pictures passed {_megabytes(limits.post_bytes)}, the most one post may fetch"
