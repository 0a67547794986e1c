"""``export`` through the publish gate, on a real library file."""

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
        common = {"summary": SUMMARY, "author_id": author.id, "last_reviewed": "2099-01-01", "status": "published"}
        lib.posts.create(Post(title="Clean post", slug="clean", body="We walk every day. It helps us.\n", **common))
        lib.posts.create(Post(title="Patient post", slug="phi", body="Intro.\n\n## Case\n\nHer MRN: 00482913.\n",
                              **common))
        lib.posts.create(Post(title="Warned post", slug="warned", body="It is a miracle.\n", **common))
        # This clinic lowered promotion to a warning: the warned post has a warning and no error.
        lib.settings.set("checks", {"severity": {"promotional-language": "warning"}})
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_an_error_blocks_export_prints_it_and_writes_nothing(library_path: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "out" / "phi.html"
    code, out, _ = run(capsys, "export", "phi", "--out", str(out_file), "--library", str(library_path))
    assert code == 1 and not out_file.exists()
    assert "Not exported." in out and "phi-suspected (line 5) [Case]" in out and "00482913" in out
    code, out, _ = run(capsys, "export", "phi", "--out", str(out_file), "--json", "--library", str(library_path))
    data = json.loads(out)
    assert code == 1 and data["exported"] is False and [e["code"] for e in data["errors"]] == ["phi-suspected"]


def test_a_dismissal_with_a_typed_reason_lets_it_through(library_path: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "phi", "--json", "--library", str(library_path))
    fingerprint = json.loads(out)[0]["fingerprint"]
    run(capsys, "check", "phi", "--dismiss", fingerprint, "--reason", "A made-up number for a teaching example.",
        "--library", str(library_path))
    code, out, _ = run(capsys, "export", "phi", "--out", str(tmp_path / "p.html"), "--library", str(library_path))
    assert code == 0 and "1 error(s) let through by a dismissal" in out and (tmp_path / "p.html").exists()
    code, out, _ = run(capsys, "export", "--all", "--out", str(tmp_path / "site"), "--library", str(library_path))
    assert code == 1 and "phi: not exported:" not in out  # skipped, but it has no open error
    assert "phi: not exported, 1 error(s) dismissed (use --allow-dismissed)" in out
    code, out, _ = run(capsys, "export", "--all", "--allow-dismissed", "--allow-warnings",
                       "--out", str(tmp_path / "site"), "--library", str(library_path))
    assert code == 0 and "Exported 3 of 3" in out


def test_warnings_never_block_a_single_export(library_path: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "warned", "--out", str(tmp_path / "w.html"), "--library", str(library_path))
    assert code == 0 and "1 warning(s) (not blocking)" in out and "promotional-language" in out


def test_export_all_reports_per_post_and_exports_only_clean_ones(library_path: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    code, out, _ = run(capsys, "export", "--all", "--out", str(site), "--json", "--library", str(library_path))
    data = json.loads(out)
    assert code == 1
    assert {p["slug"]: p["exported"] for p in data["posts"]} == {"clean": True, "phi": False, "warned": False}
    assert sorted(data["skipped"]) == ["phi", "warned"]
    assert sorted(p.name for p in site.glob("*.html")) == ["clean.html", "index.html"]
    code, out, _ = run(capsys, "export", "--all", "--allow-warnings", "--out", str(site), "--library",
                       str(library_path))
    assert code == 1 and "warned: exported with 1 warning(s)" in out and "phi: not exported: 1 error(s)" in out
    assert "phi-suspected" in out


def test_public_contacts_are_set_once_and_dismissals_listed(library_path: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    with Library.open(library_path) as lib:
        post = lib.posts.get("clean")
        lib.posts.save(post.replace(body=post.body + "\nCall our front desk at (555) 201-3344.\n"))
    code, out, _ = run(capsys, "check", "clean", "--library", str(library_path))
    assert code == 1 and "phi-suspected" in out
    code, out, _ = run(capsys, "check", "--public-contact", "555-201-3344", "--library", str(library_path))
    assert code == 0 and "555-201-3344" in out
    code, out, _ = run(capsys, "check", "clean", "--library", str(library_path))
    assert code == 0 and "phi-suspected" not in out
    _, out, _ = run(capsys, "check", "phi", "--json", "--library", str(library_path))
    fingerprint = json.loads(out)[0]["fingerprint"]
    run(capsys, "check", "phi", "--dismiss", fingerprint, "--reason", "A made-up number in a teaching case.",
        "--library", str(library_path))
    code, out, _ = run(capsys, "check", "phi", "--dismissals", "--json", "--library", str(library_path))
    [record] = json.loads(out)
    assert code == 0 and record["reason"] == "A made-up number in a teaching case."
    assert record["code"] == "phi-suspected"
    assert record["dismissed_by"]


def test_export_all_shows_a_count_on_a_terminal_and_clears_it(library_path: Path, tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-c", "import sys; from editor.cli import main; sys.exit(main(sys.argv[1:]))",
             "export", "--all", "--allow-warnings", "--allow-dismissed",
             "--out", str(tmp_path / "site"), "--library", str(library_path)],
            stderr=terminal, stdout=subprocess.PIPE, text=True, timeout=120, check=False)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: everything was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert done.returncode in (0, 1), done.stdout
    text = shown.decode("utf-8")
    assert "Exporting 3/3 " in text and text.endswith("\r\x1b[2K")
    assert "Exporting" not in done.stdout
