from __future__ import annotations

import pytest
from checks_helpers import findings

from editor.core.checks import CheckSettings
from editor.core.checks.structure import link_problem


def test_section_empty() -> None:
    body = "Intro.\n\n## Empty\n\n## Parent\n\n### Child\n\nText.\n\n## Last\n"
    found = findings(body, "section-empty")
    assert [(f.line, f.section) for f in found] == [(3, "Empty"), (11, "Last")]


def test_heading_skip() -> None:
    found = findings("Intro.\n\n### Too deep\n\nText.\n\n## Fine\n\n### Fine too\n\nText.\n\n##### Skip\n\nX.\n",
                     "heading-skip")
    assert [(f.line, f.section) for f in found] == [(3, "Too deep"), (13, "Skip")]
    assert "Use ##" in found[0].message and "Use ####" in found[1].message


def test_heading_duplicate() -> None:
    found = findings("## Side effects\n\nA.\n\n## Dosing\n\nB.\n\n## Side Effects\n\nC.\n", "heading-duplicate")
    assert [(f.line, f.section) for f in found] == [(9, "Side Effects")]
    assert "line 1" in found[0].message


def test_title_length() -> None:
    assert findings("Text.", "title-length", title="x" * 60) == []
    found = findings("Text.", "title-length", title="x" * 61)
    assert len(found) == 1 and found[0].line is None and "61 characters" in found[0].message
    assert len(findings("Text.", "title-length", title="  ")) == 1
    assert findings("Text.", "title-length", title="x" * 61, settings=CheckSettings(title_max_chars=70)) == []


@pytest.mark.parametrize(("summary", "count"), [("", 1), ("x" * 49, 1), ("x" * 50, 0), ("x" * 160, 0), ("x" * 161, 1)])
def test_meta_description_length(summary: str, count: int) -> None:
    assert len(findings("Text.", "meta-description-length", summary=summary)) == count


def test_image_alt_missing() -> None:
    body = "![](asset:1)\n\n![  ](https://example.org/a.png)\n\n![A chart](asset:2)\n\n<img src=\"x.png\">\n"
    found = findings(body, "image-alt-missing")
    assert [f.line for f in found] == [1, 3, 7]


@pytest.mark.parametrize("target", [
    "https://www.cdc.gov/obesity/", "http://localhost:8000/x", "https://10.0.0.1/", "#side-effects", "/about",
    "other-post", "mailto:office@clinic.org", "tel:+1-555-123-4567", "asset:12",
    "https://en.wikipedia.org/wiki/Obesity_(disease)",
])
def test_valid_links(target: str) -> None:
    assert link_problem(target) is None


@pytest.mark.parametrize(("target", "why"), [
    ("", "no address"), ("https://exa mple.com", "space"), ("https//example.com", "colon"),
    ("www.cdc.gov/obesity", "https://"), ("http:/example.com", "two slashes"), ("https://example", "host"),
    ("https://-bad-.com", "host"), ("htp://example.com", "unknown"), ("javascript:alert(1)", "unsafe"),
    ("mailto:nobody", "e-mail"), ("https://example.com:99999/", "port"),
])
def test_invalid_links(target: str, why: str) -> None:
    problem = link_problem(target)
    assert problem is not None and why in problem


def test_link_invalid_positions_and_bare_text() -> None:
    body = "See [the CDC](www.cdc.gov) and www.nih.gov and <https://ok.example.org>.\n\n[bad](https//x.org)\n"
    found = findings(body, "link-invalid")
    assert [(f.line, f.column) for f in found] == [(1, 5), (3, 1)]
    assert "“www.cdc.gov”" in found[0].message
