from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.checks.readability import ReadingCounts, flesch_kincaid_grade, smog_index, syllables
from editor.core.checks.scan import scan_section

ROOT = Path(__file__).resolve().parents[3]


def test_masking_keeps_offsets_and_hides_non_prose() -> None:
    text = ("## Heading words\n\nSee [the CDC](https://cdc.gov) [@a; @b] (3) `code` <b>bold</b> "
            "![pic](asset:1) https://x.org/y and **strong** text.\n\n| a | b |\n\n```\nfenced [@c]\n```\n")
    result = scan_section(text, "Heading words", 2)
    assert len(result.masked) == len(text)
    assert [i for i, ch in enumerate(result.masked) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]
    assert result.masked.split() == ["See", "the", "CDC", "bold", "and", "strong", "text."]
    assert [c.key for c in result.citations] == ["a", "b"]
    assert [c.numbers for c in result.numeric] == [(3,)]
    assert [(link.target, link.image) for link in result.links] == [
        ("https://cdc.gov", False), ("asset:1", True), ("https://x.org/y", False)]


def test_numeric_citation_forms() -> None:
    result = scan_section("A (1). B [2, 3]. C (4-6). D <sup>7</sup>. E ^8^. F [9](https://x.org). G [^10].", "", 0)
    assert [c.numbers for c in result.numeric] == [(1,), (2, 3), (4, 5, 6), (7,), (8,)]


def test_reference_list_forms() -> None:
    lazy = scan_section("## References\n\n1. One\n1. Two\n   continued\n1. Three\n", "References", 2)
    assert [(e.number, e.text) for e in lazy.entries] == [(1, "One"), (2, "Two continued"), (3, "Three")]
    inline = scan_section("Text (1).\n\n**References:**\n\n[1] First [@a]\n[2] Second\n", "", 0)
    assert inline.reference_start is not None
    assert [(e.number, e.keys, e.numbered) for e in inline.entries] == [(1, ("a",), True), (2, (), True)]
    assert [c.numbers for c in inline.numeric] == [(1,)]
    assert "First" not in inline.masked


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab @[](){}!#*_`<>-.:;1234567890\n\t^|/\\\"'x")), max_size=200))
def test_scan_never_fails_and_preserves_layout(text: str) -> None:
    result = scan_section(text, "", 0)
    assert len(result.masked) == len(text)
    assert all(m == t for m, t in zip(result.masked, text, strict=True) if t == "\n" or m != " ")


def test_syllables() -> None:
    words = {"the": 1, "cat": 1, "people": 2, "medication": 4, "area": 3, "idea": 3, "semaglutide": 4,
             "cardiovascular": 6, "fire": 1, "wake-up": 2, "2021": 1, "diabetes": 4}
    assert {w: syllables(w) for w in words} == words


def test_formulas_match_textstat_coefficients() -> None:
    counts = ReadingCounts(sentences=4, words=60, syllables=90, polysyllables=12)
    assert abs(flesch_kincaid_grade(counts) - (0.39 * 15 + 11.8 * 1.5 - 15.59)) < 1e-9
    assert abs(smog_index(counts) - (1.043 * (30 * 12 / 4) ** 0.5 + 3.1291)) < 1e-9
    assert flesch_kincaid_grade(ReadingCounts()) == 0.0 and smog_index(ReadingCounts()) == 0.0
    assert ReadingCounts(1, 2, 3, 4) + ReadingCounts(1, 1, 1, 1) == ReadingCounts(2, 3, 4, 5)


def test_grade_agrees_with_textstat_formula_on_plain_text() -> None:
    """textstat, told to count syllables by hyphenation only, gives the same grade on easy words."""
    from checks_helpers import context
    from textstat.backend import metrics

    from editor.core.checks import reading_levels

    text = "The dog ran to the park. We sat in the sun and ate lunch. Then we went home to rest."
    ours = reading_levels(context(text)).grade
    theirs = metrics.flesch_kincaid_grade(text, "en-US")  # "en-US": no CMU dictionary, hyphenation only
    assert ours is not None and abs(ours - theirs) < 0.05


def test_checks_run_offline_without_nltk_data() -> None:
    """With sockets forbidden and NLTK pointed at an empty folder, the readability checks still work."""
    script = textwrap.dedent("""
        import sys
        def guard(event, args):
            if event.startswith("socket.") and event not in ("socket.__new__",):
                raise RuntimeError("network access: " + event)
        sys.addaudithook(guard)
        import nltk
        nltk.data.path[:] = []
        def refuse(*a, **k):
            raise RuntimeError("nltk.download called")
        nltk.download = refuse
        from editor.core.checks import CheckContext, reading_levels, run_checks
        from editor.core.post.model import Post
        text = "Pharmacological interventions ameliorate comorbidities. " * 40
        ctx = CheckContext(Post(title="T", body=text))
        codes = [f.code for f in run_checks(ctx)]
        assert "reading-level" in codes, codes
        print(reading_levels(ctx).grade)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout.strip()) > 12
