"""A small clean post (one image, one citation) that passes the publish gate."""

from __future__ import annotations

import io

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
