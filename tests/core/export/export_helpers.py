"""A real library file holding the corpus posts, references, an author with a photo."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from editor.core.checks import CheckSettings, check_codes, save_settings
from editor.core.library import Library
from editor.core.library.markdown_io import create_from_markdown

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
REFERENCES = HERE.parent / "render" / "fixtures" / "references.csl.json"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def without_checks(lib: Library) -> None:
    """Turn every check off: for tests of the renderer's safety, not of the publish gate."""
    save_settings(lib, CheckSettings(off=frozenset(check_codes())))


def make_library(path: Path) -> Library:
    lib = Library.open(path, seed=False)
    for item in json.loads(REFERENCES.read_text(encoding="utf-8")):
        lib.references.add(item)
    for source in sorted(CORPUS.glob("*.md")):
        create_from_markdown(lib, source.read_text(encoding="utf-8"), source=source.name)
    photo = lib.assets.add(PNG, "image/png", "jordan.png")
    post = lib.posts.get("glp1-what-to-know")
    author = lib.authors.get(post.author_id)
    lib.authors.save(dataclasses.replace(
        author, bio="Jordan has cared for patients with obesity for ten years.",
        job_title="Physician Assistant", photo_asset_id=photo,
    ))
    chart = lib.assets.add(PNG + b"chart", "image/png", "chart.png")
    lib.posts.save(post.replace(
        body=post.body + f"\n![Weight over time](asset:{chart})\n",
        related=["sleep-and-weight", "Protein at breakfast"],
        banner="New patients welcome: [book a visit](https://clinic.example/book).",
        last_reviewed="2026-10-01", reviewer_id=author.id, status="published",
    ), reason="save")
    lib.settings.set("site_base_url", "https://clinic.example/blog/")
    lib.settings.set("site_name", "Riverside Clinic Blog")
    return lib
