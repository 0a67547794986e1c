"""Every post command, with and without --json, on a real library file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(library_path, capsys):
    from editor.core.library import Library

    Library.open(library_path).close()  # a library as the app's first start makes it: the sample post

    def run(*argv: str, json_output: bool = False):
        args = [*argv, "--library", str(library_path)] + (["--json"] if json_output else [])
        code = main(args)
        out, err = capsys.readouterr()
        return code, (json.loads(out) if json_output and out.strip() else out), err

    return run


def test_the_first_library_has_the_sample_post(run):
    code, posts, _ = run("list", json_output=True)
    assert code == 0
    assert [p["slug"] for p in posts] == ["glp1-what-to-know"]
    code, text, _ = run("list")
    assert "glp1-what-to-know" in text and "SLUG" in text


def test_new_show_search(run):
    code, created, _ = run("new", "--title", "Sleep and Weight", json_output=True)
    assert code == 0 and created["slug"] == "sleep-and-weight" and created["version"] == 1
    assert "Created second-post: Second post" in run("new", "--title", "Second post")[1]
    code, shown, _ = run("show", "glp1-what-to-know", json_output=True)
    assert shown["author"] == "Jordan Ellis, PA-C" and "## Side effects" in shown["body"]
    assert "Jordan Ellis, PA-C" in run("show", "glp1-what-to-know")[1]
    code, found, _ = run("search", "tirzepatide", json_output=True)
    assert [p["slug"] for p in found] == ["glp1-what-to-know"]
    assert "No post matches" in run("search", "nonexistentword")[1]


def test_import_markdown(run, data_dir):
    code, results, _ = run("import", str(data_dir / "sleep-and-weight.md"), json_output=True)
    assert code == 0 and results[0]["slug"] == "sleep-and-weight" and results[0]["title"].startswith("Sleep Less")
    assert {"to": "title", "text": results[0]["title"], "note": "front matter"} in results[0]["report"]
    code, _, err = run("import", str(data_dir / "sleep-and-weight.md"))
    assert code == 1 and "already imported" in err and "--update" in err  # never a silent duplicate
    code, text, _ = run("import", "--update", str(data_dir / "sleep-and-weight.md"))
    assert code == 0 and "Updated" in text and "sleep-and-weight:" in text and "Body:" in text
    code, text, _ = run("import", "--as-new", str(data_dir / "sleep-and-weight.md"))
    assert code == 0 and "sleep-and-weight-2" in text


def test_import_unreadable_file_is_one_clear_error(run, tmp_path):
    code, _, err = run("import", str(tmp_path / "missing.md"))
    assert code == 2 and "missing.md" in err and "Traceback" not in err


def test_history_restore(run, library_path):
    from editor.core.library import Library

    with Library.open(library_path) as lib:
        post = lib.posts.get("glp1-what-to-know")
        lib.posts.save(post.replace(body="Rewritten."), reason="save")
    code, history, _ = run("history", "glp1-what-to-know", json_output=True)
    assert [h["reason"] for h in history] == ["save", "import"]
    assert "REVISION" in run("history", "glp1-what-to-know")[1]
    code, restored, _ = run("restore", "glp1-what-to-know", str(history[1]["revision"]), json_output=True)
    assert code == 0 and restored["body"].startswith("Medicines that act on the GLP-1")
    assert "Restored glp1-what-to-know" in run("restore", "glp1-what-to-know", str(history[0]["revision"]))[1]


def test_delete_trash_undelete(run):
    assert run("delete", "glp1-what-to-know", json_output=True)[1] == {"slug": "glp1-what-to-know", "deleted": True}
    assert [p["slug"] for p in run("trash", json_output=True)[1]] == ["glp1-what-to-know"]
    assert "glp1-what-to-know" in run("trash")[1]
    assert run("list", json_output=True)[1] == []
    assert "Restored glp1-what-to-know" in run("undelete", "glp1-what-to-know")[1]
    run("delete", "glp1-what-to-know")
    assert run("trash", "--empty", json_output=True)[1] == {"deleted": 1}
    assert "The trash is empty." in run("trash")[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("show", "no-such-post"), "No post with slug 'no-such-post'"),
        (("restore", "glp1-what-to-know", "4242"), "no revision 4242"),
        (("undelete", "glp1-what-to-know"), "not in the trash"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(run, argv, message):
    code, out, err = run(*argv)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_refused_library_through_the_real_entry_point(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\n" * 20)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "list", "--library", str(bad)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("postwright:") and "not a Postwright library" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_text() == "just some notes\n" * 20


def test_environment_variable_selects_the_library(tmp_path, monkeypatch, capsys):
    target = tmp_path / "from-env.postwright"
    monkeypatch.setenv("POSTWRIGHT_LIBRARY", str(target))
    assert main(["new", "--title", "Env post"]) == 2 and not target.exists()  # never made unasked
    assert main(["new", "--title", "Env post", "--create"]) == 0
    assert target.exists()


def test_every_command_has_help(capsys):
    for command in ("new", "list", "show", "search", "import", "history", "restore", "delete", "trash", "undelete"):
        with pytest.raises(SystemExit) as exited:
            main([command, "--help"])
        assert exited.value.code == 0
        assert "--library" in capsys.readouterr().out


def test_no_screen_is_a_clear_message_not_a_crash(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--library", str(tmp_path / "lib.postwright")],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert result.returncode == 1 and "no screen" in result.stderr and "Traceback" not in result.stderr
