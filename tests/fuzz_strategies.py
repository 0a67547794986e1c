"""Hypothesis strategies for structure-aware fuzzing of the parsers: HTML trees, YAML
front matter, CSL-JSON items and RIS records, each mixed with the malformed pieces
real files contain (broken declarations, stray quotes, aliases, odd types)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40
)
WORDS = st.lists(st.sampled_from(["Semaglutide", "weight", "(1)", "[2]", "&amp;", "&#x0;", "&bogus;", "é", "→",
                                  "1-3", "doi:10.1/x", "https://example.org/a?b=1", "\u00a0", "\t", "\n"]),
                 max_size=8).map(" ".join)
JUNK = st.sampled_from([
    "<![", "<!['x", "<!--", "-->", "</", "<?xml version='1.0'?>", "<!DOCTYPE html>", "<![CDATA[x]]>", "<a href=\"",
    "<p <", "<<>>", "</p></p>", "<br/>", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>",
    "<style>p{}</style>", "<svg><foreignObject>", "<math><mi>", "<table><td>", "<li>", "&", "<x:y>", "<o:p></o:p>",
    "<sup>1</sup>", "<a href=\"#ref1\">2</a>", "\x00", "\ufeff", "<h1>", "<span style=\"font-weight:700\">",
    "<p class=MsoListParagraph style=\"mso-list:l0 level1\">", "<img src=\"data:image/png;base64,!!!\">",
])
TAGS = ["p", "div", "span", "ul", "ol", "li", "a", "b", "i", "em", "strong", "sup", "sub", "h1", "h2", "h3", "h6",
        "table", "tr", "td", "th", "blockquote", "pre", "code", "img", "br", "article", "section", "header",
        "footer", "nav", "aside", "figure", "form", "input", "script", "style", "svg", "x-custom", "o:p", "dl", "dt"]
ATTRS = st.dictionaries(
    st.sampled_from(["class", "id", "href", "src", "alt", "style", "rend", "start", "colspan", "onclick", "target"]),
    st.one_of(WORDS, st.sampled_from(["author-box", "related", "references", "cookie", "banner", "javascript:x",
                                      "mso-list:Ignore", "99999999999999999999", "-1", "h9", "#ref-1"])),
    max_size=3,
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def build(tag: str, attrs: dict[str, str], inner: list[str], close: bool) -> str:
        attributes = "".join(f' {key}="{value}"' for key, value in attrs.items())
        return f"<{tag}{attributes}>{''.join(inner)}" + (f"</{tag}>" if close else "")

    return st.builds(build, st.sampled_from(TAGS), ATTRS, st.lists(children, max_size=4), st.booleans())


HTML = st.recursive(st.one_of(WORDS, JUNK), _element, max_leaves=30).map(
    lambda body: f"<html><head><title>T</title></head><body>{body}</body></html>"
)
HTML_FRAGMENT = st.lists(st.recursive(st.one_of(WORDS, JUNK), _element, max_leaves=20), max_size=4).map("".join)

# -- YAML front matter -----------------------------------------------------------
SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), WORDS,
    st.sampled_from(["1e20", "1.0e+20", "-1", "2024-13-45", "2024-02-30", "0x1F", "0o17", ".inf", "~", "yes",
                     "&a x", "*a", "!!python/object:os.system", "!!binary aGk=", "'", "\"", "{", "[", ":", "- x",
                     "|", ">", "%TAG", "? x", "@x", "`x"]),
)
YAML_KEYS = st.sampled_from(["title", "slug", "author", "reviewer", "status", "tags", "summary", "series",
                             "series_number", "chapter", "banner", "related", "citation_display", "date",
                             "created", "published", "last_reviewed", "extra"])
YAML_VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                           st.dictionaries(WORDS, inner, max_size=3)), max_leaves=8)


def _yaml_line(key: str, value: Any, raw: str | None) -> str:
    if raw is not None:
        return f"{key}: {raw}"
    return f"{key}: {json.dumps(value, allow_nan=True)}"  # JSON is YAML flow syntax


FRONT_MATTER = st.lists(
    st.builds(_yaml_line, YAML_KEYS, YAML_VALUE, st.one_of(st.none(), SCALAR.map(str))), max_size=8
).map(lambda lines: "---\n" + "\n".join(lines) + "\n---\n\nSome body text.\n\n## A section\n\nMore.\n")

# -- CSL-JSON --------------------------------------------------------------------
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), WORDS),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(WORDS, inner, max_size=3)),
    max_leaves=10,
)
CSL_KEYS = st.sampled_from(["type", "title", "author", "editor", "issued", "accessed", "container-title", "DOI",
                            "PMID", "PMCID", "URL", "volume", "issue", "page", "id", "note", "ISSN", "abstract",
                            "date-parts", "family", "given", "literal", "items"])
CSL_ITEM = st.dictionaries(CSL_KEYS, st.one_of(
    JSON_VALUE,
    st.sampled_from(["article-journal", "book", "webpage", []]),
    st.lists(st.dictionaries(st.sampled_from(["family", "given", "literal"]), JSON_VALUE, max_size=3), max_size=3),
    st.fixed_dictionaries({"date-parts": JSON_VALUE}),
), max_size=8)
CSL_JSON = st.one_of(
    st.lists(st.one_of(CSL_ITEM, JSON_VALUE), max_size=4).map(json.dumps),
    CSL_ITEM.map(json.dumps),
    st.builds(lambda items, cut: json.dumps(items)[:cut], st.lists(CSL_ITEM, min_size=1, max_size=3),
              st.integers(1, 200)),
)

# -- RIS ------------------------------------------------------------------------
RIS_TAG = st.sampled_from(["TY", "TI", "T1", "AU", "A1", "PY", "Y1", "DA", "JO", "JF", "T2", "VL", "IS", "SP",
                           "EP", "DO", "UR", "AN", "ER", "KW", "N1", "AB", "SN", "XX", "1A", "ty"])
RIS_VALUE = st.one_of(WORDS, st.sampled_from(["JOUR", "BOOK", "ELEC", "", "2021///", "2021/13/45", "Smith, J",
                                              ",", "-", "  - ", "99999999999999999999", "PMC1", "10.1/x"]))
RIS_LINE = st.builds(lambda tag, sep, value: f"{tag}{sep}{value}", RIS_TAG,
                     st.sampled_from(["  - ", " - ", "  -", "-", "   - "]), RIS_VALUE)
RIS = st.lists(st.lists(RIS_LINE, max_size=8).map(lambda lines: "TY  - JOUR\n" + "\n".join(lines) + "\nER  - \n"),
               min_size=1, max_size=3).map("\n".join)
