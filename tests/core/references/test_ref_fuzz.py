"""Reference files: a broken record is reported with its line; the only exception a parser
may raise is ReferenceImportError, with a message."""

from __future__ import annotations

from fuzz_strategies import CSL_JSON, RIS, WORDS
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.foundation.errors import ReferenceImportError
from editor.core.references.parsers import parse_bytes, parse_text

FUZZ = settings(max_examples=120, deadline=None)


def _parses_or_refuses(text: str) -> None:
    try:
        result = parse_text(text, "refs")
    except ReferenceImportError as error:
        assert str(error).strip()
    else:
        for error in result.errors:
            assert error.line >= 1 and error.message


@FUZZ
@given(CSL_JSON)
def test_csl_json(text: str) -> None:
    _parses_or_refuses(text)


@FUZZ
@given(RIS)
def test_ris(text: str) -> None:
    _parses_or_refuses(text)


@FUZZ
@given(st.lists(st.one_of(WORDS, st.sampled_from(["PMID- 1", "TI  - x", "AU  - Smith J", "DP  - 2021",
                                                  "@article{k,", "title = {x}", "}", "year = 2021,", "\n",
                                                  "author = {A and B}", "{", "@string{a = b}", "doi = {10.1/x}"])),
                max_size=30).map("\n".join))
def test_medline_and_bibtex_like_text(text: str) -> None:
    _parses_or_refuses(text)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        parse_bytes(data, "refs.bin")
    except ReferenceImportError as error:
        assert str(error).strip()
