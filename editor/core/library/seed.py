"""A new library starts with one real article, so a newcomer sees what Postwright does."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from editor.core.foundation.paths import resource
from editor.core.library.markdown_io import create_from_markdown

if TYPE_CHECKING:
    from editor.core.library import Library


def seed_sample(lib: Library) -> None:
    post_file = resource("sample", "welcome-post.md")
    references = json.loads(resource("sample", "references.json").read_text(encoding="utf-8"))
    author = json.loads(resource("sample", "author.json").read_text(encoding="utf-8"))
    with lib.transaction():
        for item in references:
            lib.references.add(item)
        lib.authors.find_or_create(**author)
        create_from_markdown(lib, post_file.read_text(encoding="utf-8"), source=post_file.name)
