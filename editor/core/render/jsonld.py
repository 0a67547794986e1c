"""schema.org JSON-LD for a post, serialized with ``json.dumps`` (never built as a string)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from editor.core.post.model import Author, Post


def person(author: Author) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Person", "name": author.name}
    if author.credentials:
        data["honorificSuffix"] = author.credentials
    if author.job_title:
        data["jobTitle"] = author.job_title
    return data


def citation(item: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "ScholarlyArticle" if item.get("type") == "article-journal" else "CreativeWork"}
    if item.get("title"):
        data["name"] = str(item["title"])
    if item.get("DOI"):
        data["url"] = f"https://doi.org/{item['DOI']}"
    elif str(item.get("URL", "")).startswith(("http://", "https://")):
        data["url"] = str(item["URL"])
    return data


def json_ld(
    post: Post,
    *,
    schema_type: str,
    author: Author | None,
    reviewer: Author | None,
    canonical: str | None,
    references: list[Mapping[str, Any]],
) -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": schema_type, "headline": post.title}
    if post.summary:
        data["description"] = post.summary
    if canonical:
        data["url"] = canonical
        data["mainEntityOfPage"] = canonical
    if author:
        data["author"] = person(author)
    if post.published_at:
        data["datePublished"] = post.published_at
    if post.updated_at:
        data["dateModified"] = post.updated_at
    if schema_type == "MedicalWebPage":  # WebPage properties; BlogPosting has no such fields
        if post.last_reviewed:
            data["lastReviewed"] = post.last_reviewed
        if reviewer:
            data["reviewedBy"] = person(reviewer)
    if post.tags:
        data["keywords"] = ", ".join(post.tags)
    if references:
        data["citation"] = [citation(item) for item in references]
    return data


def script_json(data: Mapping[str, Any]) -> str:
    """JSON safe inside ``<script type="application/ld+json">``: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
