"""Keep hostile markup out of imported Markdown.

Imported text is Markdown, and Markdown lets raw HTML through; so anything that looks
like a tag in imported prose is escaped, and links to ``javascript:``/``data:``/
``vbscript:`` lose their target (their text stays). Code spans and fences are left alone.
"""

from __future__ import annotations

import re

from editor.core.post.blocks import outside_code

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])(?!(?:https?://|mailto:)[^>\s]*>)")
_DANGEROUS_ELEMENT = re.compile(
    r"<(script|style|iframe|object|embed|frameset|frame|applet|form|template|noscript)\b.*?(?:</\1\s*>|\Z)",
    re.I | re.S,
)
_LONE_DANGEROUS = re.compile(r"</?(?:script|style|iframe|object|embed|frame|applet|base|meta|link)\b[^>]*>", re.I)
_EVENT_ATTRIBUTE = re.compile(r"""\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_SCRIPT_ATTRIBUTE = re.compile(
    r"""\s+(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|vbscript|data):[^\s>]*""", re.I
)
_UNSAFE_LINK = re.compile(
    r"(!?)\[([^\]]*)\]\(\s*<?\s*(?:javascript|vbscript|data|file)\s*:(?:[^()\n]|\([^()\n]*\))*\)", re.I
)
_UNSAFE_AUTOLINK = re.compile(r"<\s*(?:javascript|vbscript|data|file)\s*:[^>]*>", re.I)
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#", "/", "./", "../")


def is_safe_url(url: str) -> bool:
    """True for web, mail and relative links; false for script or data URLs."""
    cleaned = re.sub(r"[\s\x00-\x1f]+", "", url).lower()
    if cleaned.startswith(SAFE_SCHEMES):
        return True
    return not re.match(r"^[a-z][a-z0-9+.-]*:", cleaned)


def _clean_prose(text: str) -> str:
    text = _UNSAFE_LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
    text = _UNSAFE_AUTOLINK.sub("", text)
    return _TAG_START.sub("&lt;", text)


def neutralize(markdown: str) -> str:
    """Escape raw HTML and drop script links in imported Markdown prose."""
    return outside_code(markdown, _clean_prose)


def _scrub_prose(text: str) -> str:
    text = _DANGEROUS_ELEMENT.sub("", text)
    text = _LONE_DANGEROUS.sub("", text)
    text = _EVENT_ATTRIBUTE.sub("", text)
    text = _SCRIPT_ATTRIBUTE.sub("", text)
    text = _UNSAFE_LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
    return _UNSAFE_AUTOLINK.sub("", text)


def scrub(markdown: str) -> str:
    """For Markdown sources: keep harmless inline HTML, remove scripts, frames and handlers."""
    return outside_code(markdown, _scrub_prose)
