"""Property tests: parsers never fail with anything but ReferenceImportError, and exports round-trip."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.foundation.errors import ReferenceImportError
from editor.core.library import Library
from editor.core.references.normalize import clean_text
from editor.core.references.parsers import FORMATS, parse_text
from editor.core.references.writers import export

FRAGMENTS = st.sampled_from([
    "TY  - JOUR\n", "PMID- 1\n", "@article{x,", "[", "{", "}", "]", '"type": "book"', "TI  - ", "AU  - ",
    "ER  - \n", "      ", "\n", "\r\n", "-", '{\\"o}', "\\", "10.1000/x", "title = {", " and ", ",", "PY  - 2020///\n",
    "DP  - 2020 Jan\n", "\x00", "é", "FAU - ", "LID - 10.1000/x [doi]\n", "@string{a = b}", '"', ":", "\ufeff",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(FRAGMENTS, max_size=40).map("".join))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_detected_parsing_raises_only_import_errors(text: str) -> None:
    try:
        result = parse_text(text, "fuzz.txt")
    except ReferenceImportError:
        return
    assert all(r.line >= 1 for r in result.records) and all(e.line >= 1 for e in result.errors)


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_each_parser_directly_never_crashes(text: str) -> None:
    for parse in FORMATS.values():
        result = parse(text)
        assert all(isinstance(r.csl, dict) and r.csl.get("title") for r in result.records)


WORDS = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N"), exclude_characters="\x00"),
                min_size=1, max_size=10)
TITLE_CHARS = st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S"),
                            exclude_characters="\x00\u2028\u2029")
TITLES = st.text(alphabet=TITLE_CHARS, min_size=1, max_size=60).map(clean_text).filter(bool)
NAMES = st.one_of(
    st.builds(lambda f, g: {"family": f, "given": g}, WORDS, WORDS.map(lambda w: w + ".")),
    st.builds(lambda a, b: {"literal": f"{a} {b} Group"}, WORDS, WORDS),
)


@st.composite
def items(draw: st.DrawFn) -> list[dict]:
    count = draw(st.integers(min_value=1, max_value=4))
    result = []
    for index in range(count):
        item_type = draw(st.sampled_from(["article-journal", "book", "chapter", "webpage", "article-newspaper",
                                          "report"]))
        item = {"id": f"key{index}", "type": item_type, "title": f"{draw(TITLES)} {index}",
                "author": draw(st.lists(NAMES, min_size=1, max_size=3)),
                "issued": {"date-parts": [draw(st.sampled_from([[2020], [2021, 3], [2019, 12, 31]]))]}}
        if item_type not in {"webpage", "book"}:
            item["container-title"] = draw(TITLES)  # a book has no container
        if item_type == "webpage":
            item["URL"] = f"https://example.org/page/{index}"
            item["accessed"] = {"date-parts": [[2026, 1, 2]]}
        if draw(st.booleans()):
            item["DOI"] = f"10.{1000 + index}/abc.{draw(st.integers(0, 999))}"
        if draw(st.booleans()):
            item["PMID"] = f"{index + 1}{draw(st.integers(0, 9_999_999)):07d}"  # distinct works, distinct PMIDs
        if draw(st.booleans()):
            item["page"] = f"{draw(st.integers(1, 500))}-{draw(st.integers(501, 999))}"
        result.append(item)
    return result


def _essential(csl: dict) -> dict:
    return {k: csl.get(k) for k in ("id", "type", "title", "author", "issued", "container-title", "DOI",
                                    "PMID", "URL", "accessed", "page")}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items(), st.sampled_from(["csl-json", "ris", "bibtex"]))
def test_exported_files_reimport_to_the_same_references(original: list[dict], fmt: str) -> None:
    text = export(original, fmt)
    result = parse_text(text, f"export.{fmt}")
    assert result.errors == []
    assert [_essential(r.csl) for r in result.records] == [_essential(i) for i in original]
    lib = Library.memory()
    try:
        report = lib.references.import_parsed(result, "export")
        assert report.added == [i["id"] for i in original]
        reexported = json.loads(lib.references.export("csl-json"))
        by_key = {i["id"]: _essential(i) for i in reexported}
        assert by_key == {i["id"]: _essential(i) for i in original}
    finally:
        lib.close()
