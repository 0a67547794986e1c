from __future__ import annotations

import pytest
from checks_helpers import context, findings, journal

from editor.core.checks.engine import run_checks

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
])
def test_uncited_statistics_and_claims(sentence: str, quoted: str) -> None:
    found = uncited(f"Intro.\n\n## Facts\n\n{sentence}\n")
    assert len(found) == 1
    finding = found[0]
    assert f"“{quoted}”" in finding.message
    assert finding.section == "Facts"
    assert (finding.line, finding.column) == (5, sentence.index(quoted) + 1)
    assert finding.severity == "error"  # a medical editor must sign it off before it is published


def test_a_citation_supports_its_own_sentence_not_the_one_before() -> None:
    found = uncited("Weight fell 15 percent. That was in a large trial [@a].")
    assert [f.column for f in found] == [len("Weight fell ") + 1]
    assert uncited("Weight fell 15 percent, a large trial found [@a].") == []


def test_a_citation_covers_the_clauses_before_it_not_after() -> None:
    assert uncited("Weight fell 15 percent [@a], and blood pressure fell too.") == []
    found = uncited("Weight fell [@a], and blood pressure fell 5 percent in a year.")
    assert len(found) == 1 and "“5 percent”" in found[0].message


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


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("About 3 million adults in the US use these drugs.", "3 million adults"),
    ("The trial enrolled more than 12,000 patients.", "more than 12,000 patients"),
    ("Obesity costs 5 to 8 billion dollars a year in lost work.", "5 to 8 billion dollars"),
    ("Spending reached $4.2 billion last year.", "$4.2 billion"),
    ("Smokers are twice as likely to develop it.", "twice as likely"),
    ("The risk rose 3-fold in heavy drinkers.", "3-fold"),
    ("Most patients felt better within 2 weeks.", "within 2 weeks"),
    ("The difference was significant (p < 0.01).", "p < 0.01"),
    ("Cases reached 12 per 100,000 people.", "12 per 100,000"),
    # no digit at all: the count and the interval are still statistics
    ("Each year millions of people try a diet that fails them.", "millions of people"),
    ("Two million adults stopped smoking after the campaign.", "Two million adults"),
    ("The authors gave a confidence interval that crossed zero.", "confidence interval"),
])
def test_more_kinds_of_statistics(sentence: str, quoted: str) -> None:
    found = uncited(sentence)
    assert len(found) == 1 and f"“{quoted}”" in found[0].message, found


@pytest.mark.parametrize("sentence", [
    "Children take 0.5 mg/kg twice a day.",
    "Start with 0.25 mg once weekly for four weeks.",
    "Her A1c was 9.1% when she came in.",
    "Step 3 is to check your sugar within 2 hours of eating.",
    "Call us within 2 days if the rash spreads.",
    "Read Chapter 2 of our series on sleep.",
    "On March 4, 2024 we opened a second office.",
])
def test_traps_stay_quiet(sentence: str) -> None:
    assert uncited(sentence) == []


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("Semaglutide is FDA-approved for type 1 diabetes.", "FDA-approved"),
    ("Tirzepatide was approved by the FDA for sleep apnea.", "approved by the FDA"),
    ("The USPSTF recommends screening from age 35.", "The USPSTF recommends"),
    ("The CDC recommends two doses.", "The CDC recommends"),
    ("Our program is clinically proven.", "clinically proven"),
])
def test_uncited_regulatory_claims_are_errors_that_say_why(sentence: str, quoted: str) -> None:
    found = findings(f"Intro.\n\n## Facts\n\n{sentence}\n", "uncited-regulatory-claim", refs=REFS)
    assert len(found) == 1 and found[0].severity == "error"
    assert f"“{quoted}”" in found[0].message and "a fact a reader must be able to check" in found[0].message
    assert findings(f"{sentence[:-1]} [@a].", "uncited-regulatory-claim", refs=REFS) == []


def test_a_phrase_both_promotional_and_a_statistic_is_one_finding() -> None:
    found = [f for f in findings("The shot is 100% safe for everyone.", refs=REFS)
             if f.code in ("uncited-claim", "promotional-language")]
    assert [f.code for f in found] == ["promotional-language"]
    assert "also a statistic with no citation" in found[0].message


@pytest.mark.parametrize(("sentence", "kind"), [
    ("We are the best weight loss clinic in town.", "superlative"),
    ("Rated #1 by our patients.", "superlative"),
    ("Our top-rated team can help.", "superlative"),
    ("Injections are painless.", "absolute"),
    ("Enjoy permanent results.", "absolute"),
    ("See our before-and-after gallery.", "before-and-after"),
    ("Get a $199 first visit this month.", "offer"),
    ("Book now while spots are limited.", "offer"),
    ("It is a revolutionary breakthrough.", "absolute"),
])
def test_promotion_kinds_name_what_the_ftc_expects(sentence: str, kind: str) -> None:
    found = promo(sentence)
    assert found and "FTC Health Products Compliance Guidance" in found[0].message
    label = {"superlative": "superlative claim", "absolute": "absolute or promotional", "offer": "offer",
             "before-and-after": "before-and-after promise"}[kind]
    assert label in found[0].message


@pytest.mark.parametrize("sentence", [
    "The best time to take it is in the morning.",
    "Heart disease is the number one cause of death.",
    "The shot is usually painless.",
    "Nerve damage can be permanent.",
    "Cure rates are high with the new drugs [@a].",
])
def test_promotion_traps(sentence: str) -> None:
    assert promo(sentence, refs=REFS) == []


def test_banner_offers_are_promotion() -> None:
    from checks_helpers import context

    from editor.core.checks import run_checks

    ctx = context("Text.")
    ctx.post = ctx.post.replace(banner="New patients: $199 first visit. Book now!")
    found = [f for f in run_checks(ctx) if f.code == "promotional-language"]
    assert len(found) == 2 and all(f.message.startswith("The banner uses") for f in found)


@pytest.mark.parametrize("shown", [True, False])
def test_promotional_banner_is_checked_whether_shown_or_not(shown: bool) -> None:
    ctx = context("Intro.\n")
    ctx.post = ctx.post.replace(banner="Guaranteed results: $99 consult, 20% off this month!", show_banner=shown)
    found = [f for f in run_checks(ctx) if f.code == "promotional-language"]
    assert found and all(f.message.startswith("The banner uses") for f in found)
    assert any("\u201cGuaranteed\u201d" in f.message for f in found)
    assert any("offer" in f.message for f in found)  # the price is checked like any other text
