"""The hostile files of the v0.1 report, each refused with one clear PostImportError:
a YAML "billion laughs", out-of-range numbers, a zip bomb, deep nesting, and any import
that runs past its time or memory bound."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from editor.core.foundation.errors import PostImportError
from editor.core.foundation.limits import MAX_DOCX_ENTRIES, MAX_DOCX_UNCOMPRESSED, MAX_MARKDOWN_DEPTH
from editor.core.importers import import_path, parse_file, parse_text
from editor.core.importers.bounded import parse_file_bounded
from editor.core.library import Library

BILLION_LAUGHS = """---
title: x
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
---
body
"""


@pytest.fixture
def lib(tmp_path: Path):
    library = Library.open(tmp_path / "library.db", seed=False)
    yield library
    library.close()


def test_billion_laughs_front_matter_is_refused(tmp_path: Path, lib: Library) -> None:
    path = tmp_path / "lol.md"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    assert path.stat().st_size < 400
    with pytest.raises(PostImportError, match=r"lol\.md: the YAML front matter uses an alias \(\*name\) \(line 4\)"):
        import_path(lib, path)
    assert lib.posts.list() == []


def test_front_matter_over_its_size_cap_is_refused() -> None:
    text = "---\ntitle: x\nsummary: " + "w " * 40_000 + "\n---\nbody\n"
    with pytest.raises(PostImportError, match="post.md: the YAML front matter is too large"):
        parse_text(text, "post.md")


@pytest.mark.parametrize("value", ["1e20", "1.0e+20", "-1", "true", "[1]", "99999999999999999999"])
def test_series_number_out_of_range_is_a_clear_error(tmp_path: Path, lib: Library, value: str) -> None:
    path = tmp_path / "post.md"
    path.write_text(f"---\ntitle: Chapter post\nseries_number: {value}\n---\nbody\n", encoding="utf-8")
    with pytest.raises(PostImportError, match="'series_number' should be a whole number from 0 to 100000"):
        import_path(lib, path)


def test_series_number_in_range_is_kept() -> None:
    assert parse_text("---\ntitle: x\nchapter: 3.0\n---\nbody\n", "post.md").series_number == 3


def test_deeply_nested_markdown_list_of_9_mb_is_refused(tmp_path: Path) -> None:
    lines, size, depth = [], 0, 0
    while size < 9_000_000:
        line = "  " * depth + "- item\n"
        lines.append(line)
        size += len(line)
        depth = 0 if depth > 2000 else depth + 1
    path = tmp_path / "nested.md"
    path.write_text("# Nested\n\n" + "".join(lines), encoding="utf-8")
    limit = MAX_MARKDOWN_DEPTH
    with pytest.raises(PostImportError, match=rf"nested\.md: line {limit + 4} nests lists or quotes more than {limit}"):
        parse_file_bounded(path)


def test_deeply_nested_html_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    path.write_text("<html><body><article><h1>T</h1>" + "<ul><li>x" * 300_000 + "</article></body></html>")
    with pytest.raises(PostImportError, match=r"nested\.html: the HTML nests its elements more than 200 deep"):
        parse_file(path)


def test_ordinary_html_with_optional_end_tags_is_not_deep() -> None:
    items = "".join(f"<li>point {n}<p>para" for n in range(500))
    post = parse_text(f"<html><body><article><h1>Title</h1><p>Intro text here.</p><ul>{items}</ul>"
                      "</article></body></html>", "page.html")
    assert "point 499" in post.body


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("A Word post", level=1)
    document.add_paragraph("Some text for the post.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(tmp_path: Path, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None,
           count: int = 0) -> Path:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    path = tmp_path / "hostile.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info.filename)))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
        for number in range(count):
            target.writestr(f"word/media/x{number}.bin", b"")
    return path


def test_docx_zip_bomb_is_refused_from_its_directory(tmp_path: Path) -> None:
    path = _rezip(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("word/media/bomb.bin", "w", force_zip64=True) as bomb:
            chunk = bytes(16 * 1024 * 1024)
            for _ in range(MAX_DOCX_UNCOMPRESSED // len(chunk) + 1):
                bomb.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(PostImportError, match=r"hostile\.docx: the Word document, uncompressed, is too large"):
        parse_file(path)


def test_docx_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    path = _rezip(tmp_path, count=MAX_DOCX_ENTRIES)
    with pytest.raises(PostImportError, match=r"hostile\.docx: the Word document holds \d+ files"):
        parse_file(path)


def test_docx_with_deeply_nested_xml_is_refused(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes())).read("word/document.xml").decode("utf-8")
    deep = "<w:sdt><w:sdtContent>" * 5000 + "<w:p/>" + "</w:sdtContent></w:sdt>" * 5000
    hostile = source.replace("<w:body>", "<w:body>" + deep, 1)
    path = _rezip(tmp_path, replace={"word/document.xml": hostile.encode("utf-8")})
    with pytest.raises(PostImportError, match=r"hostile\.docx: word/document\.xml nests its elements more than 128"):
        parse_file(path)


def test_ordinary_docx_passes_the_checks(tmp_path: Path) -> None:
    path = tmp_path / "post.docx"
    path.write_bytes(_docx_bytes())
    assert parse_file(path).title == "A Word post"


def _big_markdown(tmp_path: Path) -> Path:
    path = tmp_path / "big.md"
    path.write_text("# Big\n\n" + "".join(f"- item number {n} with some words\n" for n in range(300_000)))
    return path


def test_an_import_past_its_time_bound_is_stopped(tmp_path: Path) -> None:
    with pytest.raises(PostImportError, match=r"big\.md: reading the file took longer than 0\.2 seconds"):
        parse_file_bounded(_big_markdown(tmp_path), seconds=0.2)


def test_an_import_past_its_memory_bound_is_stopped(tmp_path: Path) -> None:
    with pytest.raises(PostImportError, match=r"big\.md: reading the file needed more memory than an import may use"):
        parse_file_bounded(_big_markdown(tmp_path), memory=200 * 1024 * 1024)


def test_a_bounded_import_gives_the_same_post(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: Same\ntags: [a, b]\n---\n\nIntro.\n\n## One\n\nText.\n", encoding="utf-8")
    assert parse_file_bounded(path) == parse_file(path)


def _descendants_niceness(root: int) -> dict[int, int]:
    """pid → niceness of every process below ``root`` (Linux /proc)."""
    stats: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[16]))
    below, frontier = {}, {root}
    while frontier:
        frontier = {pid for pid, (parent, _nice) in stats.items() if parent in frontier}
        below.update({pid: stats[pid][1] for pid in frontier})
    return below


def test_the_bounded_child_gives_way_to_the_app(tmp_path: Path) -> None:
    import os
    import threading

    path = _big_markdown(tmp_path)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (parse_file_bounded(path, seconds=60), done.set()), daemon=True)
    worker.start()
    ours = os.nice(0)
    seen: set[int] = set()
    while not done.is_set() and not seen:
        seen = {nice for nice in _descendants_niceness(os.getpid()).values() if nice > ours}
    worker.join(120)
    assert seen == {ours + 10}  # the parse ran niced; the app (this process) kept its priority
    assert os.nice(0) == ours


def test_an_import_starts_under_a_temporary_folder_too_long_for_a_unix_socket(tmp_path: Path) -> None:
    """The fork server's socket lives under TMPDIR; where that path would not fit, the import still runs."""
    import os
    import subprocess
    import sys

    long_tmp = tmp_path / ("t" * 60) / ("m" * 60)
    long_tmp.mkdir(parents=True)
    post = tmp_path / "post.md"
    post.write_text("# A title\n\nA paragraph.\n", encoding="utf-8")
    code = ("import sys\nfrom editor.core.importers.bounded import parse_file_bounded\n"
            "print(parse_file_bounded(sys.argv[1]).title)\n")
    done = subprocess.run([sys.executable, "-c", code, str(post)], env={**os.environ, "TMPDIR": str(long_tmp)},
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "A title"
