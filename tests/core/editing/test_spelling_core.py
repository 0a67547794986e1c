"""Which words are checked, and the speller with its medical and personal words."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.editing.spelling import MEDICAL_WORDS, Speller, load_word_list, spell_tokens
from editor.core.foundation.errors import PostwrightError


def words(line: str) -> list[str]:
    return [word for _start, _end, word in spell_tokens(line)]


def test_tokens_skip_code_urls_citekeys_and_link_targets():
    line = ("Take `dosexx` daily, see https://exmple.org/pth and [the triall](https://x.org/abc) "
            "[@wilding2021; @jastreboff2022, p. 3] <span class=\"xx\">text</span> me@clinc.org")
    found = words(line)
    assert "triall" in found and "text" in found
    for skipped in ("dosexx", "exmple", "pth", "abc", "wilding", "jastreboff", "span", "class", "xx", "clinc"):
        assert skipped not in found


def test_tokens_skip_acronyms_digits_and_camel_case():
    assert words("STEP SURMOUNT GLP-1 HbA1c PubMed T2D insulin") == ["insulin"]


def test_token_offsets_point_at_the_word():
    line = "## Side efects of it's use"
    for start, end, word in spell_tokens(line):
        assert line[start:end] == word
    assert words(line) == ["Side", "efects", "of", "it's", "use"]


def test_curly_apostrophe_is_normalised():
    assert words("don\u2019t") == ["don't"]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller()


def test_medical_terms_are_known_and_typos_are_not(speller):
    text = "Semaglutide and tirzepatide lower HbA1c; pancreatitis is rare; empagliflozin helps the kidneys"
    found = [w for _s, _e, w in spell_tokens(text)]
    assert speller.misspelled(found) == set()
    assert speller.misspelled(["semaglutdie", "nausea", "naussea"]) == {"semaglutdie", "naussea"}


def test_hyphenated_compounds_and_possessives(speller):
    assert speller.is_known("once-weekly")
    assert speller.is_known("semaglutide's")
    assert speller.is_known("clinician's")
    assert not speller.is_known("once-weakly-xq")


def test_suggestions_include_medical_words_and_keep_capitals(speller):
    assert "Semaglutide" in speller.suggestions("Semaglutid")
    assert speller.suggestions("naussea")[0] == "nausea"


def test_personal_words_and_ignore():
    speller = Speller(personal=["Postwright"])
    assert speller.is_known("postwright")
    assert not speller.is_known("Ellisville")
    speller.add_personal("Ellisville")
    assert speller.is_known("ellisville")
    speller.ignore("zorblax")
    assert speller.misspelled(["Zorblax", "qwzzv"]) == {"qwzzv"}


def test_word_list_file_format(tmp_path: Path):
    path = tmp_path / "words.txt"
    path.write_text("# header\nalpha  # trailing comment\n\n beta \n", encoding="utf-8")
    assert load_word_list(path) == ["alpha", "beta"]
    with pytest.raises(PostwrightError, match="missing.txt"):
        load_word_list(tmp_path / "missing.txt")


def test_shipped_medical_list_is_sizeable_and_clean():
    entries = load_word_list(MEDICAL_WORDS)
    assert len(entries) >= 300
    assert len({entry.lower() for entry in entries}) == len(entries)  # no duplicates
    assert all(" " not in entry for entry in entries)
