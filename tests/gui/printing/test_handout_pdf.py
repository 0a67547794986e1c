"""Patient handouts as real PDFs, printed by Qt WebEngine from the command line and the dialog."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdf_pages import body_font_size, footer_font_size, page_sizes, page_texts, qr_codes, rendered_line_pitch

from editor.core.library import Library
from editor.core.post.sections import split_sections
from editor.core.render.handout import DISCLAIMER, short_url
from editor.core.render.site_identity import SiteIdentity

SAMPLE = "glp1-what-to-know"
LINE_HEIGHT = 1.45  # resources/css/handout.css
LETTER, A4 = (612, 792), (595, 842)


def _clinic_library(library_path: Path) -> Path:
    with Library.open(library_path) as lib:
        lib.settings.store(SiteIdentity(clinic_name="Riverside Family Clinic", phone="(555) 201-3300",
                                        address="12 Harbor Street\nRiverside, OR 97000"))
        lib.settings.set("site_base_url", "https://riverside.example/blog")
    return library_path


@pytest.fixture
def clinic_library(library_path: Path) -> Path:
    return _clinic_library(library_path)


@dataclass(frozen=True)
class Printed:
    library: Path
    pdf: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    """The sample post's handout printed once by the command line with the default options, for the tests
    that only read that PDF (each print starts WebEngine: seconds). Runs before the per-test fixtures, so
    it gives itself user folders of its own, as ``isolated_user_dirs`` does for each test."""
    folder = tmp_path_factory.mktemp("printed")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("DATA", "CONFIG", "CACHE", "STATE"):
            patch.setenv(f"XDG_{name}_HOME", str(folder / "home" / name.lower()))
        patch.delenv("POSTWRIGHT_LIBRARY", raising=False)
        library = _clinic_library(folder / "library.postwright")
        pdf = folder / "handout.pdf"
        result = cli(library, "export", SAMPLE, "--format", "handout", "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    yield Printed(library, pdf, result)


def cli(library: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "editor", *argv, "--library", str(library)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


def expected_content(library: Path) -> tuple[str, list[str], list[str]]:
    from editor.core.library.page_inputs import article_inputs
    from editor.core.render.page import render_for_export

    with Library.open(library) as lib:
        post = lib.posts.get(SAMPLE)
        rendered = render_for_export(article_inputs(lib, post))
        items = lib.references.resolve_many(rendered.citation_order)
        titles = [str(items[key]["title"]) for key in rendered.citation_order]
    headings = [section.title for section in split_sections(post.body) if section.title]
    return post.title, headings, titles


def words(text: str) -> str:
    return " ".join(re.findall(r"[\w.:/()-]+", text))


def test_cli_handout_holds_every_heading_reference_and_page_number(clinic_library: Path, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    result = cli(clinic_library, "export", SAMPLE, "--format", "handout", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # nothing but the result: no Chromium or Qt chatter
    assert json.loads(result.stdout)["written"] == [{"slug": SAMPLE, "path": str(out)}]
    pages = page_texts(out)
    whole = words("\n".join(pages))
    title, headings, reference_titles = expected_content(clinic_library)
    positions = [whole.index(words(title))] + [whole.index(words(heading)) for heading in headings]
    assert positions == sorted(positions), "headings out of order"
    for reference in reference_titles:
        assert words(reference) in whole
    assert words(short_url("https://www.cdc.gov/obesity/adult-obesity-facts/index.html")) in whole
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Printed " in text and words(DISCLAIMER) in words(text)
    assert "Riverside Family Clinic" in pages[0] and "(555) 201-3300" in pages[0]
    assert "12 Harbor Street" in pages[0] and "Riverside, OR 97000" in pages[0]
    assert "riverside.example/blog/glp1-what-to-know" in words(pages[0]).replace(" ", "")
    assert page_sizes(out) == [LETTER] * len(pages)


@pytest.mark.parametrize(("argv", "points", "size"), [((), 12, LETTER), (("--paper", "a4", "--large-print"), 16, A4)])
def test_type_size_and_paper_are_what_was_asked(
    request: pytest.FixtureRequest, tmp_path: Path, argv: tuple[str, ...], points: int, size: tuple[int, int]
) -> None:
    if argv:
        out = tmp_path / "handout.pdf"
        result = cli(request.getfixturevalue("clinic_library"), "export", SAMPLE, "--format", "handout",
                     "--out", str(out), *argv)
        assert result.returncode == 0, result.stderr
    else:  # the default options: the handout the other tests read
        out = request.getfixturevalue("printed").pdf
    assert set(page_sizes(out)) == {size}
    assert body_font_size(out) == points
    ink, pitch = rendered_line_pitch(out)
    assert 0.01 < ink < 0.5, "the first page looks blank (or solid)"
    assert pitch == pytest.approx(points * LINE_HEIGHT, rel=0.08)
    assert footer_font_size(out) == pytest.approx(12.0 if points == 16 else 8.5, abs=0.2)


@pytest.mark.parametrize("dpi", [72, 150, 300])
def test_the_printed_qr_code_decodes_to_the_canonical_url(printed: Printed, dpi: int) -> None:
    assert printed.result.stdout == f"Wrote {printed.pdf}\n" and printed.result.stderr == ""
    assert qr_codes(printed.pdf, dpi=dpi) == [f"https://riverside.example/blog/{SAMPLE}"]


def test_the_qr_code_points_at_the_published_page_when_the_post_is_live(clinic_library: Path,
                                                                         tmp_path: Path) -> None:
    from editor.core.publish.links import LinkStore
    from editor.core.publish.sites import SiteStore

    live = "https://www.riverside-clinic.example/2026/03/glp1-what-patients-should-know/"
    with Library.open(clinic_library) as lib:
        post = lib.posts.get(SAMPLE)
        site = SiteStore(lib).add("clinic", "https://www.riverside-clinic.example", "erin", "abcd efgh ijkl")
        with lib.transaction():
            remote = {"id": 41, "status": "publish", "link": live, "modified_gmt": "2026-03-02T10:00:00",
                      "title": {"raw": post.title}, "content": {"raw": ""}, "excerpt": {"raw": ""}}
            LinkStore(lib).record(post.id, site, remote, version=post.version)
    out = tmp_path / "handout.pdf"
    assert cli(clinic_library, "export", SAMPLE, "--format", "handout", "--out", str(out)).returncode == 0
    assert qr_codes(out) == [live]
    printed = words(page_texts(out)[0]).replace(" ", "")
    assert "riverside-clinic.example/2026/03/glp1-what-patients-should-know" in printed


def test_a_library_image_prints_on_the_handout(clinic_library: Path, tmp_path: Path) -> None:
    import io

    import pypdfium2
    from PIL import Image

    from editor.core.media.image_refs import image_markdown, store_image

    out = io.BytesIO()
    Image.new("RGB", (320, 180), (214, 28, 160)).save(out, format="PNG")
    with Library.open(clinic_library) as lib:
        post = lib.posts.get(SAMPLE)
        picture = image_markdown(store_image(lib, out.getvalue(), "image/png"), "A magenta test card")
        lib.posts.save(post.replace(body=picture + "\n\n" + post.body))
    pdf = tmp_path / "handout.pdf"
    assert cli(clinic_library, "export", SAMPLE, "--format", "handout", "--out", str(pdf)).returncode == 0
    page = pypdfium2.PdfDocument(str(pdf))[0].render(scale=1).to_pil().convert("RGB")
    magenta = sum(1 for x in range(0, page.width, 2) for y in range(0, page.height, 2)
                  if sum(abs(a - b) for a, b in zip(page.getpixel((x, y)), (214, 28, 160), strict=True)) < 40)
    assert magenta > 1000  # the picture itself, not a blank or a broken-image box


def test_the_pdf_carries_title_author_and_subject(printed: Printed) -> None:
    import pypdf

    with Library.open(printed.library) as lib:
        post = lib.posts.get(SAMPLE)
        author = lib.authors.get(post.author_id).display_name
    meta = pypdf.PdfReader(printed.pdf).metadata
    assert (meta.title, meta.author, meta.subject) == (post.title, author, post.summary)


def test_handout_of_all_published_posts(clinic_library: Path, tmp_path: Path) -> None:
    with Library.open(clinic_library) as lib:
        post = lib.posts.get(SAMPLE)
        post.status = "published"
        lib.posts.save(post)
    result = cli(clinic_library, "export", "--all", "--format", "handout", "--out", str(tmp_path / "site"),
                 "--allow-warnings")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / f"{SAMPLE}.pdf").read_bytes().startswith(b"%PDF")
    assert "1 handout(s) written, 0 left out" in result.stdout
    assert "1 handout(s) written, 0 left out" in result.stdout


def test_a_post_with_patient_details_is_not_printed(clinic_library: Path, tmp_path: Path) -> None:
    with Library.open(clinic_library) as lib:
        post = lib.posts.get(SAMPLE)
        post.body += "\nOur patient Maria Lopez (MRN 00482913, DOB 04/12/1971) did well.\n"
        lib.posts.save(post)
    out = tmp_path / "handout.pdf"
    result = cli(clinic_library, "export", SAMPLE, "--format", "handout", "--out", str(out))
    assert result.returncode == 1
    assert "error(s) must be fixed or dismissed" in result.stderr and "00482913" not in result.stdout
    assert not out.exists() and list(tmp_path.glob("*.pdf")) == []
