"""Hostile input never escapes an importer as anything but a PostImportError with a message."""

from __future__ import annotations

from pathlib import Path

from fuzz_strategies import FRONT_MATTER, HTML, WORDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.foundation.errors import PostImportError
from editor.core.importers import parse_file, parse_text
from editor.core.importers.html import parse_html

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _imports_or_refuses(call, *args: object) -> None:
    try:
        call(*args)
    except PostImportError as error:
        assert str(error).strip()


@FUZZ
@given(HTML)
def test_saved_pages_import_or_are_refused_with_a_message(page: str) -> None:
    _imports_or_refuses(parse_html, page, "page.html")


@FUZZ
@given(FRONT_MATTER)
def test_markdown_front_matter_imports_or_is_refused_with_a_message(text: str) -> None:
    _imports_or_refuses(parse_text, text, "post.md")


@FUZZ
@given(st.lists(st.one_of(WORDS, st.sampled_from(["# ", "## ", "- ", "1. ", "> ", "    ", "```", "---", "\n",
                                                  "\n\n", "(1)", "References", "[@x]", "|a|b|", "<div>"])),
                max_size=40).map("".join))
def test_pasted_text_imports_or_is_refused_with_a_message(text: str) -> None:
    _imports_or_refuses(parse_text, text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".docx", ".html", ".md", ".txt", ""]))
def test_arbitrary_bytes_are_refused_or_imported(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"file{suffix}"
    path.write_bytes(b"PK\x03\x04" + data if suffix == ".docx" else data)
    _imports_or_refuses(parse_file, path)
