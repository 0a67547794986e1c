"""This post's mark on a site: an HTML comment at the start of the content.

``<!-- postwright-post: ID -->``, ``ID`` being the library's own random id and the post's
id. Stock WordPress does not let an Author-role user read or write post meta over the
REST API unless a plugin registers the key, but its HTML filter keeps comments for every
role, the content round-trips through ``context=edit``, and WordPress's search looks
inside the content, so the mark is found again by any user who may edit the post. It
is not shown on the page, and the HTML importer never sees it.

The mark also carries a fingerprint of the words we sent (``sent: HEX``: title, excerpt and
the content's text). When the library's record of a publish is lost (an older backup, say),
the post is still found by its mark, and the fingerprint tells whether someone edited those
words on the site since: then the person chooses, as after any edit there. The text, not the
HTML, is fingerprinted, because WordPress's HTML filter may rewrite tags and entities of what
an Author-role user sends; an edit to a picture alone is not seen. Marks without one (sent by
earlier versions) still find the post.
"""

from __future__ import annotations

import hashlib
import html
import re
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.core.library import Library
    from editor.core.post.model import Post

LIBRARY_ID_SETTING = "library_uid"
_MARK = re.compile(r"<!--\s*postwright-post:\s*([0-9a-f]{32}-\d+)(?:\s+sent:\s*([0-9a-f]{16}))?\s*-->\n?", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def library_id(lib: Library) -> str:
    """The library's own random id (made on first use), so marks from two libraries never match."""
    value = lib.settings.get(LIBRARY_ID_SETTING)
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{32}", value):
        value = uuid.uuid4().hex
        lib.settings.set(LIBRARY_ID_SETTING, value)
    return value


def mark_token(lib: Library, post: Post) -> str:
    return f"{library_id(lib)}-{post.id}"


def with_mark(content: str, token: str, sent: str = "") -> str:
    """``content`` with this post's mark first (and no other); ``sent`` is :func:`words_fingerprint`."""
    fingerprint = f" sent: {sent}" if sent else ""
    return f"<!-- postwright-post: {token}{fingerprint} -->\n{_MARK.sub('', content)}"


def words_fingerprint(title: str, excerpt: str, content: str) -> str:
    """A fingerprint of the words a post shows: its title, excerpt and the text of its content
    (tags dropped, entities read, runs of spaces made one), mark or not."""
    words = [_SPACES.sub(" ", html.unescape(_TAG.sub(" ", without_mark(part)))).strip()
             for part in (title, excerpt, content)]
    return hashlib.sha256("\x1f".join(words).encode("utf-8")).hexdigest()[:16]


def sent_fingerprint(content: str, token: str) -> str | None:
    """The fingerprint the mark ``token`` carries in ``content`` (None: no such mark, or an older one)."""
    for match in _MARK.finditer(content):
        if match.group(1).lower() == token and match.group(2):
            return match.group(2).lower()
    return None


def without_mark(content: str) -> str:
    return _MARK.sub("", content)


def marks_in(content: str) -> list[str]:
    return [match.group(1).lower() for match in _MARK.finditer(content)]
