"""Images in a post's content on a WordPress site: WordPress's own sizes, and the featured image.

WordPress makes smaller copies of every upload (``media_details.sizes``) when the host
has an image library, and when it shows a post it adds ``srcset``/``sizes`` to each
``<img>`` whose class names the attachment (``wp-image-N``) and whose ``src`` is one of
those copies. We cannot send our own ``srcset``: WordPress's HTML filter removes it from
the posts of every role but the administrator. So each image is sent as
``<img class="wp-image-N" src="…" width height>``: the smallest of the site's copies at
least as wide as the content column (the full upload when the site made none), with
the size it is shown at, and WordPress writes the ``srcset`` itself.

The first image is the featured image (most themes show it above the post). When it is
also the lead image of the text (in the post's first section) it is not repeated there,
unless the person chooses to keep it (``FEATURED_CHOICES``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

# "first": the first image is featured and left out of the text's first section; "first-and-text":
# featured and kept in the text; "none": no featured image (WordPress's is removed).
FEATURED_CHOICES = ("first", "first-and-text", "none")

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')


@dataclass(frozen=True)
class SiteMedia:
    """An image in the site's media library: the upload and the sizes WordPress made of it."""

    id: int
    url: str
    width: int = 0
    height: int = 0
    sizes: tuple[tuple[int, int, str], ...] = ()  # (width, height, url), narrowest first

    @classmethod
    def from_answer(cls, media: dict[str, Any]) -> SiteMedia:
        details = media.get("media_details") if isinstance(media.get("media_details"), dict) else {}
        assert isinstance(details, dict)
        sizes: list[tuple[int, int, str]] = []
        raw_sizes = details.get("sizes")
        for size in (raw_sizes.values() if isinstance(raw_sizes, dict) else ()):
            if isinstance(size, dict) and _int(size.get("width")) and size.get("source_url"):
                sizes.append((_int(size.get("width")), _int(size.get("height")), str(size["source_url"])))
        return cls(int(media["id"]), str(media.get("source_url") or ""), _int(details.get("width")),
                   _int(details.get("height")), tuple(sorted(set(sizes))))

    def shown_at(self, content_width: int) -> tuple[str, int, int]:
        """(src, width, height) for a column ``content_width`` wide: a size WordPress knows, never upscaled."""
        if not self.width or not self.height:
            return self.url, 0, 0
        width = min(self.width, content_width)
        height = round(self.height * width / self.width)
        candidates = [s for s in self.sizes if s[0] >= width and _same_shape(s, self.width, self.height)]
        src = candidates[0][2] if candidates else self.url
        return src, width, height


def _int(value: object) -> int:
    if isinstance(value, int | float | str):
        try:
            return int(value)
        except ValueError:
            return 0
    return 0


def _same_shape(size: tuple[int, int, str], width: int, height: int) -> bool:
    """A scaled copy, not a crop (WordPress's ``thumbnail`` is a square crop)."""
    return abs(size[0] * height - size[1] * width) <= max(width, height)


def place_images(content: str, media: dict[str, SiteMedia], content_width: int) -> str:
    """Each ``<img>`` pointing at an uploaded image, as WordPress wants it (class, size, dimensions)."""

    def tag(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(match.group(0)))
        item = media.get(html.unescape(attrs.get("src", "")))
        if item is None:
            return match.group(0)
        src, width, height = item.shown_at(content_width)
        out = [f'class="wp-image-{item.id}"', f'alt="{attrs.get("alt", "")}"', f'src="{html.escape(src)}"']
        if width and height:
            out += [f'width="{width}"', f'height="{height}"']
        out += [f'{name}="{value}"' for name, value in attrs.items()
                if name not in ("class", "alt", "src", "width", "height", "srcset", "sizes")]
        return "<img " + " ".join(out) + ">"

    return _IMG.sub(tag, content)


_FIRST_SECTION = re.compile(r'<div id="post-body">\s*(?:<section\b[^>]*>)?(?P<body>.*?)(?:</section>|</div>)', re.S)


def without_lead_image(content: str, src: str) -> str:
    """``content`` without its first image when that image is ``src`` and sits in the post's first section.

    The paragraph or figure that held only the image goes with it; an image inside a
    sentence leaves the sentence.
    """
    section = _FIRST_SECTION.search(content)
    if section is None:
        return content
    body = section.group("body")
    first = _IMG.search(body)
    if first is None or html.unescape(dict(_ATTR.findall(first.group(0))).get("src", "")) != src:
        return content
    image = re.escape(first.group(0))
    for holder in (rf"<figure\b[^>]*>(?:(?!</figure>).)*?{image}.*?</figure>\s*", rf"<p>\s*{image}\s*</p>\s*"):
        match = re.search(holder, body, re.S)
        if match is not None and match.start() <= first.start():
            body = body[:match.start()] + body[match.end():]
            break
    else:
        body = body[:first.start()] + body[first.end():]
    start, end = section.span("body")
    return content[:start] + body + content[end:]
