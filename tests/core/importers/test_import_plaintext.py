"""Text copied from a web page: headings from short lines, paragraphs, lists, safety."""

from __future__ import annotations

from editor.core.importers import parse_text
from editor.core.importers.plaintext import is_heading_line, parse_plain_text, text_to_blocks


def test_heading_lines() -> None:
    assert is_heading_line("What the trials measured")
    assert is_heading_line("Is it right for you?")
    assert is_heading_line("You Might Also Enjoy...")  # an end-matter label, despite its dots
    assert not is_heading_line("Semaglutide works while you take it.")
    assert not is_heading_line("New patients: book a free consultation this month!")
    assert not is_heading_line("https://pubmed.ncbi.nlm.nih.gov/35441470/")
    assert not is_heading_line("lowercase start is prose")
    assert not is_heading_line("A " + "very " * 20 + "long line")


def test_hard_wrapped_paragraph_is_joined() -> None:
    text = (
        "Hard Wrapped Post\n\n"
        "This paragraph was written in an editor that breaks lines at a fixed\n"
        "width, so each line is long but the paragraph is one thought and\n"
        "ends here.\n"
    )
    post = parse_text(text, "wrapped.txt")
    assert post.title == "Hard Wrapped Post"
    assert post.body == (
        "This paragraph was written in an editor that breaks lines at a fixed width, so each line is long "
        "but the paragraph is one thought and ends here.\n"
    )


def test_single_newline_paste_and_lists() -> None:
    text = (
        "Snacks That Keep You Full\n"
        "Hunger between meals is common.\n"
        "Good choices\n"
        "\u2022 Greek yogurt with berries\n"
        "\u2022 A handful of almonds\n"
        "1. Plan ahead\n"
        "2. Keep portions small\n"
        "That is all for today.\n"
    )
    post = parse_text(text, "snacks.txt")
    assert post.title == "Snacks That Keep You Full"
    assert post.sections == ["Good choices"]
    assert post.body == (
        "Hunger between meals is common.\n\n## Good choices\n\n"
        "- Greek yogurt with berries\n- A handful of almonds\n1. Plan ahead\n2. Keep portions small\n\n"
        "That is all for today.\n"
    )


def test_markup_in_pasted_text_is_inert() -> None:
    text = (
        "Safe Post\n\n"
        "Try <script>alert(1)</script> and <img src=x onerror=alert(2)> here.\n\n"
        "# not a heading\n\n"
        "A [click](javascript:alert(3)) link and a < b comparison."
    )
    post = parse_plain_text(text, "paste")
    assert "<script" not in post.body and "<img" not in post.body
    assert "&lt;script>alert(1)&lt;/script>" in post.body
    assert "javascript:" not in post.body
    assert "A click link and a < b comparison." in post.body
    assert "\\# not a heading" in post.body


def test_promotional_line_without_punctuation_is_the_banner() -> None:
    post = parse_text("Book your free consultation today\n\nThe Real Title\n\nBody text here.", "promo.txt")
    assert post.banner == "Book your free consultation today"
    assert post.title == "The Real Title"


def test_no_title_falls_back_to_the_file_name() -> None:
    post = parse_text("just some lowercase prose that is long enough to be a paragraph.", "old-clinic_post.txt")
    assert post.title == "Old clinic post"
    assert any("No title found" in warning for warning in post.warnings)


def test_listed_but_uncited_reference_is_kept_and_reported() -> None:
    text = "A Post\n\nText cites one (1).\n\nReferences\n\n1. https://a.example/x\n2. https://b.example/y\n"
    post = parse_text(text, "p.txt")
    assert [(e.number, e.cited) for e in post.references] == [(1, True), (2, False)]
    assert "Reference 2 is listed but never cited in the text." in post.warnings


def test_blocks_keep_chrome_labels_as_headings() -> None:
    blocks = text_to_blocks("Skip to main content\n\nReferences\n\n1. https://a.example")
    assert [(b.text, b.level) for b in blocks] == [
        ("Skip to main content", 2),
        ("References", 2),
        ("1. https://a.example", 0),
    ]


def test_breadcrumbs_and_dates_are_site_chrome() -> None:
    post = parse_text(
        "Home > Blog > Sleep\n\nSleep Basics\n\nPosted on March 3, 2024 by Jordan Ellis\n\nSleep matters a lot.", "s"
    )
    assert (post.title, post.banner, post.body) == ("Sleep Basics", None, "Sleep matters a lot.\n")
