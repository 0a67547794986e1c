"""A small clean post (one image, one citation) that passes the publish gate, and photos for a site's media."""

from __future__ import annotations

import io
from typing import Any

import httpx
from PIL import Image

from editor.core.post.model import Post

BODY = """Sleep and weight are linked in ways that matter for your health. Most adults need seven or more \
hours of sleep each night [@cappuccio2008].

![A person asleep in a dim bedroom](asset:{asset})

## What you can do

Keep the same bed time every day. Keep your bedroom dark and cool. Talk with your care team if you snore.

"""

REFERENCE = {
    "type": "article-journal", "title": "Meta-analysis of short sleep duration and obesity in children and adults",
    "author": [{"family": "Cappuccio", "given": "Francesco P"}, {"family": "Taggart", "given": "Frances M"}],
    "container-title": "Sleep", "volume": "31", "issue": "5", "page": "619-626",
    "issued": {"date-parts": [[2008]]}, "DOI": "10.1093/sleep/31.5.619",
}


def png(colour: tuple[int, int, int] = (40, 90, 160), size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def clean_post(lib, *, slug: str = "sleep-and-weight", title: str = "Sleep and your weight",
               colour: tuple[int, int, int] = (40, 90, 160), tags: tuple[str, ...] = ("sleep", "weight")) -> Post:
    key = lib.references.add(dict(REFERENCE)).reference.citekey
    asset = lib.assets.add(png(colour), "image/png", "sleep.png")
    author = lib.authors.find_or_create("Avery Test", credentials="PA-C")
    body = BODY.format(asset=asset).replace("cappuccio2008", key)
    return lib.posts.create(Post(title=title, slug=slug, summary="How sleep affects weight, and what helps.",
                                 body=body, tags=list(tags), series="Healthy habits", author_id=author.id))


def photo(colour: tuple[int, int, int], size: tuple[int, int] = (1600, 1067)) -> bytes:
    """A JPEG as a camera would give a clinic's website: large, with a gradient to compress."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    overlay = Image.new("RGB", size, colour)
    out = io.BytesIO()
    Image.blend(image, overlay, 0.6).save(out, format="JPEG", quality=85)
    return out.getvalue()


def upload_photo(http: httpx.Client, name: str, colour: tuple[int, int, int], alt: str) -> dict[str, Any]:
    """Put a photo into a WordPress media library with its alt text; the media item (``context=view``)."""
    answer = http.post("/wp-json/wp/v2/media", content=photo(colour), headers={
        "Content-Type": "image/jpeg", "Content-Disposition": f'attachment; filename="{name}"'})
    answer.raise_for_status()
    media = http.post(f"/wp-json/wp/v2/media/{answer.json()['id']}", json={"alt_text": alt})
    media.raise_for_status()
    return dict(media.json())
