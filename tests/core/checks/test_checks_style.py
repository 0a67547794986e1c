from __future__ import annotations

from checks_helpers import context, findings

from editor.core.checks import CheckSettings, reading_levels

EASY = "The cat sat on the mat. We like to walk. The sun is warm today. Dogs run in the park. " * 10
HARD = ("Pharmacological interventions targeting incretin physiology substantially ameliorate "
        "cardiometabolic comorbidities among individuals with obesity. ") * 10


def test_reading_level_above_target_names_hard_sections() -> None:
    references = "## References\n\n1. Smith J. Extraordinarily complicated terminology.\n"
    body = f"{EASY}\n\n## Mechanism\n\n{HARD}\n\n{references}"
    found = findings(body, "reading-level")
    assert len(found) == 1
    finding = found[0]
    assert finding.severity == "warning" and finding.line is None
    assert "“Mechanism”" in finding.message and "target is grade 8" in finding.message


def test_easy_text_passes_and_target_is_configurable() -> None:
    assert findings(EASY, "reading-level") == []
    assert len(findings(HARD, "reading-level")) == 1
    assert findings(HARD, "reading-level", settings=CheckSettings(reading_level_target=40)) == []
    assert findings(HARD[:200], "reading-level") == []  # too short to grade


def test_reading_level_ignores_headings_references_urls_and_citations() -> None:
    noise = ("## Extraordinarily Sophisticated Pharmacological Considerations\n\n"
             "https://example.org/extraordinarily/sophisticated/considerations [@pharmacokinetics2020] "
             "[Sophisticated](https://example.org/pharmacological)\n\n")
    plain = reading_levels(context(EASY))
    noisy = reading_levels(context(EASY + "\n\n" + noise.replace("[Sophisticated]", "[Go]") + EASY))
    assert noisy.words == 2 * plain.words + 1  # only the link text "Go" is prose
    assert noisy.grade is not None and abs(noisy.grade - plain.grade) < 0.5


def test_reading_levels_per_section_and_smog_threshold() -> None:
    report = reading_levels(context(f"{EASY}\n\n## Hard\n\n{HARD}\n\n## Empty\n"))
    assert [s.title for s in report.sections] == ["", "Hard", "Empty"]
    easy, hard, empty = report.sections
    assert easy.grade is not None and hard.grade is not None and easy.grade < 3 < 14 < hard.grade
    assert empty.grade is None and empty.words == 0
    assert easy.sentences == 40 and easy.smog is not None  # 30+ sentences: SMOG shown
    assert hard.sentences == 10 and hard.smog is None
    assert report.sentences == 50 and report.smog is not None


def test_long_sentence() -> None:
    long = " ".join(["Word"] * 26) + "."
    found = findings(f"Short one. {long} Another short one.", "long-sentence")
    assert [(f.column, f.severity) for f in found] == [(len("Short one. ") + 1, "info")]
    assert "26 words" in found[0].message
    assert findings(" ".join(["word"] * 25) + ".", "long-sentence") == []


def test_abbreviations_and_decimals_do_not_split_sentences() -> None:
    text = "Dr. Lee gave 2.5 mg, e.g. at night, vs. the usual dose in the U.S. clinic today."
    analysis = context(text).parts[0].analysis
    assert len(analysis.sentences) == 1


def test_long_paragraph_and_list_items_are_separate_blocks() -> None:
    para = " ".join(["Walk."] * 151)
    found = findings(f"Intro.\n\n{para}\n", "long-paragraph")
    assert [(f.line, f.column) for f in found] == [(3, 1)]
    items = "\n".join("- " + " ".join(["step"] * 20) for _ in range(10))
    assert findings(items, "long-paragraph") == []


def test_passive_voice_share() -> None:
    passive = "The drug was given. The dose is taken weekly. Patients were studied. It is known to work. I walk."
    found = findings(passive, "passive-voice")
    assert len(found) == 1 and "4 of 5" in found[0].message and "“was given”" in found[0].message
    active = "Your clinician gives the drug. You take it weekly. We studied patients. It works. I walk."
    assert findings(active, "passive-voice") == []
    adjectives = "I am tired. We are interested. She is worried. They are married. I walk."
    assert findings(adjectives, "passive-voice") == []
