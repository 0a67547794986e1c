"""Posts in and out of the library as Markdown files with front matter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.core.library.authors import split_byline
from editor.core.post.frontmatter import parse_markdown_post
from editor.core.post.model import Post

if TYPE_CHECKING:
    from editor.core.library import Library


def create_from_markdown(lib: Library, text: str, *, source: str, fallback_title: str = "") -> Post:
    """A NEW post from a Markdown file (a free slug is chosen if the file's slug is taken)."""
    document = parse_markdown_post(text, source=source, fallback_title=fallback_title)
    with lib.transaction():
        post = document.post
        if document.author:
            name, credentials = split_byline(document.author)
            post = post.replace(author_id=lib.authors.find_or_create(name, credentials=credentials).id)
        if document.reviewer:
            name, credentials = split_byline(document.reviewer)
            post = post.replace(reviewer_id=lib.authors.find_or_create(name, credentials=credentials).id)
        return lib.posts.create(post, reason="import")

