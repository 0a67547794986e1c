"""Author boxes, related-post cards and "Chapter N"."""

from __future__ import annotations

import pytest

from editor.core.importers.boxes import parse_author, parse_related, split_chapter
from editor.core.importers.model import AuthorBox, RelatedEntry


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        (
            ["Jordan Ellis Jordan Ellis, PA-C Jordan Ellis, PA-C, is a physician assistant. Jordan likes tea."],
            AuthorBox("Jordan Ellis", "PA-C", "Jordan Ellis, PA-C, is a physician assistant. Jordan likes tea."),
        ),
        (
            ["About the author: Maria de la Cruz, MD, MPH", "Maria treats families in Tucson."],
            AuthorBox("Maria de la Cruz", "MD, MPH", "Maria treats families in Tucson."),
        ),
        (
            ["Sam Ortiz, FNP-BC, has cared for patients with diabetes since 2010."],
            AuthorBox("Sam Ortiz", "FNP-BC", "Sam Ortiz, FNP-BC, has cared for patients with diabetes since 2010."),
        ),
        (
            ["**Jordan Ellis**", "Jordan writes about nutrition and sleep."],
            AuthorBox("Jordan Ellis", "", "Jordan writes about nutrition and sleep."),
        ),
        (["Written by Casey Lin"], AuthorBox("Casey Lin", "", "Casey Lin")),
    ],
)
def test_author_box(chunks: list[str], expected: AuthorBox) -> None:
    assert parse_author(chunks) == expected


def test_author_box_without_a_name() -> None:
    assert parse_author(["thanks for reading our blog!"]) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sleep Less, Weigh More? (Chapter 9)", ("Sleep Less, Weigh More?", 9)),
        ("Chapter 10 - Snacks That Keep You Full", ("Snacks That Keep You Full", 10)),
        ("Chapter 3: Protein Basics", ("Protein Basics", 3)),
        ("Walking Daily \u2013 Chapter 4", ("Walking Daily", 4)),
        ("The Chapter Nobody Reads", ("The Chapter Nobody Reads", None)),
        ("Chapter 5", ("Chapter 5", None)),
    ],
)
def test_split_chapter(title: str, expected: tuple[str, int | None]) -> None:
    assert split_chapter(title) == expected


def test_related_cards_with_labels_and_excerpts() -> None:
    chunks = [
        "Sleep and Weight",
        "[Sleep Less, Weigh More? (Chapter 9)](https://clinic.example/blog/sleep-less)",
        "Short sleep raises hunger hormones. Here is what helps.",
        "March 3, 2024",
        "Hydration Myths",
        "Eight glasses a day is not a rule for everyone, and here is why.",
        "Read more",
    ]
    assert parse_related(chunks) == [
        RelatedEntry("Sleep Less, Weigh More?", 9, "Sleep and Weight", "https://clinic.example/blog/sleep-less"),
        RelatedEntry("Hydration Myths", None, None, None),
    ]


def test_related_plain_link_list() -> None:
    chunks = ["- [Snacks That Keep You Full](https://x.example/snacks)\n- Protein Basics (Chapter 3)"]
    assert parse_related(chunks) == [
        RelatedEntry("Snacks That Keep You Full", None, None, "https://x.example/snacks"),
        RelatedEntry("Protein Basics", 3, None, None),
    ]


@pytest.mark.parametrize(
    "chunks",
    [
        ["Jane Smith", "Jane A. Smith, PA-C", "Jane A. Smith, PA-C, is a physician assistant."],
        ["Smith Jane A. Smith, PA-C Jane sees patients in family medicine."],
        ["Jane A. Smith Jane A. Smith, PA-C"],
        ["About the Author", "Jane Smith Jane A. Smith, PA-C", "Jane has worked in obesity medicine for ten years."],
    ],
)
def test_repeated_name_forms_give_one_name_with_credentials(chunks: list[str]) -> None:
    author = parse_author(chunks)
    assert author is not None
    assert (author.name, author.credentials) == ("Jane A. Smith", "PA-C")


def test_related_posts_keep_their_chapter_in_the_post() -> None:
    entries = parse_related(["Sleep Less, Weigh More? (Chapter 9)", "Chapter 10 - Snacks That Keep You Full"])
    assert [entry.display for entry in entries] == [
        "Sleep Less, Weigh More? (Chapter 9)", "Snacks That Keep You Full (Chapter 10)",
    ]
