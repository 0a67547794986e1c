"""Markdown files with and without front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import DATA

from editor.core.checks.store import check_post
from editor.core.foundation.errors import PostImportError
from editor.core.importers import parse_file, parse_text, store_import
from editor.core.importers.markdown import parse_markdown
from editor.core.importers.model import AuthorBox
from editor.core.post.frontmatter import parse_markdown_post


def test_library_form_post_keeps_its_body_verbatim() -> None:
    path = DATA / "glp1-what-to-know.md"
    original = parse_markdown_post(path.read_text(encoding="utf-8")).post
    post = parse_file(path)
    assert post.source_kind == "markdown"
    assert post.title == "GLP-1 Medications for Weight Loss: What Patients Should Know"
    assert post.body == original.body
    assert post.author == AuthorBox("Jordan Ellis", "PA-C")
    assert post.citations == 7 and post.references == [] and post.unresolved == []
    assert post.sections[:2] == ["How GLP-1 medications work", "What the trials found"]
    new = post.to_post()
    assert (new.slug, new.tags, new.summary[:17]) == (
        "glp1-what-to-know",
        ["weight loss", "semaglutide", "tirzepatide"],
        "How semaglutide a",
    )


def test_markdown_without_front_matter_converts_a_numbered_reference_list(tmp_path: Path) -> None:
    path = tmp_path / "exported.md"
    path.write_text(
        "# Walking After Meals (Chapter 4)\n\nA short walk lowers blood sugar [1]. Even ten minutes helps (2).\n\n"
        "## How long\n\nTen to fifteen minutes is enough.\n\n## References\n\n"
        "1. https://pubmed.ncbi.nlm.nih.gov/12345678/\n2. [CDC physical activity](https://www.cdc.gov/physicalactivity/)\n",
        encoding="utf-8",
    )
    post = parse_file(path)
    assert post.title == "Walking After Meals"
    assert post.series_number == 4
    assert post.body == (
        "A short walk lowers blood sugar [@ref-1]. Even ten minutes helps [@ref-2].\n\n"
        "## How long\n\nTen to fifteen minutes is enough.\n"
    )
    assert [(e.number, e.url) for e in post.references] == [
        (1, "https://pubmed.ncbi.nlm.nih.gov/12345678/"),
        (2, "https://www.cdc.gov/physicalactivity/"),
    ]
    assert post.to_post().series_number == 4


def test_markdown_without_a_reference_list_keeps_parenthesised_numbers() -> None:
    post = parse_text("# Steps\n\nDo this in order (1) then (2).\n\n## Next\n\nMore.", "steps")
    assert post.body == "Do this in order (1) then (2).\n\n## Next\n\nMore.\n"
    assert post.citations == 0


def test_scripts_are_removed_from_markdown() -> None:
    post = parse_text(
        '# Title\n\nHello <span onclick="x()">there</span><script>alert(1)</script>.\n\n'
        "[bad](javascript:alert(2)) and `<script>kept in code</script>`\n",
        "md",
    )
    assert post.body == "Hello <span>there</span>.\n\nbad and `<script>kept in code</script>`\n"


def test_bad_front_matter_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: [unclosed\n---\n\nBody\n", encoding="utf-8")
    with pytest.raises(PostImportError, match=r"broken\.md: the YAML front matter cannot be read"):
        parse_file(path)


FRONT_MATTER_POST = """---
title: Sleep and Appetite
author: Jane A. Smith, PA-C
---

Short sleep raises hunger [@spiegel2004]. It also changes what we choose to eat [@greer2013; @st-onge2016].

## What helps

Keep a steady wake time [@irish2015].

## Notes

This miracle routine is guaranteed to cure late-night snacking, and it is 100% safe for everyone who tries it.
"""


def test_front_matter_post_is_imported_as_written(library) -> None:
    """A last section of prose under a reference-like heading is not a reference list."""
    post = parse_markdown(FRONT_MATTER_POST, "sleep.md")
    assert post.body == parse_markdown_post(FRONT_MATTER_POST).post.body
    assert post.references == [] and post.sections == ["What helps", "Notes"]
    assert post.citations == 3
    assert [line.destination for line in post.report] == ["title"] + ["body"] * 5
    result = store_import(library, post)
    stored = library.posts.get(result.slug)
    assert stored.body == post.body and library.references.list() == []
    assert result.citations == 3 and result.references == 0
    found = [f for f in check_post(library, stored) if f.code == "promotional-language"]
    assert [f.section for f in found] == ["Notes"] * 4  # miracle, guaranteed, cure, 100% safe


def test_markdown_without_front_matter_keeps_a_prose_notes_section() -> None:
    text = FRONT_MATTER_POST.split("---\n", 2)[2]
    post = parse_markdown("# Sleep and Appetite\n\n" + text, "sleep.md")
    assert "## Notes" in post.body and "100% safe for everyone" in post.body
    assert post.references == []
    assert any(line.note.startswith("not a reference list") for line in post.report)
