from __future__ import annotations

import pytest
from checks_helpers import findings, journal

REFS = {"a": journal("a"), "b": journal("b")}


def uncited(body: str) -> list:
    return findings(body, "uncited-claim", refs=REFS)


@pytest.mark.parametrize("sentence", [
    "About 1 in 3 adults (2) have high blood pressure.",
    "About 1 in 3 adults [@a] have high blood pressure.",
    "People lost 14.9% of their weight [@a].",
    "People lost 14.9 percent of their weight.[@a]",
    "People lost 14.9 percent of their weight. [@a; @b]",
    "Children take 0.5 mg/kg twice a day [@a].",
    "Risk fell by twenty percent [see @a, p. 4].",
])
def test_cited_statistics_are_fine(sentence: str) -> None:
    assert uncited(sentence + "\n\n1. Ref one\n2. Ref two\n" if "(2)" in sentence else sentence) == []


@pytest.mark.parametrize("sentence", [
    "Read Chapter 15 for the details.",
    "Adults with type 2 diabetes should see their clinician.",
    "Children take 0.5 mg/kg twice a day.",
    "Take the tablet at 8 in the morning.",
    "The clinic opened in 2019 and now has 12 staff.",
    "This post explains what the largest trials found.",
])
def test_not_statistics(sentence: str) -> None:
    assert uncited(sentence) == []


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("Semaglutide lowers weight by 15 percent.", "15 percent"),
    ("About 4 in 10 American adults live with obesity.", "4 in 10"),
    ("One out of five people stop the drug.", "One out of five"),
    ("Infections occur in 5 per 1,000 patients.", "5 per 1,000"),
    ("Smokers are 3 times more likely to get it.", "3 times more"),
    ("Poor sleep doubles the risk of weight gain.", "doubles the risk"),
    ("A month of treatment costs $1,300.", "$1,300"),
    ("Studies show that walking helps.", "Studies show"),
    ("Research indicates a benefit.", "Research indicates"),
    ("This drug is FDA approved for weight loss.", "FDA approved"),
    ("Our program is clinically proven.", "clinically proven"),
])
def test_uncited_statistics_and_claims(sentence: str, quoted: str) -> None:
    found = uncited(f"Intro.\n\n## Facts\n\n{sentence}\n")
    assert len(found) == 1
    finding = found[0]
    assert f"“{quoted}”" in finding.message
    assert finding.section == "Facts"
    assert (finding.line, finding.column) == (5, sentence.index(quoted) + 1)
    assert finding.severity == "warning"


def test_citation_in_next_sentence_counts_but_not_two_later() -> None:
    assert uncited("Weight fell 15 percent. That was in a large trial [@a].") == []
    found = uncited("Weight fell 15 percent. It was a large trial. Many took part [@a].")
    assert [f.column for f in found] == [len("Weight fell ") + 1]


def test_citation_markers_and_urls_are_not_statistics() -> None:
    assert uncited("See https://example.org/100-percent for more, and [@a].") == []
    assert uncited("See [the 50% page](https://example.org/50%25).") != []  # link text is prose


def promo(body: str, **kwargs: object) -> list:
    return findings(body, "promotional-language", **kwargs)


@pytest.mark.parametrize("phrase", ["miracle", "cure", "guaranteed", "100% safe", "no side effects", "risk-free",
                                    "Miracle", "RISK FREE"])
def test_promotional_words_with_ftc_reason(phrase: str) -> None:
    found = promo(f"This is a {phrase} treatment for you.")
    assert len(found) == 1
    assert "FTC" in found[0].message and "competent and reliable scientific evidence" in found[0].message
    assert found[0].column == len("This is a ") + 1


@pytest.mark.parametrize("sentence", [
    "There is no cure for obesity, but it can be treated.",
    "No medicine is risk-free.",
    "Procurement of the drug is slow.",
    "The secretary called.",
    "Doctors curate a list of options.",
])
def test_promotional_negatives(sentence: str) -> None:
    assert promo(sentence) == []


def test_promotional_in_heading_title_and_summary() -> None:
    found = promo("Intro.\n\n## The miracle shot\n\nText.\n", title="A Guaranteed Way to Lose Weight",
                  summary="Our risk-free program helps people lose weight with support from clinicians every week.")
    assert [(f.line, f.section) for f in found] == [(None, ""), (None, ""), (3, "The miracle shot")]
