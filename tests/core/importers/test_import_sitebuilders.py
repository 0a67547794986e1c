"""Saved pages from common clinic site builders: citations keep their targets, nothing is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from import_helpers import ARTICLE, SECTIONS, TITLE
from sitebuilders import (
    AUTHOR_CREDENTIALS,
    AUTHOR_NAME,
    BANNER,
    BUILDERS,
    ORPHANS,
    REFERENCES,
    RELATED,
    Builder,
)

from editor.core.importers import import_path, parse_file
from editor.core.library import Library

_MARK = re.compile(r"\{(\d)\}")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _save(tmp_path: Path, builder: Builder) -> Path:
    path = tmp_path / f"{builder.name}.html"
    path.write_text(builder.page(), encoding="utf-8")
    return path


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.name)
def test_every_citation_keeps_its_target(tmp_path: Path, builder: Builder) -> None:
    post = parse_file(_save(tmp_path, builder))
    assert post.title == TITLE
    assert post.sections == SECTIONS
    assert [entry.number for entry in post.references] == [1, 2, 3, 4]  # read once: not 8, not 12
    assert [entry.text for entry in post.references] == REFERENCES
    assert post.unresolved == ORPHANS
    assert post.citations == 6
    paragraphs = post.body.split("\n\n")
    for _, texts in ARTICLE:
        for text in texts:
            prose = _words(_MARK.sub("", text))
            found = [p for p in paragraphs if " ".join(prose) in " ".join(_words(re.sub(r"\[@[^\]]*\]", "", p)))]
            assert len(found) == 1, f"paragraph lost or split: {text[:40]}"
            for number in map(int, _MARK.findall(text)):
                key = f"ref-{number}" if number <= len(REFERENCES) else f"missing-{number}"
                assert f"[@{key}]" in found[0]  # "(5)" never points at another source
    assert "Wilding" not in post.body and "Centers for Disease Control" not in post.body


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.name)
def test_the_report_says_where_everything_went(tmp_path: Path, builder: Builder) -> None:
    post = parse_file(_save(tmp_path, builder))
    where = {(line.destination, line.text) for line in post.report}
    assert ("title", TITLE) in where
    assert sum(line.destination == "reference" for line in post.report) == 4
    assert any(line.destination == "body" and line.text == "Heart health" for line in post.report)
    dropped = [line for line in post.report if line.destination == "dropped"]
    assert all(line.note for line in dropped)
    assert not any(line.note == "page text outside the article" for line in dropped)
    assert TITLE not in {line.text for line in dropped}  # the h1 is the title, not chrome


def test_medical_practice_author_related_and_banner(tmp_path: Path) -> None:
    builder = next(b for b in BUILDERS if b.name == "medical-practice")
    post = parse_file(_save(tmp_path, builder))
    assert post.author is not None
    assert (post.author.name, post.author.credentials) == (AUTHOR_NAME, AUTHOR_CREDENTIALS)
    assert [(entry.title, entry.chapter) for entry in post.related] == RELATED
    assert post.banner == BANNER
    assert not post.to_post().show_banner
    notes = {line.note for line in post.report if line.destination == "dropped"}
    assert any(note.startswith("repeated reference list") for note in notes)


def test_wordpress_block_author_block(tmp_path: Path) -> None:
    post = parse_file(_save(tmp_path, BUILDERS[0]))
    assert post.author is not None and (post.author.name, post.author.credentials) == ("Jane A. Smith", "PA-C")


def test_stored_post_links_real_sources_and_keeps_orphans(library: Library, tmp_path: Path) -> None:
    builder = next(b for b in BUILDERS if b.name == "medical-practice")
    result = import_path(library, _save(tmp_path, builder))
    assert (result.citations, result.references, result.orphans) == (6, 4, 2)
    assert (result.references_created, result.references_matched) == (4, 0)
    post = library.posts.get(result.slug)
    assert "[@missing-5]" in post.body and "[@missing-6]" in post.body
    assert len(library.references.list()) == 4
    assert post.related == ["Sleep Less, Weigh More? (Chapter 9)", "Snacks That Keep You Full (Chapter 10)"]
    author = library.authors.get(post.author_id)  # type: ignore[arg-type]
    assert author.display_name == "Jane A. Smith, PA-C"
    assert post.banner == BANNER and not post.show_banner


def test_a_different_list_in_the_sidebar_is_reported_never_read(tmp_path: Path) -> None:
    builder = next(b for b in BUILDERS if b.name == "wordpress-classic")
    other = "<ol><li>https://example.org/other-one</li><li>https://example.org/other-two</li>" + "".join(
        f"<li>https://example.org/more-{n}</li>" for n in range(3, 7)
    ) + "</ol>"
    page = re.sub(r'(<section class="widget widget_text"><h2 class="widget-title">References</h2>)<ol>.*?</ol>',
                  lambda m: m.group(1) + other, builder.page(), flags=re.S)
    path = tmp_path / "different.html"
    path.write_text(page, encoding="utf-8")
    post = parse_file(path)
    assert [entry.text for entry in post.references] == REFERENCES
    assert post.unresolved == ORPHANS  # 5 and 6 exist only in the sidebar list: still orphans
    assert "example.org" not in post.body
    assert sum("different reference list" in line.note for line in post.report) == 6
