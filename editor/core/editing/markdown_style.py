"""How Postwright writes Markdown converted from HTML (paste and import share it)."""

from __future__ import annotations

from typing import Any

from markdownify import MarkdownConverter

# ATX headings, "-" bullets, "*" emphasis, backslash line breaks, tables with a header row.
MARKDOWNIFY_OPTIONS: dict[str, Any] = {
    "heading_style": "ATX",
    "bullets": "-",
    "strong_em_symbol": "*",
    "escape_asterisks": True,
    "table_infer_header": True,
    "newline_style": "backslash",
}


def markdown_converter(cls: type[MarkdownConverter] = MarkdownConverter, **overrides: Any) -> MarkdownConverter:
    return cls(**{**MARKDOWNIFY_OPTIONS, **overrides})
