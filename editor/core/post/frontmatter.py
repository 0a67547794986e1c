"""Markdown files with YAML front matter ⇄ posts (the form of ``shared`` sample posts).

    ---
    title: "GLP-1 Medications for Weight Loss"
    slug: glp1-what-to-know
    author: Jordan Ellis, PA-C
    status: draft
    tags: [weight loss, semaglutide]
    summary: "…"
    ---

    Body in Markdown…

Authors appear by byline ("Name, Credentials"); the library resolves them to ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from editor.core.foundation.errors import FrontMatterError
from editor.core.foundation.limits import MAX_FRONT_MATTER_BYTES, MAX_SERIES_NUMBER, check_bytes
from editor.core.post.blocks import front_matter, headings
from editor.core.post.model import STATUSES, Post

_KNOWN = {
    "title", "slug", "author", "reviewer", "medical_reviewer", "last_reviewed", "status", "tags", "summary",
    "description", "series", "series_number", "chapter", "banner", "show_banner", "related", "citation_display", "date",
    "created", "updated", "published",
}


@dataclass
class MarkdownPost:
    post: Post
    author: str | None = None  # byline, e.g. "Jordan Ellis, PA-C"
    reviewer: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # front-matter keys Postwright does not use, kept for export


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


class _AliasRefused(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark | None) -> None:
        super().__init__("alias")
        self.problem_mark = mark


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader without ``*alias`` references, whose expansion can multiply a few
    hundred bytes into gigabytes (the "billion laughs"); front matter never needs them."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


def load_front_matter(text: str, source: str) -> object:
    """The YAML of a front matter block, size-capped and without aliases; FrontMatterError otherwise."""
    check_bytes(len(text.encode("utf-8")), MAX_FRONT_MATTER_BYTES, "the YAML front matter", source, FrontMatterError)
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader subclass
    except _AliasRefused as error:
        where = f" (line {error.problem_mark.line + 2})" if error.problem_mark is not None else ""
        raise FrontMatterError(
            f"{source}: the YAML front matter uses an alias (*name){where}; write the value out instead."
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise FrontMatterError(f"{source}: the YAML front matter cannot be read{where}.") from None
    except RecursionError:
        raise FrontMatterError(f"{source}: the YAML front matter nests too deeply to be read.") from None
    except (ValueError, TypeError, OverflowError) as error:  # e.g. a date such as 2024-13-45
        raise FrontMatterError(f"{source}: the YAML front matter has a value that cannot be read ({error}).") from None


def _series_number(value: object, source: str) -> int | None:
    if value is None or value == "":
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
        number = int(value.strip())
    if number is None or not 0 <= number <= MAX_SERIES_NUMBER:
        raise FrontMatterError(
            f"{source}: 'series_number' should be a whole number from 0 to {MAX_SERIES_NUMBER}, "
            f"not {str(value)[:40]!r}."
        )
    return number


def _string_list(value: object, key: str, source: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [str(item) for item in value if item is not None]
    raise FrontMatterError(f"{source}: front matter '{key}' should be a list.")


def _leading_title(body: str) -> tuple[str | None, str]:
    """A level-1 heading that opens the body is the title: ``(title, rest of the body)``."""
    first = headings(body)[:1]
    if not first or first[0].level != 1 or body[: first[0].offset].strip() or not first[0].title:
        return None, body
    lines = body[first[0].offset :].split("\n", 2 if first[0].setext else 1)
    rest = lines[-1] if len(lines) > (2 if first[0].setext else 1) else ""
    return first[0].title, rest.lstrip("\r\n")


def parse_markdown_post(text: str, *, source: str = "the file", fallback_title: str = "") -> MarkdownPost:
    """Read a Markdown post; raises FrontMatterError naming ``source`` on bad front matter."""
    text = text.lstrip("\ufeff")
    found = front_matter(text)
    meta: dict[str, Any] = {}
    body = text
    if found:
        yaml_text, end = found
        loaded = load_front_matter(yaml_text, source)
        if loaded is not None and not isinstance(loaded, dict):
            raise FrontMatterError(f"{source}: the front matter is not a set of 'key: value' lines.")
        meta = loaded or {}
        body = text[end:]
        if body.startswith("\r\n"):
            body = body[2:]
        elif body.startswith("\n"):
            body = body[1:]
    title = _text(meta.get("title"))
    if not title:
        title, body = _leading_title(body)
    title = (title or fallback_title).strip()
    if not title:
        raise FrontMatterError(f"{source}: the post has no title (no 'title:' and no '# Title' line).")
    status = _text(meta.get("status")) or "draft"
    if status not in STATUSES:
        raise FrontMatterError(f"{source}: unknown status {status!r}; use one of {', '.join(STATUSES)}.")
    series_number = _series_number(meta.get("series_number", meta.get("chapter")), source)
    post = Post(
        title=title,
        slug=_text(meta.get("slug")) or "",
        summary=_text(meta.get("summary", meta.get("description"))) or "",
        body=body,
        status=status,
        last_reviewed=_text(meta.get("last_reviewed")),
        tags=_string_list(meta.get("tags"), "tags", source),
        series=_text(meta.get("series")),
        series_number=series_number,
        banner=_text(meta.get("banner")),
        show_banner=meta.get("show_banner") is not False,
        related=_string_list(meta.get("related"), "related", source),
        citation_display=_text(meta.get("citation_display")),
        created_at=_text(meta.get("created", meta.get("date"))),
        published_at=_text(meta.get("published")),
    )
    return MarkdownPost(
        post=post,
        author=_text(meta.get("author")),
        reviewer=_text(meta.get("reviewer", meta.get("medical_reviewer"))),
        extra={k: v for k, v in meta.items() if k not in _KNOWN},
    )
