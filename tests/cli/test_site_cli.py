"""The website commands against a real WordPress: site add/list/test, publish, import, audit."""

from __future__ import annotations

import io
import json

import pytest
from publish_samples import clean_post

from editor.cli import main
from editor.core.library import Library


@pytest.fixture
def run(library_path, capsys, monkeypatch):
    def run(*argv: str, stdin: str = "", json_output: bool = False):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main([*argv, "--library", str(library_path)] + (["--json"] if json_output else []))
        out, err = capsys.readouterr()
        return code, (json.loads(out) if json_output and out.strip() else out), err
    return run


def test_site_commands_from_adding_to_auditing(run, library_path, wordpress, tmp_path, file_keyring):
    user = wordpress.users["editor"]
    code, _, err = run("site", "add", "clinic", "--url", wordpress.url, "--user", user.login, "--password-stdin",
                       stdin="wrong-password\n")
    assert code == 1 and "Not saved" in err and "refused the user name or Application Password" in err
    code, out, _ = run("site", "add", "clinic", "--url", wordpress.url, "--user", user.login, "--password-stdin",
                       stdin=user.app_password + "\n")
    assert code == 0 and "Saved clinic" in out
    assert file_keyring.get_password(f"Postwright: {wordpress.url}", user.login) == user.app_password
    code, sites, _ = run("site", "list", json_output=True)
    assert sites == [{"name": "clinic", "url": wordpress.url, "user": user.login}]
    with Library.open(library_path) as lib:  # the password is nowhere in the library file
        assert user.app_password not in json.dumps(lib.db.execute("SELECT * FROM sites").fetchall())
        clean_post(lib, slug="cli-sleep", colour=(1, 2, 3))
    code, out, _ = run("site", "test", "clinic")
    assert code == 0 and "can publish" in out
    code, report, _ = run("site", "test", "clinic", json_output=True)
    assert report["can_upload"] and report["can_create_categories"] and report["roles"] == ["editor"]

    code, published, _ = run("publish", "cli-sleep", "--site", "clinic", "--status", "pending", json_output=True)
    assert code == 0 and published["created"] and published["status"] == "pending"
    with wordpress.client_for("administrator") as http:
        http.post(f"/wp-json/wp/v2/posts/{published['remote_id']}", json={"content": "<p>Edited there.</p>"})
    code, _, err = run("publish", "cli-sleep", "--site", "clinic", "--status", "pending")
    assert code == 1 and "was edited on clinic" in err and "--resolve" in err
    code, kept, _ = run("publish", "cli-sleep", "--site", "clinic", "--status", "pending", "--resolve", "ours",
                        json_output=True)
    assert code == 0 and kept["remote_id"] == published["remote_id"] and not kept["created"]

    code, statuses, _ = run("site", "status", "clinic", json_output=True)
    assert code == 0 and statuses == [{"slug": "cli-sleep", "status": "pending", "changed_since_publish": False}]

    code, imported, _ = run("site", "import", "clinic", json_output=True)
    assert code == 0 and imported["imported"] and "cli-sleep" not in imported["imported"]
    report = tmp_path / "report.html"
    code, audited, _ = run("site", "audit", "clinic", "--report", str(report), json_output=True)
    assert audited["posts"] >= 2 and report.is_file() and "Site audit: clinic" in report.read_text()
    assert code == (1 if audited["posts_with_errors"] else 0)
