"""Reference entries from citeproc-py, checked against citeproc-js output.

``expected/entries-<style>.json`` were produced by citeproc-js (the CSL processor Zotero
uses) from ``fixtures/references.csl.json`` with ``tools/make_expected_entries.py`` (see its
docstring to regenerate). The items are the corpus references (CSL-JSON, RIS, MEDLINE and
BibTeX records) written as CSL-JSON.

Known difference, normalized here: citeproc-js escapes ``&`` as ``&#38;``, citeproc-py
(after sanitizing) as ``&amp;``; both are the same character, so ``&#38;`` is compared as
``&amp;``. Nothing else is normalized: for these items the entries are otherwise
identical.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.foundation.errors import ValidationError
from editor.core.render.csl import DEFAULT_STYLE, ReferenceFormatter, available_styles, check_style

HERE = Path(__file__).parent
ITEMS = {item["id"]: item for item in json.loads((HERE / "fixtures" / "references.csl.json").read_text())}
STYLES = ("american-medical-association", "elsevier-vancouver", "apa")


def expected(style: str) -> dict[str, str]:
    data = json.loads((HERE / "expected" / f"entries-{style}.json").read_text(encoding="utf-8"))
    assert data["engine"].startswith("citeproc-js")
    return {key: html.replace("&#38;", "&amp;") for key, html in data["entries"].items()}


@pytest.mark.parametrize("style", STYLES)
def test_entries_match_citeproc_js(style: str) -> None:
    formatted = ReferenceFormatter(style).format(ITEMS)
    assert formatted == expected(style)


def test_default_style_is_ama_and_has_no_number_label() -> None:
    assert DEFAULT_STYLE == "american-medical-association"
    entry = ReferenceFormatter().format({"wilding2021": ITEMS["wilding2021"]})["wilding2021"]
    assert entry.startswith("Wilding JPH, Batterham RL, Calanna S, et al.")
    assert "<i>N Engl J Med</i>. 2021;384(11):989-1002" in entry


def test_entries_are_independent_of_other_items() -> None:
    formatter = ReferenceFormatter()
    alone = formatter.format({"rubino2021": ITEMS["rubino2021"]})
    together = ReferenceFormatter().format(ITEMS)
    assert alone["rubino2021"] == together["rubino2021"]


def test_available_styles_lists_bundled_names() -> None:
    styles = available_styles()
    assert "american-medical-association" in styles
    assert "apa" in styles and "elsevier-vancouver" in styles
    assert list(styles) == sorted(styles)
    assert check_style("apa") == "apa"


def test_unknown_style_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="not one of the bundled CSL styles"):
        ReferenceFormatter("no-such-style")


def test_hostile_fields_are_sanitized() -> None:
    item = dict(ITEMS["cdc-obesity"], title='<script>alert(1)</script><img src=x onerror=alert(2)>Facts')
    entry = ReferenceFormatter().format({"x": item})["x"]
    assert "<script" not in entry and "onerror" not in entry and "<img" not in entry
    assert "Facts" in entry


def test_broken_item_falls_back_to_its_title() -> None:
    item = {"id": "odd", "type": "article-journal", "title": "Odd & <b>bold</b>", "issued": "not a date"}
    entry = ReferenceFormatter().format({"odd": item})["odd"]
    assert "Odd" in entry
