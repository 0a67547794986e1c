"""The checks and the page read citations alike: what the checks count as cited is what the page numbers.

Generated posts mix citation clusters (prefixes, locators, suffixes, ``-@``, braced keys,
aliases, unknown keys), narrative ``@key`` citations and social-media handles, malformed
citations, and the prose around them (e-mail addresses, code, links, escapes, headings, lists).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.checks import CheckContext
from editor.core.checks.citations import cited_keys
from editor.core.post.model import Post
from editor.core.render.renderer import render_post


def _item(work: str) -> dict[str, Any]:
    return {"id": work, "type": "article-journal", "title": f"On {work}", "author": [{"family": "Doe", "given": "J"}]}


LIBRARY = {key: _item(key) for key in ("wilding2021", "doe:2020.b", "smith_2021", "a.b.", "http://x.org/1")}
LIBRARY["wilding2021old"] = _item("wilding2021")  # merged into wilding2021: an alias
KEYS = [*LIBRARY, "nosuch2020", "zz", "missing-4"]


def resolve(keys: Iterable[str]) -> dict[str, dict[str, Any]]:
    return {key: LIBRARY[key] for key in keys if key in LIBRARY}


def marker(key: str) -> str:
    from editor.core.post.citation_syntax import cite_marker

    return cite_marker(key)


prefixes = st.sampled_from(["", "see ", "*see also* ", "e.g., "])
locators = st.sampled_from(["", ", p. 3", ", pp. 4-6", ", chap. 2", ", sec. 1.2", ", 33-35", ", {pp. iv, vi}",
                            ", fig. 2"])
suffixes = st.sampled_from(["", ", emphasis added", " and *passim*", ", table 2"])
keys = st.sampled_from(KEYS)


@st.composite
def clusters(draw: st.DrawFn) -> str:
    items = []
    for _ in range(draw(st.integers(1, 4))):
        dash = draw(st.sampled_from(["", "", "-"]))
        items.append(f"{draw(prefixes)}{dash}{marker(draw(keys))}{draw(locators)}{draw(suffixes)}")
    return "[" + draw(st.sampled_from(["; ", ";", " ;\n"])).join(items) + "]"


narratives = st.builds(lambda key, loc: f"{marker(key)}{loc}", st.sampled_from([*KEYS, "clinichandle", "DrSmith"]),
                       st.sampled_from(["", " [p. 9]"]))
malformed = st.sampled_from(["[@wilding2021 and the rest", "[@]", "[@zz @smith_2021]", "[@doe:2020.b; see]",
                             "[see @]", "@smith_2021]"])
prose = st.sampled_from(["Weight fell 15 percent.", "Write to help@clinic.org.", "Code `[@zz]` here.",
                         "A [link](https://example.org/@x) here.", "Literal \\[@zz] and \\@zz.", "**Bold** text",
                         "meet @ noon", "(1)", "[sic]", "- list item", "\n\n## Section\n\n", "\n\n", "\n"])
fragment = st.one_of(clusters(), narratives, malformed, prose, prose)


@settings(max_examples=200, deadline=None)
@given(st.lists(fragment, min_size=1, max_size=14), st.sampled_from([" ", "\n", ". "]))
def test_checks_citations_are_the_pages_numbered_citations(parts: list[str], joiner: str) -> None:
    body = joiner.join(parts)
    context = CheckContext(Post(title="T", body=body), resolve=resolve)
    counted = cited_keys(context)
    rendered = render_post(body, resolve)
    assert {str(LIBRARY[key]["id"]) for key in counted if key in LIBRARY} == set(rendered.citation_order)
    assert {key for key in counted if key not in LIBRARY} == set(rendered.unresolved)
    found_malformed = [m.text for part in context.parts for m in part.analysis.scan.malformed]
    assert sorted(found_malformed) == sorted(m.strip() for m in rendered.malformed)
