"""Property: a reference rendered in a style, read back, renders the same in that style.

Items are generated (journal articles, books, chapters, web pages with every field the
styles print), rendered by the project's CSL renderer in AMA, APA and Vancouver/NLM,
read back by the parser, and rendered again: the two renderings must be the same text
modulo punctuation and whitespace. So nothing a style prints is lost or misplaced.
"""

from __future__ import annotations

import html
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.references.freetext import parse_reference
from editor.core.render.csl import ReferenceFormatter

STYLES = ("american-medical-association", "apa", "vancouver-nlm")
FAMILIES = ["Smith", "Nguyen", "O'Dowd", "van der Berg", "Gómez-Ambrosi", "McMurray", "Le Roux", "Okafor",
            "Lloyd-Jones", "de Boer", "Færch", "Kim", "Abdullah", "Müller", "DiMarchi", "Patel"]
WORDS = ["obesity", "weight", "sleep", "therapy", "adults", "children", "outcomes", "risk", "glucose", "trial",
         "insulin", "pain", "exercise", "diet", "care", "primary", "screening", "blood", "pressure", "heart"]
JOURNALS = ["JAMA", "N Engl J Med", "Lancet", "BMJ Open", "Obesity (Silver Spring)", "Diabetes Care",
            "Am J Clin Nutr", "Ann Intern Med", "Pediatrics", "Sleep Med Rev", "Front Endocrinol (Lausanne)"]
PUBLISHERS = ["Elsevier", "McGraw Hill", "Wolters Kluwer", "Guilford Press", "Oxford University Press"]
PLACES = ["Philadelphia", "New York", "London", "Boston"]
GROUPS = ["Diabetes Prevention Program Research Group", "US Preventive Services Task Force",
          "American Diabetes Association Professional Practice Committee"]

_person = st.builds(
    lambda family, letters: {"family": family, "given": " ".join(f"{c}." for c in letters)},
    st.sampled_from(FAMILIES), st.text(alphabet="ABCDEFGHJKLMNPRSTW", min_size=1, max_size=2),
)
_authors = st.one_of(
    st.lists(_person, min_size=1, max_size=8),
    st.sampled_from(GROUPS).map(lambda name: [{"literal": name}]),
)
_title = st.builds(
    lambda words, question: (" ".join(words).capitalize() + ("?" if question else "")),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=9), st.booleans(),
)
_year = st.integers(min_value=1960, max_value=2030)
_pages = st.one_of(
    st.builds(lambda a, n: f"{a}-{a + n}", st.integers(1, 3000), st.integers(1, 120)),
    st.integers(1, 99999).map(lambda n: f"e{n}"),
)
_doi = st.builds(lambda a, b: f"10.{a}/S2213-2600({b % 100:02d})00{b}-0", st.integers(1000, 99999),
                 st.integers(100, 999))


def _journal(authors: list[dict[str, str]], title: str, journal: str, year: int, volume: int,
             issue: int | None, pages: str, doi: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "article-journal", "author": authors, "title": title,
                            "container-title": journal, "issued": {"date-parts": [[year]]},
                            "volume": str(volume), "page": pages}
    if issue is not None:
        item["issue"] = str(issue)
    if doi:
        item["DOI"] = doi
    return item


def _book(authors: list[dict[str, str]], title: str, publisher: str, place: str, year: int,
          edition: int | None) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "book", "author": authors, "title": title, "publisher": publisher,
                            "publisher-place": place, "issued": {"date-parts": [[year]]}}
    if edition:
        item["edition"] = str(edition)
    return item


def _chapter(authors: list[dict[str, str]], editors: list[dict[str, str]], title: str, book: str, publisher: str,
             place: str, year: int, pages: str) -> dict[str, Any]:
    return {"type": "chapter", "author": authors, "editor": editors, "title": title, "container-title": book,
            "publisher": publisher, "publisher-place": place, "issued": {"date-parts": [[year]]}, "page": pages}


def _webpage(authors: list[dict[str, str]], title: str, year: int, month: int, day: int, url: str,
             accessed: int) -> dict[str, Any]:
    return {"type": "webpage", "author": authors, "title": title, "issued": {"date-parts": [[year, month, day]]},
            "URL": url, "accessed": {"date-parts": [[accessed, month, day]]}}


_dated = st.builds(
    lambda item, month, day: {**item, "issued": {"date-parts": [[item["issued"]["date-parts"][0][0], month, day]]}},
    st.builds(_journal, _authors, _title, st.sampled_from(JOURNALS), _year, st.integers(1, 400),
              st.integers(1, 24), _pages, st.none() | _doi),
    st.integers(1, 12), st.integers(1, 28),
)
_url = st.builds(lambda host, path: f"https://www.{host}.org/{path}/", st.sampled_from(["cdc", "nih", "who"]),
                 st.sampled_from(["obesity", "sleep-facts", "health/heart"]))

ITEMS = st.one_of(
    st.builds(_chapter, st.lists(_person, min_size=1, max_size=3), st.lists(_person, min_size=1, max_size=3), _title,
              _title.map(lambda t: t.rstrip("?")), st.sampled_from(PUBLISHERS), st.sampled_from(PLACES), _year,
              _pages.filter(lambda p: not p.startswith("e"))),

    st.builds(_journal, _authors, _title, st.sampled_from(JOURNALS), _year, st.integers(1, 400),
              st.none() | st.integers(1, 24), _pages, st.none() | _doi),
    st.builds(_book, _authors, _title, st.sampled_from(PUBLISHERS), st.sampled_from(PLACES), _year,
              st.none() | st.integers(2, 12)),
)

PRINTED = st.one_of(
    st.tuples(st.builds(_webpage, st.sampled_from(GROUPS).map(lambda name: [{"literal": name}]), _title, _year,
                        st.integers(1, 12), st.integers(1, 28), _url, _year),
              st.sampled_from(STYLES[:2])),  # citeproc-py's NLM web page order is no site's
    st.tuples(st.one_of(ITEMS, _dated), st.sampled_from(STYLES)),
)


def _text(entry_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", entry_html))


def _comparable(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _render(formatter: ReferenceFormatter, item: dict[str, Any]) -> str:
    return _text(formatter.format({"x": item})["x"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PRINTED)
def test_rendering_the_parsed_item_gives_back_the_string(printed_item: tuple[dict[str, Any], str]) -> None:
    item, style = printed_item
    formatter = ReferenceFormatter(style)
    printed = _render(formatter, item)
    parsed = parse_reference(printed)
    again = _render(formatter, parsed.csl)
    assert _comparable(again) == _comparable(printed), (printed, again, parsed.style)
    assert not parsed.needs_review, (printed, parsed.problems)
    # The same fields, not only the same text: a title read as an author would render alike.
    assert _comparable(parsed.csl.get("title", "")).lower() == _comparable(item["title"]).lower(), (printed, parsed.csl)
    first = item["author"][0]
    assert parsed.csl["author"][0].get("family", parsed.csl["author"][0].get("literal")) == first.get(
        "family", first.get("literal")), (printed, parsed.csl)
