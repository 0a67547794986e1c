"""Every way out is gated: the code holds it, and every command that makes website output refuses.

Two enumerations, each failing on anything new it does not know:

* the code: every call of a function that makes a post's website HTML (page, fragment,
  handout, Markdown for a site, the export renderer) is inside ``export/website.py``, the one
  producer, which only takes a post the gate cleared; every caller of that producer is a
  listed exit;
* the command line: every command is listed as an exit (and run here on a post with patient
  details and an unresolved citation: it must refuse, write nothing and contact no site) or
  as not an exit, with the reason.

The GUI's actions are enumerated the same way in ``tests/gui/test_exits_gated_gui.py``.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from exit_samples import BLOCKING_CODES, SLUG, make_blocked_library, recording_site

from editor.cli import build_parser, main
from editor.core.checks.gate import PublishBlockedError
from editor.core.export.handout import prepare_handout
from editor.core.export.website import ClearedPost, clear_for_website
from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.publish.clipboard import website_copy
from editor.core.render.handout import HandoutOptions

EDITOR = Path(__file__).resolve().parents[3] / "editor"

# Functions that make a post's website output; only the one producer may call them.
RAW_PRODUCERS = {"render_page", "render_fragment", "render_handout", "markdown_document", "render_for_export"}
ALLOWED_RAW_CALLS = {
    ("core/export/website.py", "render_page"), ("core/export/website.py", "render_fragment"),
    ("core/export/website.py", "render_handout"), ("core/export/website.py", "markdown_document"),
    ("core/export/website.py", "render_for_export"),
    ("core/render/page.py", "render_page"),  # render_preview_shell: the preview, inside the app, not an exit
}
# Every exit: the modules that take the producer's output somewhere (a file, the clipboard, a site).
EXIT_MODULES = {
    "core/export/exporter.py": "page, fragment and Markdown export; export --all",
    "core/export/handout.py": "the patient handout (PDF)",
    "core/publish/clipboard.py": "Copy for website and Copy HTML",
    "core/publish/publisher.py": "publishing to WordPress (also a pulled site post published again)",
    "core/publish/content.py": "the conflict view's rendering of our side, inside a publish that passed the gate",
}
PRODUCER = {"website_html", "website_markdown", "clear_for_website"}

CLI_EXITS = {
    "export": "page, fragment, Markdown or handout files, one post or --all",
    "publish": "a post to a WordPress site",
}
CLI_NOT_EXITS = {
    "new": "creates a post in the library", "list": "lists library posts", "show": "prints the post's own Markdown",
    "search": "searches the library", "import": "brings files in",
    "fetch-images": "brings the post's web pictures into the library", "history": "lists revisions",
    "restore": "restores a revision in the library", "delete": "moves a post to the trash",
    "trash": "lists or empties the trash", "undelete": "restores from the trash",
    "refs import": "reference data in", "refs add": "reference data in", "refs accept": "reference data in",
    "refs list": "reference data", "refs show": "reference data", "refs edit": "reference data",
    "refs export": "the reference list as RIS/BibTeX/CSL-JSON, no post",
    "check": "findings, not the post", "identity": "the clinic's settings",
    "site add": "site settings", "site edit": "site settings", "site list": "site settings",
    "site test": "a connection test", "site status": "reads statuses from the site",
    "site remove": "site settings", "site import": "brings the site's posts in",
    "site audit": "a report on the site's own posts, for the reviewer", "backup": "a copy of the library file",
    "recover": "a damaged library into a new file", "new-library": "creates an empty library",
}


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[str]:
    for action in parser._actions:  # argparse has no public walk over subcommands
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*path, name))
            return
    if path:
        yield " ".join(path)


def _calls(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name):
                yield func.id
            elif isinstance(func, ast.Attribute):
                yield func.attr


def _code_calls() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(EDITOR.rglob("*.py")):
        found[str(path.relative_to(EDITOR))] = set(_calls(ast.parse(path.read_text(encoding="utf-8"))))
    return found


def test_only_the_one_producer_makes_website_output() -> None:
    raw = {(module, name) for module, calls in _code_calls().items() for name in calls & RAW_PRODUCERS}
    assert raw <= ALLOWED_RAW_CALLS, f"website output made around the gate: {sorted(raw - ALLOWED_RAW_CALLS)}"


def test_every_caller_of_the_producer_is_a_known_exit() -> None:
    callers = {module for module, calls in _code_calls().items() if calls & PRODUCER}
    callers.discard("core/export/website.py")
    assert callers == set(EXIT_MODULES), (
        "a new way out (or one gone): list it in EXIT_MODULES and refuse a blocked post through it here")


def test_a_cleared_post_is_made_only_by_the_gate() -> None:
    makers = {module for module, calls in _code_calls().items() if "ClearedPost" in calls}
    assert makers == {"core/export/website.py"}
    with pytest.raises(TypeError, match="clear_for_website"):
        ClearedPost(Post(title="x"), None, None, None)  # type: ignore[arg-type]


def test_every_command_is_known_as_an_exit_or_not() -> None:
    commands = set(_commands(build_parser()))
    assert not set(CLI_EXITS) & set(CLI_NOT_EXITS)
    assert commands == set(CLI_EXITS) | set(CLI_NOT_EXITS), (
        f"unknown: {sorted(commands - set(CLI_EXITS) - set(CLI_NOT_EXITS))}; "
        f"gone: {sorted((set(CLI_EXITS) | set(CLI_NOT_EXITS)) - commands)}")


@pytest.fixture
def site() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    with recording_site() as (url, seen):
        yield url, seen


@pytest.fixture
def blocked_library(tmp_path: Path, site: tuple[str, list[tuple[str, str]]]) -> Path:
    return make_blocked_library(tmp_path / "lib.postwright", site[0])


def _refused(output: str) -> None:
    for code in BLOCKING_CODES:
        assert code in output, output
    assert "555-201-7788" in output  # the error names what it found, so the author can fix it


@pytest.mark.parametrize("argv", [
    ("export", SLUG, "--format", "page"), ("export", SLUG, "--format", "fragment"),
    ("export", SLUG, "--format", "markdown"), ("export", "--all", "--format", "page"),
    ("publish", SLUG, "--site", "clinic", "--status", "publish"),
])
def test_each_command_line_exit_refuses_a_blocked_post(blocked_library: Path, tmp_path: Path, site,
                                                       capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]):
    out = tmp_path / "out"
    extra = () if argv[0] == "publish" else ("--out", str(out / "post.html") if "--all" not in argv else str(out))
    code = main([*argv, *extra, "--library", str(blocked_library)])
    captured = capsys.readouterr()
    assert code == 1
    _refused(captured.out + captured.err)
    written = sorted(p.name for p in out.rglob("*")) if out.exists() else []
    assert not any(name.startswith(SLUG) or name == "post.html" for name in written), written
    assert site[1] == []  # the gate came before any request to the site


@pytest.mark.parametrize("argv", [("export", SLUG, "--format", "handout"),
                                  ("export", "--all", "--format", "handout")])
def test_the_handout_command_refuses_a_blocked_post(blocked_library: Path, tmp_path: Path, argv: tuple[str, ...]):
    out = tmp_path / "handouts"
    target = str(out / "call-us.pdf") if "--all" not in argv else str(out)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "editor", *argv, "--out", target, "--library",
                             str(blocked_library)], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 1
    _refused(result.stdout + result.stderr)
    assert not list(out.rglob("*.pdf")) if out.exists() else True


def test_copy_for_website_and_the_handout_refuse_in_the_core(blocked_library: Path) -> None:
    with Library.open(blocked_library) as lib:
        post = lib.posts.get(SLUG)
        for attempt in (lambda: website_copy(lib, post), lambda: prepare_handout(lib, post, HandoutOptions()),
                        lambda: clear_for_website(lib, post)):
            with pytest.raises(PublishBlockedError) as refused:
                attempt()
            assert {f.code for f in refused.value.result.errors} >= set(BLOCKING_CODES)
