"""The legacy post imports to the same structure as pasted text, a web page and a .docx."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import BANNER, EXPECTED, REFERENCE_URLS, SECTIONS, TITLE

from editor.core.importers import ImportedPost, parse_file

EXPECTED_BODY = (EXPECTED / "legacy-body.md").read_text(encoding="utf-8")


def check_legacy_structure(post: ImportedPost) -> None:
    assert post.title == TITLE
    assert post.banner == BANNER
    assert post.sections == SECTIONS
    assert post.body == EXPECTED_BODY
    assert [entry.number for entry in post.references] == [1, 2, 3, 4]
    assert [entry.url for entry in post.references] == REFERENCE_URLS
    assert all(entry.cited for entry in post.references)
    assert post.unresolved == [5, 6]
    assert post.citations == 6
    assert post.author is not None
    assert (post.author.name, post.author.credentials) == ("Jordan Ellis", "PA-C")
    assert post.author.bio.startswith("Jordan Ellis, PA-C, is a certified physician assistant")
    assert post.author.bio.endswith("build habits that last.")
    assert [(r.title, r.chapter) for r in post.related] == [
        ("Sleep Less, Weigh More?", 9),
        ("Snacks That Keep You Full", 10),
    ]
    assert [r.label for r in post.related] == ["Sleep and Weight", "Mindful Snacking"]
    for chrome in ("Skip to main content", "References", "Author", "You Might Also Enjoy", "cookies", "Contact"):
        assert chrome not in post.body
    assert "[@missing-5]" in post.body and "[@missing-6]" in post.body
    assert any("Citation 5" in w for w in post.warnings) and any("Citation 6" in w for w in post.warnings)


def test_pasted_text(legacy_text_path: Path) -> None:
    post = parse_file(legacy_text_path)
    assert post.source_kind == "text"
    check_legacy_structure(post)


def test_saved_web_page(legacy_html_path: Path) -> None:
    post = parse_file(legacy_html_path)
    assert post.source_kind == "html"
    check_legacy_structure(post)


def test_word_document(legacy_docx_path: Path) -> None:
    post = parse_file(legacy_docx_path)
    assert post.source_kind == "docx"
    check_legacy_structure(post)


@pytest.mark.parametrize("name", ["legacy.text", "legacy"])
def test_kind_comes_from_content_when_extension_says_nothing(tmp_path: Path, legacy_text_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(legacy_text_path.read_bytes())
    check_legacy_structure(parse_file(path))


def test_web_page_without_extension_is_sniffed(tmp_path: Path, legacy_html_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_bytes(legacy_html_path.read_bytes())
    post = parse_file(path)
    assert post.source_kind == "html"
    check_legacy_structure(post)
