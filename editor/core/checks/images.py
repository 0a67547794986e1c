"""Images: each one a post shows must reach the page, and must say what it shows.

A post shows a picture only as a library image, ``![alt](asset:ID)`` (see
:mod:`editor.core.media.image_refs`); every exit carries that form to the reader. These
checks report what would not arrive:

- ``image-missing`` (error): ``asset:ID`` names an image the library does not hold (a post
  copied from another library, an image removed since). The page would show a broken image.
- ``image-unreachable`` (error): a file path, a ``file:`` or ``data:`` URL in an image's
  place. It worked on the author's computer, but the page never gets it (the sanitizer drops
  it); the picture has to be added to the library.
- ``image-remote`` (error): a picture on a web server. Exits carry only library images, so
  it would vanish from the page (and another site's picture can change or disappear). The
  advice names the one-step fix: Edit → Fetch Web Images into Library (``fetch-images`` on
  the command line, :mod:`editor.core.media.post_images`). A site audit leaves it out: on
  the site itself such an image is at home.
- ``image-alt-missing`` (warning): an image without alternative text that is not marked
  decorative (``![](asset:ID "decorative")``); a screen reader says nothing about it.

Whether an asset exists depends on the library, not on the text, so ``image-missing`` is a
post-wide check (never cached by section text); the other two read the text only.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks.base import Check, SectionCheck, quote
from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import ERROR, WARNING, Finding
from editor.core.media.image_refs import ImageRef, find_images

ADD_IT = "Add the picture with Insert → Image… (or paste or drag it in) so it travels with the post."
FETCH_IT = ("Bring the post's web pictures into the library in one step with Edit → Fetch Web Images into "
            "Library (on the command line: postwright fetch-images followed by the post's slug), or add your own "
            "copy with Insert → Image….")


def _images(part: Part) -> list[ImageRef]:
    return find_images(part.analysis.text)


class ImageMissing(Check):
    code = "image-missing"
    severity = ERROR
    description = "An image the library does not hold (asset:ID of a removed or foreign image)."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        if not ctx.images:
            return
        for part in ctx.parts:
            for ref in _images(part):
                info = ctx.images.get(ref.target)
                if ref.asset_id is not None and info is not None and info.missing:
                    yield self.at(ctx, part, ref.start,
                                  f"The image {quote(ref.target, 40)} is not in this library (it may come from "
                                  "another library or was removed); the page would show a broken image. "
                                  f"{ADD_IT} Or remove the reference.", ref.target)


class ImageUnreachable(SectionCheck):
    code = "image-unreachable"
    severity = ERROR
    description = "An image given as a file path or a file:/data: URL: the website never gets it."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        for ref in _images(part):
            why = _unreachable(ref)
            if why:
                yield self.at(ctx, part, ref.start, f"{why} {ADD_IT}", ref.target or ref.alt or "img")


class ImageRemote(SectionCheck):
    code = "image-remote"
    severity = ERROR
    description = "An image on a web server instead of in the library: the page would lose it."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        for ref in _images(part):
            if ref.kind == "web":
                yield self.at(ctx, part, ref.start,
                              f"The image {quote(ref.target, 48)} is on a web server; pages carry only pictures "
                              "kept in the library, so it would be missing (and a picture on another site can "
                              f"change or vanish). {FETCH_IT}", ref.target)


def _unreachable(ref: ImageRef) -> str:
    shown = quote(ref.target, 48)
    kind = ref.kind
    if kind in ("asset", "web"):
        return ""
    if not ref.target:
        return "This image has no source, so nothing would show on the page."
    if kind == "file":
        return f"The image {shown} is a file on this computer; the website cannot reach it."
    if kind == "data":
        return "This image is embedded as a data: URL, which the page does not carry."
    return f"The image {shown} is not a picture the page can show."


class ImageAltMissing(SectionCheck):
    code = "image-alt-missing"
    severity = WARNING
    description = "An image without alternative text that is not marked decorative."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        for ref in _images(part):
            if ref.alt.strip() or ref.decorative:
                continue
            yield self.at(ctx, part, ref.start,
                          f"The image {quote(ref.target, 40)} has no alternative text. Describe what it shows in "
                          "the brackets, ![like this](...), for readers using screen readers; if it only "
                          'decorates, mark it so: ![](asset:ID "decorative").', ref.target)
