"""``check``, ``export`` and ``export --all`` stop a post at its deadline and name it; the others go on."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.checks import budget, engine
from editor.core.checks.base import SectionCheck
from editor.core.checks.context import CheckContext, Part
from editor.core.checks.finding import Finding
from editor.core.library import Library
from editor.core.post.model import Post

COMMON = {"summary": "What the trials found about weight after stopping semaglutide, and how to plan ahead.",
          "last_reviewed": "2099-01-01", "status": "published"}


class Runaway(SectionCheck):
    """A rule with a catastrophic pattern, met only by the sentence "Freeze me now." (a stand-in)."""

    code = "runaway-rule"
    severity = "warning"

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        if "Freeze me" in part.analysis.text:
            re.match(r"(a+)+$", "a" * 64 + "b")
        return iter(())


@pytest.fixture
def library_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(engine, "CHECK_CLASSES", (*engine.CHECK_CLASSES, Runaway))
    monkeypatch.setattr(budget, "POST_DEADLINE_S", 0.5)
    monkeypatch.setattr(budget, "SECTION_BUDGET_S", 60.0)  # the post deadline, not the section budget, acts
    path = tmp_path / "lib.postwright"
    with Library.open(path, seed=False) as lib:
        author = lib.authors.find_or_create("Jordan Ellis", credentials="PA-C")
        for slug in ("first-post", "frozen-post", "last-post"):
            body = "We walk every day. It helps us.\n" + ("\nFreeze me now.\n" if slug == "frozen-post" else "")
            lib.posts.create(Post(title=slug.replace("-", " ").title(), slug=slug, body=body,
                                  author_id=author.id, **COMMON))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_check_all_reports_the_post_over_its_deadline_and_checks_the_others(
        library_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--all", "--json", "--library", str(library_path))
    assert code == 1
    rows = json.loads(out)
    assert [(r["slug"], r["code"], r["severity"]) for r in rows] == [
        ("frozen-post", "post-over-deadline", "error")]
    assert "“frozen-post” took longer than 0.5 s to check" in rows[0]["message"]
    code, out = run(capsys, "check", "--all", "--library", str(library_path))
    assert "first-post: no problems found." in out and "last-post: no problems found." in out


def test_export_all_leaves_out_the_post_over_its_deadline_and_says_why(
        library_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "export", "--all", "--out", str(tmp_path / "site"), "--library", str(library_path))
    assert code == 1
    assert "frozen-post: not exported: 1 error(s)" in out
    assert "post-over-deadline" in out and "took longer than 0.5 s to export" in out
    assert sorted(p.name for p in (tmp_path / "site").glob("*.html")) == [
        "first-post.html", "index.html", "last-post.html"]


def test_export_of_one_post_over_its_deadline_writes_nothing(
        library_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "frozen-post", "--out", str(tmp_path / "page.html"), "--library", str(library_path)])
    err = capsys.readouterr().err
    assert code != 0 and "“frozen-post” took longer than 0.5 s to export" in err
    assert not (tmp_path / "page.html").exists()
