"""``check SLUG [--json]`` and ``check --all`` through the real command line and library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.library import Library
from editor.core.post.model import Post

SUMMARY = "What the trials found about weight after stopping semaglutide, and how to plan ahead."


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    path = tmp_path / "lib.postwright"
    with Library.open(path, seed=False) as lib:
        author = lib.authors.find_or_create("Jordan Ellis", credentials="PA-C")
        common = {"summary": SUMMARY, "author_id": author.id, "last_reviewed": "2099-01-01"}
        lib.posts.create(Post(title="Clean post", slug="clean", body="We walk every day. It helps us.\n", **common))
        lib.posts.create(Post(title="Bad post", slug="bad", body="Intro.\n\n## Risks\n\nCall 555-123-4567 now.\n",
                              **common))
        lib.posts.create(Post(title="Warned post", slug="warned", body="It is a miracle.\n", **common))
        # This clinic lowered promotion to a warning: the warned post has a warning and no error.
        lib.settings.set("checks", {"severity": {"promotional-language": "warning"}})
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_findings_and_exit_status_for_errors(library_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "bad", "--json", "--library", str(library_path))
    assert code == 1
    rows = json.loads(out)
    assert [(r["code"], r["severity"], r["line"], r["column"], r["section"]) for r in rows] == [
        ("phi-suspected", "error", 5, 6, "Risks")]
    assert {"message", "fingerprint", "slug"} <= set(rows[0])


def test_clean_and_warning_only_posts_exit_zero(library_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "clean", "--library", str(library_path))
    assert code == 0 and out.strip() == "clean: no problems found."
    code, out, _ = run(capsys, "check", "warned", "--library", str(library_path))
    assert code == 0 and "promotional-language" in out and "1 warning" in out


def test_all_posts(library_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--all", "--json", "--library", str(library_path))
    assert code == 1
    assert sorted({row["slug"] for row in json.loads(out)}) == ["bad", "warned"]
    code, out, _ = run(capsys, "check", "--all", "--library", str(library_path))
    assert "clean: no problems found." in out and "bad: 1 error" in out


def test_dismiss_from_the_command_line(library_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "bad", "--json", "--library", str(library_path))
    fingerprint = json.loads(out)[0]["fingerprint"]
    code, out, err = run(capsys, "check", "bad", "--dismiss", fingerprint, "--json", "--library", str(library_path))
    assert code == 2 and out == "" and "typed in words" in err  # patient information needs a typed reason
    code, out, _ = run(capsys, "check", "bad", "--dismiss", fingerprint, "--reason", "The clinic's public phone line.",
                       "--json", "--library", str(library_path))
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "check", "bad", "--include-dismissed", "--json", "--library", str(library_path))
    assert code == 1 and len(json.loads(out)) == 1
    code, _, _ = run(capsys, "check", "bad", "--undismiss", fingerprint, "--library", str(library_path))
    assert code == 1


@pytest.mark.parametrize("argv", [["check"], ["check", "bad", "--all"], ["check", "nosuch"],
                                  ["check", "--all", "--dismiss", "abc"], ["check", "bad", "--undismiss", "abc"]])
def test_user_errors_are_one_line(library_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv, "--library", str(library_path))
    assert code == 2 and out == ""  # a usage or input problem (docs/cli.md)
    assert err.startswith("postwright: ") and err.count("\n") == 1 and "Traceback" not in err


def test_claim_families_block_until_a_clinic_lowers_them(library_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--restore", "promotional-language", "--library", str(library_path))
    assert code == 0 and "lowered for this clinic: none" in out
    code, out, _ = run(capsys, "check", "warned", "--json", "--library", str(library_path))
    assert code == 1 and [(r["code"], r["severity"]) for r in json.loads(out)] == [("promotional-language", "error")]
    code, out, _ = run(capsys, "check", "--lower", "promotional-language", "--lower", "uncited-claim", "--library",
                       str(library_path))
    assert code == 0 and "uncited-claim (warning), promotional-language (warning)" in out
    with Library.open(library_path) as lib:
        assert lib.settings.get("checks", None)["severity"] == {"promotional-language": "warning",
                                                               "uncited-claim": "warning"}
    code, out, _ = run(capsys, "check", "warned", "--library", str(library_path))
    assert code == 0 and "1 warning" in out
    code, _, err = run(capsys, "check", "--lower", "reading-level", "--library", str(library_path))
    assert code != 0 and "'reading-level' is not a claim family" in err
