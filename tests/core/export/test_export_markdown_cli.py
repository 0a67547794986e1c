"""Markdown export, and the ``export`` command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from export_helpers import make_library

from editor.cli import main
from editor.core.checks.gate import PublishBlockedError
from editor.core.export import export_post


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    path = tmp_path / "library.sqlite"
    make_library(path).close()
    return path


def split_front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    meta, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(meta), body


def test_markdown_keeps_keys_by_default(library_path: Path, tmp_path: Path) -> None:
    from editor.core.library import Library

    with Library.open(library_path) as lib:
        result = export_post(lib, "glp1-what-to-know", "markdown", tmp_path / "out" / "post.md")
    meta, body = split_front_matter(result.path.read_text(encoding="utf-8"))
    assert meta["title"] == "GLP-1 Medications for Weight Loss: What Patients Should Know"
    assert meta["slug"] == "glp1-what-to-know" and meta["draft"] is False
    assert meta["tags"] == ["weight loss", "semaglutide", "tirzepatide"]
    assert meta["description"].startswith("How semaglutide")
    assert meta["author"] == "Jordan Ellis, PA-C" and meta["last_reviewed"] == "2026-10-01"
    assert meta["canonical_url"] == "https://clinic.example/blog/glp1-what-to-know"
    assert "date" in meta and "lastmod" in meta
    assert "[@wilding2021; @jastreboff2022]" in body
    assert "![Weight over time](assets/" in body and "asset:" not in body.replace("assets/", "")
    assert len(result.assets) == 1 and result.assets[0].exists()


def test_markdown_with_numbers_and_reference_list(library_path: Path, tmp_path: Path) -> None:
    from editor.core.library import Library

    with Library.open(library_path) as lib:
        post = lib.posts.get("glp1-what-to-know")
        lib.posts.save(post.replace(body=post.body + "\nCode `[@ama11]` and [@nokey].\n"), reason="save")
        with pytest.raises(PublishBlockedError, match="citation-unresolved"):
            export_post(lib, "glp1-what-to-know", "markdown", tmp_path / "n.md", citations="numbers")
        assert not (tmp_path / "n.md").exists()
        post = lib.posts.get("glp1-what-to-know")
        lib.posts.save(post.replace(body=post.body.replace(" and [@nokey]", "")), reason="save")
        result = export_post(lib, "glp1-what-to-know", "markdown", tmp_path / "n.md", citations="numbers")
    _meta, body = split_front_matter(result.path.read_text(encoding="utf-8"))
    assert "on placebo.<sup>1</sup>" in body
    assert "high blood pressure.<sup>1,2</sup>" in body
    assert "`[@ama11]`" in body and "[?" not in body
    assert "[@" not in body.replace("`[@ama11]`", "")
    assert "## References\n\n1. Wilding JPH, Batterham RL, Calanna S, et al. Once-weekly semaglutide" in body
    assert "*N Engl J Med*" in body and "6. Centers for Disease Control" in body


def test_cli_export_page_json(library_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli"
    code = main(["export", "glp1-what-to-know", "--format", "page", "--out", f"{out}/", "--style", "apa",
                 "--library", str(library_path), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"] == str(out / "glp1-what-to-know.html") and data["format"] == "page"
    assert data["unresolved"] == [] and len(data["assets"]) == 3
    assert "Wilding, J. P. H." in Path(data["path"]).read_text(encoding="utf-8")


def test_cli_export_all(library_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--all", "--out", str(tmp_path / "site"), "--library", str(library_path)])
    assert code == 1  # both corpus posts have a warning: only clean posts go without --allow-warnings
    out = capsys.readouterr().out
    assert "Exported 0 of 2 published post(s)" in out
    assert "glp1-what-to-know: not exported: 1 warning(s) (use --allow-warnings)" in out
    assert "reading-level" in out and "review-overdue" in out
    code = main(["export", "--all", "--allow-warnings", "--out", str(tmp_path / "site"),
                 "--library", str(library_path)])
    assert code == 0
    out = capsys.readouterr().out
    assert "Exported 2 of 2 published post(s)" in out and "glp1-what-to-know: exported with 1 warning(s)" in out
    assert (tmp_path / "site" / "index.html").exists()


def test_cli_errors_are_one_line(library_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--out", str(tmp_path / "x"), "--library", str(library_path)]) == 2
    assert "either a post's slug or --all" in capsys.readouterr().err
    assert main(["export", "nope", "--out", str(tmp_path / "x"), "--library", str(library_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("postwright: ") and err.count("\n") == 1 and "nope" in err
    assert not (tmp_path / "x").exists()
