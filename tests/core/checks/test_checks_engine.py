from __future__ import annotations

from checks_helpers import context, journal
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.checks import CheckSession, CheckSettings, check_codes, run_checks

SECTIONS = [
    "Intro with 15 percent uncited.\n",
    "## Trials\n\nWeight fell 20 percent [@a]. Call 555-123-4567 for a miracle cure.\n",
    "## Stopping\n\nThe drug was given. The dose was taken. It was stopped. Weight was regained.\n",
    "#### Deep\n\nSee [bad](https//x.org) and ![](asset:1).\n",
    "## Empty\n",
]
REFS = {"a": journal("a", year=2001)}


def body(parts: list[str]) -> str:
    return "\n".join(parts)


def test_every_issue_code_is_registered_with_its_severity() -> None:
    codes = check_codes()
    assert codes == {
        "citation-number-missing": "error", "citation-unresolved": "error", "citation-malformed": "error",
        "citation-bare-unknown": "warning", "reference-uncited": "warning",
        "reference-incomplete": "warning", "reference-duplicate": "warning", "uncited-claim": "error",
        "uncited-regulatory-claim": "error", "promotional-language": "error", "reading-level": "warning",
        "long-sentence": "info",
        "long-paragraph": "info", "passive-voice": "info", "phi-suspected": "error", "section-empty": "warning",
        "heading-skip": "warning", "heading-duplicate": "warning", "title-length": "warning",
        "meta-description-length": "warning", "image-alt-missing": "warning", "link-invalid": "warning",
        "image-missing": "error", "image-unreachable": "error", "image-remote": "error",
        "author-credentials-missing": "warning", "review-overdue": "warning", "reference-stale": "info",
        "reference-needs-review": "warning",
    }


def test_findings_are_in_text_order_with_sections() -> None:
    found = run_checks(context(body(SECTIONS), refs=REFS))
    lines = [f.line for f in found if f.line is not None]
    assert lines == sorted(lines)
    assert {f.section for f in found if f.code == "passive-voice"} == {"Stopping"}
    assert {"uncited-claim", "phi-suspected", "promotional-language", "section-empty", "heading-skip",
            "link-invalid", "image-alt-missing", "passive-voice", "reference-stale"} <= {f.code for f in found}


def test_settings_turn_checks_off_and_change_severity() -> None:
    custom = CheckSettings.from_dict({"off": ["phi-suspected", "passive-voice"],
                                      "severity": {"uncited-claim": "error"}})
    found = run_checks(context(body(SECTIONS), refs=REFS, settings=custom))
    codes = {f.code for f in found}
    assert "phi-suspected" not in codes and "passive-voice" not in codes
    assert {f.severity for f in found if f.code == "uncited-claim"} == {"error"}
    assert CheckSettings.from_dict(custom.to_dict()) == custom


def test_session_reuses_unchanged_sections_and_matches_a_fresh_run() -> None:
    session = CheckSession()
    first = session.run(context(body(SECTIONS), refs=REFS))
    assert session.last_computed == len(SECTIONS) and session.last_reused == 0
    edited = list(SECTIONS)
    edited[1] = "## Trials\n\nNew line.\nWeight fell 20 percent [@a].\nAnother 30 percent.\n"
    again = session.run(context(body(edited), refs=REFS))
    assert session.last_computed == 1 and session.last_reused == len(SECTIONS) - 1
    assert again == run_checks(context(body(edited), refs=REFS))
    shifted = {f.fingerprint: f.line for f in again}
    for finding in first:  # findings below the edit moved down by the two added lines, same fingerprint
        if finding.section in ("Stopping", "Deep") and finding.line is not None:
            assert shifted[finding.fingerprint] == finding.line + 2


def test_fingerprints_survive_edits_elsewhere() -> None:
    before = run_checks(context(body(SECTIONS), refs=REFS))
    edited = ["Intro rewritten entirely.\n\nWith another paragraph.\n", *SECTIONS[1:]]
    after = run_checks(context(body(edited), refs=REFS))
    kept = {f.fingerprint for f in before if f.section == "Trials"}
    assert kept and kept <= {f.fingerprint for f in after}


def test_repeated_findings_get_distinct_fingerprints() -> None:
    found = [f for f in run_checks(context("Call 555-123-4567.\n\nCall 555-123-4567.\n")) if f.code == "phi-suspected"]
    assert len(found) == 2 and found[1].fingerprint == found[0].fingerprint + "#2"


def test_settings_validation() -> None:
    import pytest

    from editor.core.foundation.errors import ValidationError

    for bad in ({"off": "passive-voice"}, {"severity": {"x": "fatal"}}, {"long_sentence_words": "many"},
                {"stale_years": -1}, [1]):
        with pytest.raises(ValidationError):
            CheckSettings.from_dict(bad)  # type: ignore[arg-type]
    assert CheckSettings.from_dict({"unknown_future_key": 1}) == CheckSettings()


EDITS = st.lists(st.tuples(st.integers(0, len(SECTIONS) - 1),
                           st.sampled_from(["", "Extra 10 percent line.\n", "\n\n", "More text (2).\n",
                                            "Dr. Smith was diagnosed.\n"])), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None)
@given(EDITS)
def test_incremental_equals_fresh_for_any_edits(edits: list[tuple[int, str]]) -> None:
    session = CheckSession()
    parts = list(SECTIONS)
    session.run(context(body(parts), refs=REFS))
    for index, addition in edits:
        parts[index] = parts[index] + addition
        assert session.run(context(body(parts), refs=REFS)) == run_checks(context(body(parts), refs=REFS))
