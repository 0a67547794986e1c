"""This post's mark on a site: an HTML comment at the start of the content.

``<!-- postwright-post: ID -->``, ``ID`` being the library's own random id and the post's
id. Stock WordPress does not let an Author-role user read or write post meta over the
REST API unless a plugin registers the key, but its HTML filter keeps comments for every
role, the content round-trips through ``context=edit``, and WordPress's search looks
inside the content, so the mark is found again by any user who may edit the post. It
is not shown on the page, and the HTML importer never sees it.
"""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.core.library import Library
    from editor.core.post.model import Post

LIBRARY_ID_SETTING = "library_uid"
_MARK = re.compile(r"<!--\s*postwright-post:\s*([0-9a-f]{32}-\d+)\s*-->\n?", re.I)


def library_id(lib: Library) -> str:
    """The library's own random id (made on first use), so marks from two libraries never match."""
    value = lib.settings.get(LIBRARY_ID_SETTING)
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{32}", value):
        value = uuid.uuid4().hex
        lib.settings.set(LIBRARY_ID_SETTING, value)
    return value


def mark_token(lib: Library, post: Post) -> str:
    return f"{library_id(lib)}-{post.id}"


def with_mark(content: str, token: str) -> str:
    return f"<!-- postwright-post: {token} -->\n{_MARK.sub('', content)}"


def without_mark(content: str) -> str:
    return _MARK.sub("", content)


def marks_in(content: str) -> list[str]:
    return [match.lower() for match in _MARK.findall(content)]
