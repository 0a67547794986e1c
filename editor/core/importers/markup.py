"""Whitelisted HTML → Markdown, shared by the web page and Word readers.

The input is either trafilatura's extraction (its XML vocabulary: ``head``, ``hi``,
``ref``, ``list``, ``item``, ``graphic``, ``row``, ``cell``...) or ordinary HTML from
mammoth. Both are rebuilt element by element into a fresh tree that holds only
harmless tags and attributes (no scripts, handlers, styles or frames; links and
images only with web or relative URLs), then converted by markdownify.
Numeric superscripts and "#ref" links become citation markers (``citations.SUP_OPEN``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree, html
from markdownify import MarkdownConverter

from editor.core.editing.markdown_style import markdown_converter
from editor.core.importers.citations import SUP_CLOSE, SUP_OPEN, expand_numbers
from editor.core.importers.safety import is_safe_url

ImageHook = Callable[[str, str], str | None]  # (src, alt) -> URL to use, or None to drop

_SIMPLE = {
    "p": "p", "br": "br", "lb": "br", "strong": "strong", "b": "strong", "em": "em", "i": "em",
    "u": "em", "del": "del", "s": "del", "strike": "del", "sub": "sub", "sup": "sup", "code": "code",
    "pre": "pre", "blockquote": "blockquote", "quote": "blockquote", "ul": "ul", "ol": "ol", "li": "li",
    "item": "li", "table": "table", "thead": "thead", "tbody": "tbody", "tr": "tr", "row": "tr",
    "td": "td", "th": "th", "hr": "hr", "dl": "ul", "dt": "li", "dd": "p",
    **{f"h{n}": f"h{n}" for n in range(1, 7)},
}  # fmt: skip
_HI = {"#b": "strong", "#i": "em", "#u": "em", "#t": "code", "#sup": "sup", "#sub": "sub"}
_DROP = {
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
    "svg", "math", "form", "input", "button", "select", "textarea", "canvas", "video", "audio", "head",
    "meta", "link", "title", "base", "nav",
}  # fmt: skip
_CITATION_TEXT = re.compile(r"^\s*[\[(]?\s*(\d{1,3}(?:\s*[-\u2013\u2014,;]\s*\d{1,3})*)\s*[\])]?\s*$")


def _tag_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname.lower() if "}" in tag else tag.lower()


def _citation_numbers(element: etree._Element) -> str | None:
    match = _CITATION_TEXT.match("".join(element.itertext()))
    if match and expand_numbers(match.group(1)):
        return match.group(1)
    return None


def rebuild(source: etree._Element, image_hook: ImageHook | None = None) -> html.HtmlElement:
    """A new ``<div>`` holding ``source``'s content with only whitelisted markup."""
    root = html.Element("div")
    _copy_children(source, root, image_hook)
    return root


def rebuild_elements(sources: list[etree._Element], image_hook: ImageHook | None = None) -> html.HtmlElement:
    """A new ``<div>`` holding copies of ``sources`` themselves (not just their content)."""
    root = html.Element("div")
    for source in sources:
        _copy_element(source, root, image_hook)
    return root


def _append_text(parent: etree._Element, text: str | None) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _copy_children(source: etree._Element, target: etree._Element, image_hook: ImageHook | None) -> None:
    _append_text(target, source.text)
    for child in source:
        _copy_element(child, target, image_hook)
        _append_text(target, child.tail)


def _copy_element(child: etree._Element, target: etree._Element, image_hook: ImageHook | None) -> None:
    name = _tag_name(child)
    rend = child.get("rend", "")
    if name == "head" and rend:  # trafilatura's heading, not an HTML <head>
        level = rend[1:] if re.fullmatch(r"h[1-6]", rend) else "3"
        name = f"h{level}"
    if not name or name in _DROP:
        return
    if name == "hi":
        name = _HI.get(rend, "em")
    if name in ("sup", "ref", "a"):
        numbers = _citation_numbers(child)
        href = child.get("target") or child.get("href") or ""
        if numbers and (name == "sup" or href.startswith("#")):
            _append_text(target, f"{SUP_OPEN}{numbers}{SUP_CLOSE}")
            return
    if name in ("ref", "a"):
        href = (child.get("target") or child.get("href") or "").strip()
        if href and is_safe_url(href) and not href.startswith("#"):
            new = etree.SubElement(target, "a", href=href)
            _copy_children(child, new, image_hook)
        else:
            holder = etree.SubElement(target, "span")
            _copy_children(child, holder, image_hook)
        return
    if name in ("graphic", "img"):
        src = (child.get("src") or "").strip()
        if not src or src.startswith("data:"):  # lazy loading keeps the real address elsewhere
            src = next((str(child.get(name)).strip() for name in ("data-src", "data-lazy-src", "data-original")
                        if child.get(name)), src)
        alt = child.get("alt") or child.get("title") or ""
        url = image_hook(src, alt) if image_hook else (src if src.startswith(("http://", "https://")) else None)
        if url:
            etree.SubElement(target, "img", src=url, alt=alt)
        return
    if name == "list":
        name = "ol" if rend == "ol" else "ul"
    if name in ("cell",):
        name = "th" if child.get("role") == "head" else "td"
    mapped = _SIMPLE.get(name)
    if mapped is None:  # an unknown wrapper (div, span, section...): keep its content only
        if name in ("div", "section", "article", "main", "figure", "figcaption", "header", "footer", "aside"):
            block = etree.SubElement(target, "div")
            _copy_children(child, block, image_hook)
        else:
            holder = etree.SubElement(target, "span")
            _copy_children(child, holder, image_hook)
        return
    new = etree.SubElement(target, mapped)
    if mapped == "ol" and (child.get("start") or "").isdigit():
        new.set("start", child.get("start"))
    if mapped in ("td", "th") and (child.get("colspan") or "").isdigit():
        new.set("colspan", child.get("colspan"))
    _copy_children(child, new, image_hook)


class _Converter(MarkdownConverter):
    """markdownify with the options Postwright's Markdown uses."""


def to_markdown(element: html.HtmlElement) -> str:
    """Markdown for an element produced by :func:`rebuild`."""
    converter = markdown_converter(_Converter, escape_underscores=False)
    text = converter.convert(html.tostring(element, encoding="unicode"))
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
