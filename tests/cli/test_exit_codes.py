"""Exit statuses mean one thing for every command (docs/cli.md): 0 done, 1 findings or refused,
2 usage or input problem.

The commands are walked from the parser itself, so a new command must be added to ``CASES``
with what it answers when it succeeds, when it refuses or finds something, and when its input
is wrong; every command is also run against a library path where there is none.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from publish_samples import clean_post

from editor.cli import build_parser, main
from editor.cli.exit_codes import DONE, REFUSED, USAGE
from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.publish.sites import SiteStore

HERE = Path(__file__).parent
REFS_DATA = HERE.parent / "core" / "references" / "data"
SAMPLE = "glp1-what-to-know"

# command → (arguments, exit status, a phrase stderr holds); "L" is the library, "T" a fresh path
# in the test's folder. Each command lists a case for every status it can end with offline.
CASES: dict[str, list[tuple[list[str], int, str]]] = {
    "new": [(["--title", "A new post"], DONE, ""), (["--title", "Bad", "--slug", "Not A Slug"], USAGE, "slug")],
    "list": [([], DONE, ""), (["--status", "nonsense"], USAGE, "invalid choice")],
    "show": [([SAMPLE], DONE, ""), (["glp1"], USAGE, f"did you mean '{SAMPLE}'?")],
    "search": [(["semaglutide"], DONE, ""), ([], USAGE, "required")],
    "import": [([str(HERE.parent / "_data" / "sleep-and-weight.md")], DONE, ""),
               ([str(HERE.parent / "_data" / "sleep-and-weight.md")], REFUSED, "already imported"),
               (["T"], USAGE, "no such file")],
    "fetch-images": [(["clean"], DONE, ""), (["web-picture"], REFUSED, "was not fetched: cannot connect"),
                     (["clen"], USAGE, "did you mean 'clean'?")],
    "history": [([SAMPLE], DONE, ""), (["glp-1"], USAGE, f"did you mean '{SAMPLE}'?")],
    "restore": [([SAMPLE, "4242"], USAGE, "no revision 4242")],
    "delete": [(["to-delete"], DONE, ""), (["to-delete"], USAGE, "in the trash")],
    "trash": [([], DONE, "")],
    "undelete": [(["in-trash"], DONE, ""), ([SAMPLE], USAGE, "not in the trash")],
    "refs import": [([str(REFS_DATA / "glp1.ris")], DONE, ""),
                    ([str(REFS_DATA / "bad-records.ris")], REFUSED, "record has no title"),
                    ([str(REFS_DATA / "page.html")], USAGE, "page.html")],
    "refs add": [(["--offline", "10.1056/NEJMoa2032183"], DONE, ""), (["not-an-id"], USAGE, "not-an-id")],
    "refs accept": [(["wilding2012", "10.1056/NEJMoa2032183"], USAGE, "did you mean 'wilding2021'")],
    "refs list": [([], DONE, "")],
    "refs show": [(["wilding2021"], DONE, ""), (["wilding2012"], USAGE, "did you mean 'wilding2021'")],
    "refs edit": [(["wilding2021", "--set", "note=seen"], DONE, ""),
                  (["wilding2021", "--set", "colour=blue"], USAGE, "not a CSL field")],
    "refs export": [(["--format", "ris"], DONE, ""), (["--format", "ris", "--out", "L"], USAGE, "nothing was written")],
    "check": [(["clean"], DONE, ""), (["phi"], REFUSED, ""), (["--all", "clean"], USAGE, "not both")],
    "export": [(["clean", "--out", "T"], DONE, ""), (["phi", "--out", "T"], REFUSED, ""),
               (["clean", "--out", "L", "--force"], USAGE, "nothing was written"),
               (["--out", "T"], USAGE, "slug or --all")],
    "publish": [(["clean", "--site", "clinc"], USAGE, "No site named 'clinc'; did you mean 'clinic'?")],
    "site add": [(["clinic", "--url", "https://clinic.example", "--user", "erin", "--no-test"], USAGE,
                  "already a site named 'clinic'")],
    "site edit": [(["clinic", "--user", "erin", "--no-test"], DONE, ""), (["nowhere"], USAGE, "No site named")],
    "site list": [([], DONE, "")],
    "site test": [(["clinc"], USAGE, "did you mean 'clinic'?")],
    "site status": [(["clinc"], USAGE, "did you mean 'clinic'?")],
    "site remove": [(["clinc"], USAGE, "did you mean 'clinic'?"), (["clinic"], DONE, "")],
    "site import": [(["clinc"], USAGE, "did you mean 'clinic'?")],
    "site audit": [(["clinc", "--report", "T"], USAGE, "did you mean 'clinic'?")],
    "identity": [([], DONE, ""), (["--phone", "(555) 201-3300"], DONE, ""),
                 (["--colour", "teal-ish"], USAGE, "not a colour")],
    "new-library": [(["T"], DONE, ""), (["L"], USAGE, "already a file")],
    "backup": [([], DONE, "")],
    "recover": [(["--into", "L"], USAGE, "nothing was written")],
}
NO_LIBRARY_NEEDED = {"new-library"}  # the one command that makes a library where there is none


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> set[str]:
    found: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _commands(sub, (*prefix, name)) or {" ".join((*prefix, name))}
    return found


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "library.postwright"
    with Library.open(path) as lib:  # the sample post and its references, as at the app's first start
        clean_post(lib, slug="clean")
        author = lib.posts.get("clean").author_id
        lib.posts.create(Post(title="Patient details", slug="phi", body="Call Ann Lee at 555-123-4567 today.\n",
                              summary="A post with a phone number.", author_id=author))
        lib.posts.create(Post(title="To delete", slug="to-delete", body="Text.\n"))
        # A picture on a server that is not there: nothing answers on port 9 of this machine.
        lib.posts.create(Post(title="Web picture", slug="web-picture", body="![A plate](http://127.0.0.1:9/p.png)\n"))
        lib.posts.create(Post(title="In the trash", slug="in-trash", body="Text.\n"))
        lib.posts.delete("in-trash")

        SiteStore(lib).add("clinic", "https://clinic.example", "erin", "abcd efgh ijkl mnop qrst uvwx")
    return path


def test_every_command_has_cases():
    assert _commands(build_parser()) == set(CASES)


@pytest.mark.parametrize("command", sorted(CASES))
def test_each_command_exits_with_the_documented_status(command, library, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _NoTerminal())
    for number, (arguments, status, phrase) in enumerate(CASES[command]):
        fresh = str(tmp_path / f"fresh-{number}.out")
        argv = [*command.split(), *(str(library) if a == "L" else fresh if a == "T" else a for a in arguments)]
        code = _status([*argv, "--library", str(library)])
        out, err = capsys.readouterr()
        assert code == status, (argv, out, err)
        assert phrase in err, (argv, err)
        if status != DONE:  # findings are data (stdout); a refusal or a problem is said on stderr
            assert (out + err).strip() and "Traceback" not in err
        if status == USAGE and "invalid choice" not in phrase and "required" not in phrase:
            assert len(err.strip().splitlines()) == 1, err  # one sentence


@pytest.mark.parametrize("command", sorted(set(CASES) - NO_LIBRARY_NEEDED))
def test_a_missing_library_is_a_usage_problem_and_nothing_is_made(command, tmp_path, capsys):
    missing = tmp_path / "mistyped" / "libary.postwright"
    arguments, _, _ = CASES[command][0]
    argv = [*command.split(), *(str(tmp_path / "x.out") if a in ("T", "L") else a for a in arguments)]
    assert _status([*argv, "--library", str(missing)]) == USAGE
    err = capsys.readouterr().err
    assert err == (f"postwright: there is no library at {missing}; to start a new one there, run "
                   f"`postwright new-library {missing}` (or add --create to this command).\n")
    assert not missing.parent.exists()


def test_create_makes_an_empty_library_only_when_asked(tmp_path, capsys):
    path = tmp_path / "clinic.postwright"
    assert main(["list", "--library", str(path), "--create", "--json"]) == DONE
    assert json.loads(capsys.readouterr().out) == [] and path.is_file()
    assert main(["new-library", str(tmp_path / "with-sample.postwright"), "--with-sample"]) == DONE
    assert "with the sample post" in capsys.readouterr().out
    assert main(["list", "--library", str(tmp_path / "with-sample.postwright"), "--json"]) == DONE
    assert [post["slug"] for post in json.loads(capsys.readouterr().out)] == [SAMPLE]


def test_a_new_library_is_never_made_beside_a_database_as_its_companion(library, capsys):
    wal = Path(f"{library}-wal")
    assert not wal.exists()
    assert main(["new-library", str(wal)]) == USAGE
    assert "is the name of the wal file of" in capsys.readouterr().err and not wal.exists()
    assert main(["list", "--library", f"{library}-journal", "--create"]) == USAGE
    assert not Path(f"{library}-journal").exists()


def test_help_names_the_exit_statuses(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == DONE
    assert "0 done, 1 findings or refused, 2 usage or input problem" in " ".join(capsys.readouterr().out.split())


def _status(argv: list[str]) -> int:
    """The exit status of the command line (argparse ends a usage error with SystemExit)."""
    try:
        return main(argv)
    except SystemExit as exited:
        return int(exited.code or 0)


class _NoTerminal:
    """stdin that is not a terminal and holds nothing (a password is never asked for)."""

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        return ""
