"""Structure: headings, title and meta description lengths, image alt text, malformed links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from editor.core.checks.base import Check, SectionCheck, quote
from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import WARNING, Finding

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_DOMAIN_LIKE = re.compile(r"^(?:www\.|[A-Za-z0-9-]+\.(?:com|org|net|gov|edu|io|us|uk|ca|au|info|health|co)(?:/|$))",
                          re.I)
_LOCAL_SCHEMES = frozenset({"asset", "postwright-asset", "post", "data"})  # the app's own link forms


def link_problem(target: str) -> str | None:
    """Why ``target`` is not a usable link address, or None when it is fine."""
    if not target:
        return "has no address"
    if any(ch.isspace() for ch in target):
        return "contains a space (write it as %20, or remove it)"
    if re.match(r"^https?//", target, re.I):
        return "is missing the colon after http/https"
    scheme_match = _SCHEME.match(target)
    if scheme_match is None:
        if _DOMAIN_LIKE.match(target):
            return "is missing https:// at the start, so it would open as a page of this site"
        return None  # a relative link, "#anchor" or "/path"
    scheme = scheme_match.group(1).lower()
    if scheme in ("http", "https"):
        parts = urlsplit(target)
        if not target[len(scheme) + 1:].startswith("//"):
            return "needs two slashes after the scheme (https://...)"
        try:
            host = parts.hostname or ""
            parts.port  # noqa: B018 - raises ValueError for a bad port
        except ValueError:
            return "has an invalid port number"
        if host == "localhost" or _IPV4.match(host):
            return None
        labels = host.split(".")
        if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels) or not labels[-1].isalpha():
            return f"has an invalid host name ({host or 'none'})"
        return None
    if scheme == "mailto":
        valid = re.match(r"^mailto:[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", target, re.I)
        return None if valid else "is not a valid e-mail link"
    if scheme == "tel":
        return None if re.match(r"^tel:\+?[\d\-(). ]{3,}$", target, re.I) else "is not a valid phone link"
    if scheme in ("ftp", "ftps") or scheme in _LOCAL_SCHEMES:
        return None
    return f"uses an unknown or unsafe scheme “{scheme}:”"


class LinkInvalid(SectionCheck):
    code = "link-invalid"
    severity = WARNING
    description = "A malformed link address."

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        for link in part.analysis.scan.links:
            if link.bare and not link.target.lower().startswith("http"):
                continue  # "www.cdc.gov" written as text, not a link
            problem = link_problem(link.target)
            if problem:
                noun = "image address" if link.image else "link"
                yield self.at(ctx, part, link.start,
                              f"The {noun} {quote(link.target or '()', 50)} {problem}. Correct the address.",
                              link.target)


class SectionEmpty(Check):
    code = "section-empty"
    severity = WARNING
    description = "A heading with nothing under it."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        parts = ctx.parts
        for index, part in enumerate(parts):
            if not part.section.level:
                continue
            has_sub = index + 1 < len(parts) and parts[index + 1].section.level > part.section.level
            body = part.analysis.text.split("\n", 1)[1] if "\n" in part.analysis.text else ""
            if not has_sub and not body.strip():
                yield self.at(ctx, part, 0, f"The section {quote(part.section.title)} is empty. Write it, or "
                              "remove the heading.", part.section.title)


class HeadingSkip(Check):
    code = "heading-skip"
    severity = WARNING
    description = "A heading level skipped (### without ## above it)."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        previous = 1  # the post title is the page's level-1 heading
        for part in ctx.parts[1:]:
            level = part.section.level
            if level > previous + 1:
                yield self.at(ctx, part, 0,
                              f"The heading {quote(part.section.title)} is level {level} ({'#' * level}) but the "
                              f"heading above it is level {previous}. Use {'#' * (previous + 1)} here, so the "
                              "outline and screen readers follow the structure.", part.section.title)
            previous = level


class HeadingDuplicate(Check):
    code = "heading-duplicate"
    severity = WARNING
    description = "Two headings with the same text."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        for part in ctx.parts[1:]:
            key = " ".join(part.section.title.casefold().split())
            if key in seen:
                line = ctx.parts[seen[key]].section.start_line + 1
                yield self.at(ctx, part, 0,
                              f"The heading {quote(part.section.title)} repeats the heading on line {line}. "
                              "Give each section a distinct heading so readers can tell them apart.",
                              part.section.title)
            else:
                seen[key] = part.index


class TitleLength(Check):
    code = "title-length"
    severity = WARNING
    description = "A title longer than 60 characters (search results cut it)."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        title = ctx.post.title.strip()
        limit = ctx.settings.title_max_chars
        if not title:
            yield self.outside(ctx, "The post has no title. Add one that says what the post answers.", "")
        elif len(title) > limit:
            yield self.outside(ctx, f"The title has {len(title)} characters; search results show about {limit}. "
                               "Shorten it, keeping the key words at the start.", title)


class MetaDescriptionLength(Check):
    code = "meta-description-length"
    severity = WARNING
    description = "A meta description (the post summary) outside 50-160 characters."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        summary = " ".join(ctx.post.summary.split())
        low, high = ctx.settings.meta_min_chars, ctx.settings.meta_max_chars
        if not summary:
            yield self.outside(ctx, f"The post has no summary, which is its meta description in search results. "
                               f"Write {low}-{high} characters saying what the reader will learn.", "")
        elif len(summary) < low:
            yield self.outside(ctx, f"The summary (meta description) has {len(summary)} characters; aim for "
                               f"{low}-{high}. Say in a sentence what the reader will learn.", summary)
        elif len(summary) > high:
            yield self.outside(ctx, f"The summary (meta description) has {len(summary)} characters; search "
                               f"results cut it after about {high}. Shorten it.", summary)
