"""Files that cannot be imported get one clear error naming them."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from editor.core.foundation.errors import PostImportError
from editor.core.importers import parse_file, parse_text
from editor.core.importers.detect import sniff_text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", r"empty\.txt: the file is empty"),
        ("blank.md", b"  \n\t\n", r"blank\.md: the file is empty"),
        ("latin.txt", "Caf\u00e9 au lait".encode("latin-1"), r"latin\.txt: is not valid UTF-8 text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"image\.txt: is a binary file"),
        ("controls.md", bytes(range(1, 31)) * 20, r"controls\.md: is a binary file"),
        ("old.doc", b"\xd0\xcf\x11\xe0 old word", r"old\.doc: cannot import an old Word \.doc file"),
        ("notes.pdf", b"%PDF-1.4", r"notes\.pdf: cannot import a PDF"),
        ("archive.txt", b"PK\x03\x04rest", r"archive\.txt: is a zip archive"),
        ("fake.docx", b"plain text, not a zip", r"fake\.docx: is not a Word document"),
        ("chrome.txt", b"Skip to main content\n\nMenu\n", r"chrome\.txt: no article text found"),
    ],
)
def test_unimportable_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PostImportError, match=message):
        parse_file(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(PostImportError, match=r"nothing\.txt: cannot be read \(there is no such file\)"):
        parse_file(tmp_path / "nothing.txt")
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(PostImportError, match=r"folder\.md: is a folder"):
        parse_file(tmp_path / "folder.md")


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "A Title\n\nSome body text here.\n".encode("utf-16-le"))
    post = parse_file(path)
    assert (post.title, post.body) == ("A Title", "Some body text here.\n")


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(codecs.BOM_UTF8 + b"# Title\n\nBody.\n")
    assert parse_file(path).title == "Title"


@pytest.mark.parametrize("text", ["", "   \n ", "a\x00b"])
def test_unusable_pasted_text(text: str) -> None:
    with pytest.raises(PostImportError, match="pasted text"):
        parse_text(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("Intro\n<div class='x'><p>Para</p></div>", "html"),
        ("---\ntitle: X\n---\nBody", "markdown"),
        ("Intro\n\n## Heading\n\nText", "markdown"),
        ("Plain title\n\nPlain text (1).", "text"),
    ],
)
def test_sniffing(text: str, kind: str) -> None:
    assert sniff_text(text) == kind
