"""Library images as responsive ``<picture>`` elements in exported HTML.

The renderer writes ``<img src="asset:N" alt="…">``; for a page or fragment export,
``responsive_images`` replaces each with a ``<picture>``: a WebP ``<source>`` with a
``srcset`` of the variants' widths, and an ``<img>`` whose ``src``/``srcset`` are the
JPEG or PNG fallbacks, with its intrinsic ``width``/``height`` (no layout shift),
``loading="lazy"`` and ``decoding="async"``. Every attribute value is escaped here;
the alt text is the author's, carried over unchanged.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'\b(src|alt|title)="([^"]*)"')
_ASSET = re.compile(r"^(?:postwright-)?asset:(\d+)$")


@dataclass(frozen=True)
class ResponsiveImage:
    webp: tuple[tuple[str, int], ...]  # (url, width), narrowest first; may be empty
    fallback: tuple[tuple[str, int], ...]
    width: int  # of the largest fallback
    height: int


Resolver = Callable[[int], ResponsiveImage | None]


def sizes_for(content_width: int) -> str:
    return f"(max-width: {content_width}px) 100vw, {content_width}px"


def _srcset(entries: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{url} {width}w" for url, width in entries)


def picture(image: ResponsiveImage, alt: str, title: str, content_width: int) -> str:
    sizes = sizes_for(content_width)
    esc = html.escape
    fallback_url = image.fallback[-1][0]
    source = (f'<source type="image/webp" srcset="{esc(_srcset(image.webp))}" sizes="{esc(sizes)}">'
              if image.webp else "")
    title_attr = f' title="{esc(title)}"' if title else ""
    srcset = f' srcset="{esc(_srcset(image.fallback))}" sizes="{esc(sizes)}"' if len(image.fallback) > 1 else ""
    return (f'<picture>{source}<img src="{esc(fallback_url)}"{srcset} alt="{esc(alt)}"{title_attr} '
            f'width="{image.width}" height="{image.height}" loading="lazy" decoding="async"></picture>')


def responsive_images(body_html: str, resolve: Resolver, content_width: int) -> str:
    """``body_html`` with each library ``<img>`` that ``resolve`` knows turned into a ``<picture>``."""

    def replace(match: re.Match[str]) -> str:
        attrs = {name: html.unescape(value) for name, value in _ATTR.findall(match.group(0))}
        asset = _ASSET.match(attrs.get("src", ""))
        image = resolve(int(asset.group(1))) if asset else None
        if image is None or not image.fallback:
            return match.group(0)
        return picture(image, attrs.get("alt", ""), attrs.get("title", ""), content_width)

    return _IMG.sub(replace, body_html)
