"""Numeric citations → Pandoc citations, and numbered reference lists."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.importers.citations import (
    SUP_CLOSE,
    SUP_OPEN,
    convert_citations,
    expand_numbers,
    parse_reference_list,
    read_reference_list,
)

KEYS = {1: "smith2020", 2: "lee2021", 3: "cdc", 4: "who", 5: "nih", 6: "ama", 7: "aafp"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Weight fell (1).", "Weight fell [@smith2020]."),
        ("Weight fell (2, 3).", "Weight fell [@lee2021; @cdc]."),
        ("Weight fell (4-6).", "Weight fell [@who; @nih; @ama]."),
        ("Weight fell (4\u20136).", "Weight fell [@who; @nih; @ama]."),
        ("Weight fell [7].", "Weight fell [@aafp]."),
        ("Weight fell [1,3].", "Weight fell [@smith2020; @cdc]."),
        ("Weight fell (1; 2).", "Weight fell [@smith2020; @lee2021]."),
        (f"Weight fell{SUP_OPEN}1{SUP_CLOSE}.", "Weight fell [@smith2020]."),
        (f"Weight fell{SUP_OPEN}2,3{SUP_CLOSE}.", "Weight fell [@lee2021; @cdc]."),
        ("Weight fell (9).", "Weight fell [@missing-9]."),
        ("Weight fell (1, 9).", "Weight fell [@smith2020; @missing-9]."),
        ("Weight fell.(1)", "Weight fell. [@smith2020]"),
    ],
)
def test_citation_forms(source: str, expected: str) -> None:
    assert convert_citations(source, KEYS, limit=30).text == expected


@pytest.mark.parametrize(
    "source",
    [
        "Published in (2021) by the team.",  # a year is above the limit
        "(1) Eat breakfast every day.",  # an enumeration at the start of a line
        "- (2) Walk after dinner.",
        "Use `f(1)` in code.",
        "See [1](https://example.org/one) for details.",  # a Markdown link
        "See https://example.org/page(1) for details.",
        "A [reference link][1] stays.",
        "Ranges too wide (1-90) are not citations.",
        "Zero (0) is not a citation number.",
        "Call alert(1) or read items[2] in code-like text.",
        "```\nprint((1))\n```",
    ],
)
def test_not_citations(source: str) -> None:
    result = convert_citations(source, KEYS, limit=30)
    assert result.text == source
    assert result.groups == 0


def test_unresolved_numbers_are_reported_in_order() -> None:
    result = convert_citations("A (6). B (5). C (6, 1).", {1: "a"}, limit=20)
    assert result.unresolved == [6, 5]
    assert result.cited == [6, 5, 1]
    assert result.groups == 3
    assert result.text == "A [@missing-6]. B [@missing-5]. C [@missing-6; @a]."


def test_expand_numbers() -> None:
    assert expand_numbers("2, 4-6") == [2, 4, 5, 6]
    assert expand_numbers("3, 3") == [3]
    assert expand_numbers("6-4") is None
    assert expand_numbers("0") is None


def test_reference_list_forms() -> None:
    warnings: list[str] = []
    entries = parse_reference_list(
        [
            "Sources used in this article:",
            "1. https://pubmed.ncbi.nlm.nih.gov/35441470/\n"
            "2) Smith J, Lee K. A trial. N Engl J Med. 2020;1:2.\n"
            "   doi:10.1000/xyz\n"
            "[3] [CDC obesity facts](https://www.cdc.gov/obesity/) [\u21a9](#fnref3)",
            "(4) Centers for Disease Control and Prevention. Adult obesity facts. Updated 2024.",
        ],
        warnings,
    )
    assert [e.number for e in entries] == [1, 2, 3, 4]
    assert entries[0].url == "https://pubmed.ncbi.nlm.nih.gov/35441470/"
    assert entries[1].text == "Smith J, Lee K. A trial. N Engl J Med. 2020;1:2. doi:10.1000/xyz"
    assert entries[1].url is None
    assert entries[2].text == "CDC obesity facts"
    assert entries[2].url == "https://www.cdc.gov/obesity/"
    assert entries[3].text == "Centers for Disease Control and Prevention. Adult obesity facts. Updated 2024."
    assert [e.key for e in entries] == ["ref-1", "ref-2", "ref-3", "ref-4"]
    assert warnings == []


def test_a_number_keeps_its_entry_and_exact_repeats_are_read_once() -> None:
    found = read_reference_list(["- https://a.example/one\n- https://b.example/two", "2. https://b.example/two"])
    assert [(e.number, e.url) for e in found.entries] == [(1, "https://a.example/one"), (2, "https://b.example/two")]
    assert found.repeats == ["https://b.example/two"]
    assert found.certain


def test_lazy_markdown_numbering_is_the_numbering_shown() -> None:
    found = read_reference_list(["1. https://a.example/one\n1. https://b.example/two\n1. https://c.example"])
    assert [(e.number, e.url) for e in found.entries] == [
        (1, "https://a.example/one"), (2, "https://b.example/two"), (3, "https://c.example"),
    ]
    assert found.certain


def test_a_number_given_to_two_entries_is_not_renumbered_and_the_list_is_not_certain() -> None:
    warnings: list[str] = []
    found = read_reference_list(["1. https://a.example/one\n2. https://b.example/two", "2. https://c.example"])
    assert [(e.number, e.url) for e in found.entries] == [(1, "https://a.example/one"), (2, "https://b.example/two")]
    assert not found.certain
    assert parse_reference_list(["1. https://a.example\n2. https://b.example\n2. https://c.example"], warnings) == []
    assert warnings == ["Reference list not used: number 2 is given to two different entries."]


@pytest.mark.parametrize(
    "entry",
    [
        "https://pubmed.ncbi.nlm.nih.gov/35441470/",
        "doi:10.1056/NEJMoa2032183",
        "PMID: 35441470",
        "PMC10797145",
        "Wilding JPH, Batterham RL, Calanna S, et al. Once-weekly semaglutide in adults with overweight or obesity. "
        "N Engl J Med. 2021;384(11):989-1002.",
        "Centers for Disease Control and Prevention. Adult obesity facts. 2024.",
        "Rubino D, Abrahamsson N, Davies M, et al. Effect of continued weekly subcutaneous semaglutide vs placebo. "
        "JAMA. 2021;325(14):1414-1425.",
    ],
)
def test_reference_forms_are_recognised(entry: str) -> None:
    assert read_reference_list([f"1. {entry}"]).certain


@pytest.mark.parametrize(
    "prose",
    [
        "This is a closing paragraph of prose that talks about sleep and weight.",
        "In 2020, the study found that people slept less. We think this matters.",
        "Talk with your clinician. Bring your questions, your medication list and your goals for 2025.",
    ],
)
def test_prose_is_never_a_reference(prose: str) -> None:
    found = read_reference_list([prose])
    assert not found.certain
    assert found.problems


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab (),;-[]12345\n`\u2013") + [SUP_OPEN, SUP_CLOSE]), max_size=80))
def test_conversion_never_fails_and_leaves_no_markers(text: str) -> None:
    result = convert_citations(text, KEYS, limit=30)
    assert SUP_OPEN not in result.text and SUP_CLOSE not in result.text
    assert result.text.count("[@") >= result.groups
    assert set(result.unresolved) <= set(result.cited)
    assert all(number not in KEYS for number in result.unresolved)
