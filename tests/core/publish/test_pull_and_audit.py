"""Pulling every post of a real WordPress into the library, and auditing them."""

from __future__ import annotations

import pytest
from publish_samples import clean_post

from editor.core.publish import wordpress as wordpress_module
from editor.core.publish.audit import audit_site, write_audit
from editor.core.publish.publisher import publish_post
from editor.core.publish.pull import import_site
from editor.core.publish.sites import SiteStore


@pytest.fixture
def seeded(library, wordpress):
    """The site holds at least: one clean post of ours and one with a broken citation written on the site.

    Both are deleted from the site afterwards: the WordPress is shared by the whole session, and
    a later import of the site must not meet three copies of "Fasting myths".
    """
    user = wordpress.users["editor"]
    site = SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)
    ours = publish_post(library, site, clean_post(library, slug="pull-clean", colour=(9, 9, 9)), status="publish")
    with wordpress.client_for("editor") as http:
        written = http.post("/wp-json/wp/v2/posts", json={
            "title": "Fasting myths", "status": "pending",
            "content": "<p>Fasting cures diabetes.<sup>7</sup></p><h2>References</h2><ol><li>Smith J. 2001.</li></ol>",
        })
        written.raise_for_status()
    yield ours.remote_id
    with wordpress.client_for("administrator") as http:
        for remote_id in (ours.remote_id, written.json()["id"]):
            http.delete(f"/wp-json/wp/v2/posts/{remote_id}", params={"force": "true"}).raise_for_status()


def _site_ids(wordpress) -> set[int]:
    with wordpress.client_for("administrator") as http:
        answer = http.get("/wp-json/wp/v2/posts", params={"status": "any", "per_page": 100, "context": "edit"})
    return {item["id"] for item in answer.json()}


@pytest.mark.usefixtures("seeded")
def test_import_site_pages_through_every_post_and_keeps_remote_ids(library, wordpress, monkeypatch):
    monkeypatch.setattr(wordpress_module, "PER_PAGE", 2)  # several pages even on a small site
    library.posts.delete("pull-clean")  # the linked post stays linked: it is skipped, not duplicated
    seen = []
    result = import_site(library, "clinic", progress=lambda done, total, title: seen.append((done, total)))
    expected = _site_ids(wordpress)
    linked = {row[0] for row in library.db.execute("SELECT remote_id FROM remote_posts")}
    assert linked == expected and not result.failed
    assert len(result.imported) + len(result.skipped) == len(expected) and len(result.skipped) == 1
    assert seen[-1] == (len(expected), len(expected))
    myth = library.posts.get(next(slug for slug in result.imported if slug.startswith("fasting-myths")))
    assert "Fasting cures diabetes" in myth.body

    again = import_site(library, "clinic")
    assert again.imported == [] and len(again.skipped) == len(expected)


@pytest.mark.usefixtures("seeded")
def test_import_site_can_be_cancelled_between_posts(library, wordpress):
    done: list[int] = []
    result = import_site(library, "clinic", progress=lambda n, total, title: done.append(n),
                         cancelled=lambda: len(done) >= 2)
    assert result.cancelled and len(done) == 2
    assert len(result.imported) + len(result.skipped) == 2


def test_audit_reports_every_post_worst_first_without_touching_the_library(library, wordpress, tmp_path, seeded):
    before = library.db.execute("SELECT count(*) FROM posts").fetchone()[0]
    audit = audit_site(library, "clinic")
    assert library.db.execute("SELECT count(*) FROM posts").fetchone()[0] == before
    assert {p.remote_id for p in audit.posts} == _site_ids(wordpress)
    worst = audit.worst_first()
    myth = next(p for p in audit.posts if p.title == "Fasting myths")
    assert myth.broken_citations and myth.errors
    assert worst[0].errors and len(worst[0].errors) >= len(worst[-1].errors)
    clean = next(p for p in audit.posts if p.remote_id == seeded)  # other tests' posts share its title
    assert clean.grade is not None and clean.words > 20
    report = write_audit(audit, tmp_path / "report.html").read_text()
    assert "Fasting myths" in report and f"<td>{audit.totals['posts']}</td>" in report
    assert len(clean.errors) < len(myth.errors) and worst.index(myth) < worst.index(clean)
    assert report.index("Fasting myths") < report.index("Sleep and your weight")


@pytest.mark.usefixtures("seeded")
def test_audit_reports_a_post_over_its_deadline_and_audits_the_others(library, wordpress, monkeypatch):
    from collections.abc import Iterator

    from editor.core.checks import budget, engine
    from editor.core.checks.base import SectionCheck

    class Runaway(SectionCheck):  # a catastrophic pattern, met only by the post "Fasting myths"
        code = "runaway-rule"
        severity = "warning"

        def run_section(self, ctx, part) -> Iterator:
            if "Fasting cures" in part.analysis.text:
                import re

                re.match(r"(a+)+$", "a" * 64 + "b")
            return iter(())

    monkeypatch.setattr(engine, "CHECK_CLASSES", (*engine.CHECK_CLASSES, Runaway))
    monkeypatch.setattr(budget, "POST_DEADLINE_S", 0.5)
    audit = audit_site(library, "clinic")
    myth = next(p for p in audit.posts if p.title == "Fasting myths")
    assert myth.unreadable and "took longer than 0.5 s to audit" in myth.unreadable
    clean = next(p for p in audit.posts if p.title == "Sleep and your weight")
    assert clean.grade is not None and not clean.unreadable
