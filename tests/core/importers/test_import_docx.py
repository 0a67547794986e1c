"""Word documents made by the tests with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from import_helpers import legacy_docx_bytes, pixels, png_bytes

from editor.core.foundation.errors import PostImportError
from editor.core.importers import parse_file


def test_formatting_lists_links_tables_and_images_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "rich.docx"
    path.write_bytes(legacy_docx_bytes(with_extras=True))
    post = parse_file(path)
    tail = post.body.split("## Conclusion\n\n", 1)[1]
    assert tail == (
        "Semaglutide works while you take it. Plan ahead for what comes next, and keep your clinician in the loop.\n\n"
        "Talk to your **clinician** and read the *leaflet* from [the CDC](https://www.cdc.gov/obesity/) today.\n\n"
        "- Eat protein at breakfast\n- Walk after dinner\n\n"
        "| Trial | Weeks |\n| --- | --- |\n| STEP 1 | 68 |\n\n"
        "![](import-image:1)\n"
    )
    assert len(post.images) == 1
    image = post.images[0]
    assert (image.placeholder, image.mime, image.filename) == ("import-image:1", "image/png", "image-1.png")
    assert pixels(image.data) == pixels(png_bytes())  # re-encoded without metadata, same picture


def test_heading_levels_are_shifted_below_the_title(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Protein Basics", 0)
    document.add_heading("Why it matters", 2)
    document.add_paragraph("Protein keeps you full.")
    document.add_heading("At breakfast", 3)
    document.add_paragraph("Eggs and yogurt work well.")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "protein.docx"
    path.write_bytes(buffer.getvalue())
    post = parse_file(path)
    assert post.title == "Protein Basics"
    assert post.body == (
        "## Why it matters\n\nProtein keeps you full.\n\n### At breakfast\n\nEggs and yogurt work well.\n"
    )


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    path = tmp_path / "fake.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PostImportError, match=r"fake\.docx: is not a Word document"):
        parse_file(path)


def test_damaged_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><not closed")
    path = tmp_path / "damaged.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PostImportError, match=r"damaged\.docx"):
        parse_file(path)


def test_empty_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path = tmp_path / "blank.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(PostImportError, match=r"blank\.docx: the Word document has no text"):
        parse_file(path)
