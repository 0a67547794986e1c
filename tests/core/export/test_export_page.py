"""Page, fragment, preview shell and site exports from a real library file."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from export_helpers import make_library

from editor.core.checks import dismiss
from editor.core.export import PublishBlockedError, export_all, export_post, render_preview_shell
from editor.core.foundation.errors import ExportError, ValidationError
from editor.core.library.page_inputs import article_inputs
from editor.core.render.near_screen import FROM_CHARACTERS, NEAR_SCREEN_CSS
from editor.core.render.page import PREVIEW_CSP
from editor.core.render.renderer import IncrementalRenderer


@pytest.fixture
def lib(tmp_path: Path):
    library = make_library(tmp_path / "library.sqlite")
    yield library
    library.close()


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_page_has_the_semantic_structure(lib, tmp_path: Path) -> None:
    result = export_post(lib, "glp1-what-to-know", "page", tmp_path / "out" / "post.html")
    html = result.path.read_text(encoding="utf-8")
    assert result.path == tmp_path / "out" / "post.html"
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<article") == 1 and html.count("<h1>") == 1
    assert '<div id="post-body"><section id="intro" class="post-section">' in html
    for anchor in ("how-glp-1-medications-work", "what-the-trials-found", "side-effects",
                   "what-happens-when-you-stop", "is-it-right-for-you"):
        assert f'<section id="{anchor}" class="post-section"><h2>' in html
    assert '<ol id="reference-list" class="references"><li id="ref-wilding2021">' in html
    assert '<meta name="description" content="How semaglutide and tirzepatide work' in html
    assert '<link rel="canonical" href="https://clinic.example/blog/glp1-what-to-know">' in html
    assert '<meta property="og:title" content="GLP-1 Medications for Weight Loss: What Patients Should Know">' in html
    assert '<meta property="og:site_name" content="Riverside Clinic Blog">' in html
    assert '<aside class="author-box"' in html and "Jordan has cared for patients" in html
    assert '<p class="author-title">Physician Assistant</p>' in html
    assert '<aside class="promo-banner"><p>New patients welcome: <a href="https://clinic.example/book"' in html
    assert ('<li><a href="https://clinic.example/blog/sleep-and-weight">Sleep Less, Weigh More? '
            "How Sleep Shapes Appetite</a></li>") in html
    assert "<li>Protein at breakfast</li>" in html
    assert '<link rel="stylesheet" href="assets/site.css">' in html


def test_page_writes_its_assets(lib, tmp_path: Path) -> None:
    result = export_post(lib, "glp1-what-to-know", "page", str(tmp_path / "out") + "/")
    assert result.path == tmp_path / "out" / "glp1-what-to-know.html"
    html = result.path.read_text(encoding="utf-8")
    names = sorted(p.name for p in (tmp_path / "out" / "assets").iterdir())
    assert "site.css" in names and len(names) == 3  # stylesheet, author photo, chart
    for name in names:
        if name.endswith(".png"):
            assert f'src="assets/{name}"' in html
    assert "asset:" not in html.replace("assets/", "")


def test_json_ld_medical_web_page(lib, tmp_path: Path) -> None:
    html = export_post(lib, "glp1-what-to-know", "page", tmp_path / "p.html").path.read_text(encoding="utf-8")
    data = json_ld(html)
    assert data["@type"] == "MedicalWebPage"
    assert data["headline"].startswith("GLP-1 Medications")
    assert data["author"] == {"@type": "Person", "name": "Jordan Ellis", "honorificSuffix": "PA-C",
                              "jobTitle": "Physician Assistant"}
    assert data["reviewedBy"]["name"] == "Jordan Ellis"
    assert data["lastReviewed"] == "2026-10-01"
    assert data["datePublished"] and data["dateModified"]
    assert data["url"] == "https://clinic.example/blog/glp1-what-to-know"
    assert len(data["citation"]) == 6
    assert data["citation"][0]["url"] == "https://doi.org/10.1056/NEJMoa2032183"


def test_blog_posting_and_parentheses_override(lib, tmp_path: Path) -> None:
    lib.settings.set("schema_type", "BlogPosting")
    post = lib.posts.get("glp1-what-to-know")
    lib.posts.save(post.replace(citation_display="parentheses"), reason="save")
    html = export_post(lib, "glp1-what-to-know", "page", tmp_path / "p.html").path.read_text(encoding="utf-8")
    data = json_ld(html)
    assert data["@type"] == "BlogPosting" and "lastReviewed" not in data and "reviewedBy" not in data
    assert 'placebo <span class="citation">(<a href="#ref-wilding2021">1</a>)</span>' in html


def test_style_option_changes_entries(lib, tmp_path: Path) -> None:
    html = export_post(lib, "glp1-what-to-know", "fragment", tmp_path / "f.html", style="apa").path.read_text()
    assert "Wilding, J. P. H., Batterham, R. L." in html
    with pytest.raises(ValidationError, match="not one of the bundled CSL styles"):
        export_post(lib, "glp1-what-to-know", "fragment", tmp_path / "g.html", style="no-such-style")
    assert not (tmp_path / "g.html").exists()


def test_fragment_is_the_article_only(lib, tmp_path: Path) -> None:
    html = export_post(lib, "glp1-what-to-know", "fragment", tmp_path / "f.html").path.read_text()
    assert html.startswith('<article class="post">') and html.rstrip().endswith("</article>")
    assert "<head>" not in html and "<script" not in html
    assert 'id="reference-list"' in html and 'class="author-box"' in html


def test_preview_shell_contract(lib) -> None:
    post = lib.posts.get("glp1-what-to-know")
    rendered = IncrementalRenderer(lib.references.resolve_many).render(post.body)
    html = render_preview_shell(article_inputs(lib, post), rendered)
    assert f'<meta http-equiv="Content-Security-Policy" content="{PREVIEW_CSP.replace(chr(39), "&#39;")}">' in html
    assert "<script" not in html
    assert "<style>" in html and "sup.citation" in html and "<link rel=\"stylesheet\"" not in html
    assert re.search(r'<img alt="Weight over time" src="postwright-asset:\d+">', html)
    assert 'class="author-photo" src="postwright-asset:' in html
    for section in rendered.sections:
        assert section.html in html  # the patch unit appears verbatim
    assert rendered.reference_list_html in html
    no_refs = IncrementalRenderer(lib.references.resolve_many).render("No refs.\n")
    empty = render_preview_shell(article_inputs(lib, post), no_refs)
    assert '<ol id="reference-list" class="references"></ol>' in empty
    # No references: the section stays for patching, but the heading is not shown.
    assert '<section class="references-section" aria-labelledby="references-heading" hidden>' in empty
    assert 'aria-labelledby="references-heading">' in html


def test_a_long_posts_preview_lays_out_near_the_screen_and_its_exports_everything(lib, tmp_path: Path) -> None:
    post = lib.posts.get("glp1-what-to-know")
    rendered = IncrementalRenderer(lib.references.resolve_many).render(post.body)
    inputs = article_inputs(lib, post)
    assert "content-visibility" not in render_preview_shell(inputs, rendered)  # an ordinary post
    long_body = post.body + "\n\n" + "\n\n".join(f"## Part {n}\n\n" + "Plain words here. " * 60
                                                   for n in range(90))
    assert len(long_body) >= FROM_CHARACTERS
    long_post = replace(post, body=long_body)
    long_inputs = article_inputs(lib, long_post)
    long_rendered = IncrementalRenderer(lib.references.resolve_many).render(long_body)
    assert NEAR_SCREEN_CSS.strip() in render_preview_shell(long_inputs, long_rendered)
    # A draft of the long post's beginning is laid out the same way: the whole post's length decides.
    assert NEAR_SCREEN_CSS.strip() in render_preview_shell(inputs, rendered, markdown_length=len(long_body))
    assert "content-visibility" not in render_preview_shell(long_inputs, long_rendered, markdown_length=100)
    lib.posts.save(long_post)
    page = export_post(lib, long_post.slug, "page", tmp_path / "long.html").path.read_text()
    assert "content-visibility" not in page


def test_user_templates_override(lib, tmp_path: Path) -> None:
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "site.css").write_text("body { color: rebeccapurple; }\n")
    (folder / "_related.html.j2").write_text('<p class="custom">{{ related|length }} more: {{ post.title }}</p>\n')
    lib.settings.set("templates_dir", str(folder))
    result = export_post(lib, "glp1-what-to-know", "page", tmp_path / "out" / "p.html")
    html = result.path.read_text()
    assert '<p class="custom">2 more: GLP-1 Medications' in html and "You might also enjoy" not in html
    assert (tmp_path / "out" / "assets" / "site.css").read_text() == "body { color: rebeccapurple; }\n"
    (folder / "_related.html.j2").write_text("{% if %}\n")
    with pytest.raises(ExportError, match="has an error on line 1"):
        export_post(lib, "glp1-what-to-know", "page", tmp_path / "out" / "q.html")
    assert not (tmp_path / "out" / "q.html").exists()


def test_export_all_writes_published_posts_and_index(lib, tmp_path: Path) -> None:
    lib.posts.create(lib.posts.get("sleep-and-weight").replace(id=None, slug="draft-one", title="Draft",
                                                                status="draft"))
    seen = []
    site = export_all(lib, tmp_path / "site", progress=lambda done, total, slug: seen.append((done, total, slug)),
                      allow_warnings=True)
    names = sorted(p.name for p in site.pages)
    assert names == ["glp1-what-to-know.html", "sleep-and-weight.html"]
    assert [s[:2] for s in seen] == [(1, 2), (2, 2)]
    index = (tmp_path / "site" / "index.html").read_text()
    assert '<a href="glp1-what-to-know.html">' in index and "Draft" not in index
    glp1 = (tmp_path / "site" / "glp1-what-to-know.html").read_text()
    assert (tmp_path / "site" / "assets" / "site.css").exists()
    assert '<a href="sleep-and-weight.html">Sleep Less' in glp1


def test_failed_export_leaves_no_file(lib, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError, match="Cannot write"):
        export_post(lib, "glp1-what-to-know", "page", blocker / "post.html")
    assert blocker.read_text() == "not a folder"
    with pytest.raises(ExportError, match="is a file"):
        export_all(lib, blocker)
    with pytest.raises(ValidationError, match="Unknown export format"):
        export_post(lib, "glp1-what-to-know", "pdf", tmp_path / "x.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "library.sqlite"] or all(
        not p.name.endswith((".html", ".tmp")) for p in tmp_path.iterdir()
    )


def test_a_missing_image_blocks_the_export_until_dismissed_with_a_reason(lib, tmp_path: Path) -> None:
    post = lib.posts.get("sleep-and-weight")
    post = lib.posts.save(post.replace(body=post.body + "\n![Gone](asset:999)\n"), reason="save")
    with pytest.raises(PublishBlockedError) as refused:
        export_post(lib, "sleep-and-weight", "page", tmp_path / "s.html")
    [error] = refused.value.result.errors
    assert error.code == "image-missing" and not (tmp_path / "s.html").exists()
    dismiss(lib, post.id, error.fingerprint, reason="The picture comes back next week.", finding=error)
    result = export_post(lib, "sleep-and-weight", "page", tmp_path / "s.html")
    assert result.missing_assets == [999]
    assert 'src="assets/missing-999"' in result.path.read_text()


def test_a_banner_the_author_has_not_kept_is_not_exported(lib, tmp_path: Path) -> None:
    post = lib.posts.get("glp1-what-to-know")
    lib.posts.save(post.replace(show_banner=False), reason="save")
    html = export_post(lib, "glp1-what-to-know", "page", tmp_path / "out" / "post.html").path.read_text("utf-8")
    assert "promo-banner" not in html and "New patients welcome" not in html
    markdown = export_post(lib, "glp1-what-to-know", "markdown", tmp_path / "out" / "post.md").path.read_text("utf-8")
    assert "New patients welcome" not in markdown
