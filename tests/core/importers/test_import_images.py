"""Images named by an imported source arrive as library assets, each listed in the report."""

from __future__ import annotations

import io
import re
from pathlib import Path

from import_helpers import legacy_docx_bytes
from PIL import Image

from editor.core.importers import import_path, parse_file
from editor.core.library import Library


def _png(color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(out, "PNG")
    return out.getvalue()


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), "blue")
    exif = Image.Exif()
    exif[0x010F] = "ClinicCam"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _assets(body: str) -> list[int]:
    return [int(n) for n in re.findall(r"\(asset:(\d+)[\s)]", body)]


def test_markdown_images_beside_the_file_become_assets_and_missing_ones_are_reported(
    library: Library, tmp_path: Path
) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "plate.png").write_bytes(_png())
    (tmp_path / "walk photo.jpg").write_bytes(_jpeg_with_exif())
    (tmp_path / "notes.txt").write_text("not an image")
    post = tmp_path / "healthy-plate.md"
    post.write_text(
        "# The healthy plate\n\n## Fill half with vegetables\n\n![A plate, half vegetables](images/plate.png)\n\n"
        "A walk after dinner helps too.\n\n![Evening walk](<walk photo.jpg> \"Our walking group\")\n\n"
        "![Chart](images/chart.png)\n\n![Logo](https://example.org/logo.png)\n\n![Notes](notes.txt)\n",
        encoding="utf-8",
    )
    result = import_path(library, post)
    stored = library.posts.get(result.slug)
    assert len(_assets(stored.body)) == 2
    assert '"Our walking group"' in stored.body  # the image title stays
    assert "![Chart](images/chart.png)" in stored.body  # missing: reported, the text kept as written
    assert "![Logo](https://example.org/logo.png)" in stored.body
    data, mime = library.assets.get(_assets(stored.body)[1])
    assert mime == "image/jpeg" and b"ClinicCam" not in data  # metadata stripped before storing
    notes = {line["text"]: line["note"] for line in result.report if line["to"] == "image"}
    assert notes["images/plate.png"] == "copied into the library"
    assert notes["images/chart.png"].startswith("not copied: there is no such file")
    assert notes["https://example.org/logo.png"] == "kept as a link to the web image (not copied)"
    assert notes["notes.txt"].startswith("not copied:")
    assert any("images/chart.png was not copied" in warning for warning in result.warnings)


def test_a_saved_page_takes_its_images_from_its_files_folder(tmp_path: Path) -> None:
    files = tmp_path / "Allergy season_files"
    files.mkdir()
    (files / "pollen.png").write_bytes(_png("yellow"))
    (files / "hero-1024x683.png").write_bytes(_png("green"))
    page = tmp_path / "Allergy season.html"
    page.write_text(
        "<html><body><article><h1>Allergy season</h1><p>Pollen counts rise in spring, and many of our "
        "patients notice itchy eyes first.</p>"
        '<picture><source srcset="./Allergy%20season_files/pollen.webp" type="image/webp">'
        '<img src="./Allergy%20season_files/pollen.png" alt="Pollen under a microscope"></picture>'
        "<p>Rinsing your eyes and keeping windows closed on windy days both help a great deal.</p>"
        '<img src="data:image/gif;base64,R0lGOD" data-src="https://clinic.example/wp-content/uploads/'
        'hero-1024x683.png" alt="A park in bloom">'
        "<p>Call us if over-the-counter medicines do not control your symptoms within two weeks.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    post = parse_file(page)
    assert len(post.images) == 2
    assert "![Pollen under a microscope](import-image:1)" in post.body
    assert "![A park in bloom](import-image:2)" in post.body  # the lazy-loaded web image, saved copy used
    images = [line for line in post.report if line.destination == "image"]
    assert [line.note for line in images] == ["copied into the library", "copied into the library"]


def test_word_pictures_are_collected_cleaned_and_reported(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "with-image.docx"
    path.write_bytes(legacy_docx_bytes(with_extras=True))
    result = import_path(library, path)
    stored = library.posts.get(result.slug)
    assert _assets(stored.body)
    assert any(line["to"] == "image" and line["note"] == "copied into the library" for line in result.report)
