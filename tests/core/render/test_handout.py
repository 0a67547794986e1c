"""The patient handout's print page: what it holds, in which order, and how it is sized."""

from __future__ import annotations

import re
from datetime import date

import pytest

from editor.core.foundation.errors import ValidationError
from editor.core.library import Library
from editor.core.library.page_inputs import article_inputs, asset_data_url
from editor.core.post.sections import split_sections
from editor.core.render.handout import (
    DISCLAIMER,
    HandoutOptions,
    qr_svg,
    render_handout,
    short_url,
    shorten_urls,
)
from editor.core.render.page import render_for_export
from editor.core.render.site_identity import SiteIdentity

SAMPLE = "glp1-what-to-know"


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "library.postwright")
    yield library
    library.close()


def handout(lib: Library, options: HandoutOptions | None = None) -> str:
    post = lib.posts.get(SAMPLE)
    inputs = article_inputs(lib, post)
    rendered = render_for_export(inputs)
    return render_handout(inputs, rendered, options or HandoutOptions(), printed_on=date(2026, 12, 1),
                          asset_data=lambda asset_id: asset_data_url(lib, asset_id))


@pytest.mark.parametrize(
    ("url", "short"),
    [
        ("https://www.cdc.gov/obesity/adult-obesity-facts/index.html", "cdc.gov/obesity/adult-obesity-facts"),
        ("https://doi.org/10.1056/NEJMoa2032183", "doi.org/10.1056/NEJMoa2032183"),
        ("http://example.org/?utm_source=x", "example.org"),
        ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6457782/", "ncbi.nlm.nih.gov/pmc/articles/PMC6457782"),
        ("https://www.example.org/a/very/long/path/that/goes/on/and/on/final-page-name",
         "example.org/…/final-page-name"),
    ],
)
def test_short_urls_are_what_a_reader_can_type(url: str, short: str) -> None:
    assert short_url(url) == short
    assert len(short_url(url)) <= 48


def test_only_urls_in_text_are_shortened_not_links() -> None:
    html = '<li>Facts. Accessed 2026. <a href="https://www.cdc.gov/a/index.html">https://www.cdc.gov/a/index.html</a>.</li>'
    assert shorten_urls(html) == '<li>Facts. Accessed 2026. <a href="https://www.cdc.gov/a/index.html">cdc.gov/a</a>.</li>'
    assert shorten_urls("See https://example.org/x/.") == "See example.org/x."


def cited_keys(body: str) -> set[str]:
    from editor.core.post.citation_syntax import find_citations

    return {key for cluster in find_citations(body).clusters for key in cluster.keys}


def test_the_page_holds_title_headings_references_and_footer_in_order(lib: Library) -> None:
    html = handout(lib)
    post = lib.posts.get(SAMPLE)
    headings = [section.title for section in split_sections(post.body) if section.title]
    positions = [html.index(post.title)] + [html.index(f">{heading}</h") for heading in headings]
    assert positions == sorted(positions)
    assert html.index("References") > positions[-1]
    works = {item["id"] for item in lib.references.resolve_many(cited_keys(post.body)).values()}
    assert html.count('<li id="ref-') == len(works) >= 6  # one entry per cited work
    assert ">cdc.gov/obesity/adult-obesity-facts</a>" in html  # the link's text is short; its target is whole
    assert "Printed December 1, 2026" in html and DISCLAIMER in html
    assert 'counter(page) " of " counter(pages)' in html
    assert "<script" not in html


def test_paper_and_type_size_follow_the_options(lib: Library) -> None:
    assert re.search(r"@page \{ size: Letter; \}", handout(lib))
    assert "font-size: 12pt" in handout(lib)
    large = handout(lib, HandoutOptions(paper="a4", large_print=True))
    assert "size: A4;" in large and "font-size: 16pt" in large and "large-print" in large
    with pytest.raises(ValidationError, match="Paper size 'legal'"):
        HandoutOptions(paper="legal")


def test_clinic_header_and_qr_code_appear_when_known(lib: Library) -> None:
    assert 'class="clinic"' not in handout(lib)  # a new library knows no clinic
    lib.settings.store(SiteIdentity(clinic_name="Riverside Family Clinic", header_text="(555) 201-3300"))
    lib.settings.set("site_base_url", "https://riverside.example/blog")
    html = handout(lib)
    assert "Riverside Family Clinic" in html and "(555) 201-3300" in html
    assert "<svg" in html and "riverside.example/blog/glp1-what-to-know" in html


def test_qr_code_is_an_inline_svg_naming_its_url() -> None:
    svg = qr_svg("https://riverside.example/blog/post")
    assert svg.startswith("<svg") and "QR code: https://riverside.example/blog/post" in svg
    opening = svg.split(">", 1)[0]
    assert "viewBox=" in opening and "width=" not in opening  # CSS scales the whole code, never crops it


def test_saved_choices_are_read_from_the_library(lib: Library) -> None:
    lib.settings.set("handout_paper", "a4")
    lib.settings.set("handout_large_print", True)
    assert HandoutOptions.from_settings(lib.settings) == HandoutOptions("a4", True)
    chosen = HandoutOptions.from_settings(lib.settings, paper="letter", large_print=False)
    assert chosen == HandoutOptions("letter", False)
    lib.settings.set("handout_paper", "tabloid")
    assert HandoutOptions.from_settings(lib.settings).paper == "letter"


def test_the_review_line_names_the_reviewer_and_date(lib: Library) -> None:
    from editor.core.post.model import Author

    reviewer = lib.authors.save(Author(name="Dana Reyes", credentials="MD"))
    post = lib.posts.get(SAMPLE)
    post.reviewer_id, post.last_reviewed = reviewer.id, "2026-11-20"
    lib.posts.save(post)
    assert "Reviewed by Dana Reyes, MD on 2026-11-20" in handout(lib)
