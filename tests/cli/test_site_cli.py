"""The website commands against a real WordPress: site add/list/test, publish, import, audit."""

from __future__ import annotations

import io
import json

import httpx
import pytest
from publish_samples import clean_post

from editor.cli import main
from editor.core.library import Library


@pytest.fixture
def run(library_path, capsys, monkeypatch):
    Library.open(library_path, seed=False).close()

    def run(*argv: str, stdin: str = "", json_output: bool = False):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main([*argv, "--library", str(library_path)] + (["--json"] if json_output else []))
        out, err = capsys.readouterr()
        return code, (json.loads(out) if json_output and out.strip() else out), err
    return run


def test_site_commands_from_adding_to_auditing(run, library_path, wordpress, tmp_path, memory_keyring):
    user = wordpress.users["editor"]
    code, _, err = run("site", "add", "clinic", "--url", wordpress.url, "--user", user.login, "--password-stdin",
                       stdin="wrong-password\n")
    assert code == 1 and "Not saved" in err and "not an Application Password" in err
    assert "Users → Profile → Application Passwords" in err and ".." not in err
    code, out, _ = run("site", "add", "clinic", "--url", wordpress.url + "/wp-login.php?redirect_to=x", "--user",
                       user.login, "--password-stdin", stdin=user.app_password + "\n")
    assert code == 0 and f"Saved clinic ({wordpress.url})" in out
    [(service, account)] = memory_keyring.entries
    assert service.startswith("Postwright site ") and account == user.login
    assert memory_keyring.entries[(service, account)] == user.app_password
    code, _, err = run("site", "add", "clinic", "--url", wordpress.url, "--user", user.login, "--password-stdin",
                       stdin=user.app_password + "\n")
    assert code == 2 and "site edit clinic" in err  # a name in use: an input problem (docs/cli.md)
    code, _, err = run("site", "test", "clinc")
    assert code == 2 and "No site named 'clinc'; did you mean 'clinic'?" in err
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
    with Library.open(library_path) as lib, lib.transaction():  # as if they had come in as files, unlinked
        lib.db.execute("DELETE FROM remote_posts WHERE post_id IN (SELECT id FROM posts WHERE slug != 'cli-sleep')")
    code, out, err = run("site", "import", "clinic")
    every = len(imported["imported"]) + len(imported["skipped"])
    assert (code, err) == (0, "") and out == f"clinic: 0 imported, {every} already in the library.\n"
    report = tmp_path / "report.html"
    code, audited, _ = run("site", "audit", "clinic", "--report", str(report), json_output=True)
    assert audited["posts"] >= 2 and report.is_file() and "Site audit: clinic" in report.read_text()
    assert code == (1 if audited["posts_with_errors"] else 0)


def test_cli_publish_keeps_a_live_post_live_and_unpublishes_only_when_told(run, library_path, wordpress):
    user = wordpress.users["author"]
    code, _, _ = run("site", "add", "clinic", "--url", wordpress.url, "--user", user.login, "--password-stdin",
                     stdin=user.app_password + "\n")
    assert code == 0
    with Library.open(library_path) as lib:
        clean_post(lib, slug="cli-live", colour=(4, 5, 6))
    code, created, _ = run("publish", "cli-live", "--site", "clinic", json_output=True)
    assert code == 0 and created["created"] and created["status"] == "draft"  # a new post: a draft unless told
    code, live, _ = run("publish", "cli-live", "--site", "clinic", "--status", "publish", json_output=True)
    assert code == 0 and live["status"] == "publish" and live["remote_id"] == created["remote_id"]
    assert httpx.get(live["link"], timeout=30).status_code == 200

    with Library.open(library_path) as lib:
        post = lib.posts.get("cli-live")
        lib.posts.save(post.replace(body=post.body + "\nUpdated from the command line.\n"))
    code, out, _ = run("publish", "cli-live", "--site", "clinic")
    assert code == 0 and "it stays live" in out
    page = httpx.get(live["link"], timeout=30)
    assert page.status_code == 200 and "Updated from the command line." in page.text

    code, _, err = run("publish", "cli-live", "--site", "clinic", "--status", "draft")
    assert code == 1 and "would take it off the site" in err and "--unpublish" in err
    assert httpx.get(live["link"], timeout=30).status_code == 200
    code, gone, _ = run("publish", "cli-live", "--site", "clinic", "--status", "draft", "--unpublish",
                        json_output=True)
    assert code == 0 and gone["status"] == "draft" and gone["previous_status"] == "publish"
    assert httpx.get(live["link"], timeout=30).status_code == 404


def test_cli_edits_tests_and_removes_a_site_without_losing_links(run, library_path, wordpress):
    editor, author = wordpress.users["editor"], wordpress.users["author"]
    run("site", "add", "clinic", "--url", wordpress.url, "--user", author.login, "--password-stdin",
        stdin=author.app_password + "\n")
    with Library.open(library_path) as lib:
        clean_post(lib, slug="cli-links", colour=(9, 8, 7))
    code, first, _ = run("publish", "cli-links", "--site", "clinic", "--status", "publish", json_output=True)
    assert code == 0

    code, _, err = run("site", "edit", "clinic", "--user", editor.login, "--password-stdin", stdin="wrong\n")
    assert code == 1 and "Not saved" in err
    code, out, _ = run("site", "edit", "clinic", "--name", "riverside", "--user", editor.login, "--password-stdin",
                       stdin=editor.app_password + "\n")
    assert code == 0 and "Saved riverside" in out and "stay linked" in out
    code, report, _ = run("site", "test", "riverside", json_output=True)
    assert code == 0 and report["roles"] == ["editor"]

    code, out, _ = run("site", "remove", "riverside")
    assert code == 0 and "stay linked" in out
    run("site", "add", "clinic", "--url", wordpress.url + "/wp-admin/", "--user", editor.login, "--password-stdin",
        stdin=editor.app_password + "\n")
    code, again, _ = run("publish", "cli-links", "--site", "clinic", json_output=True)
    assert code == 0 and again["remote_id"] == first["remote_id"] and not again["created"]
    assert again["status"] == "publish"


def test_without_a_keyring_site_add_says_how_to_get_one_before_asking_anything(run, monkeypatch):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    code, _, err = run("site", "add", "clinic", "--url", "https://clinic.example", "--user", "erin")
    assert code == 1 and "system keyring" in err and "gnome-keyring" in err and "Password" not in err
    assert len(err.strip().splitlines()) == 1
