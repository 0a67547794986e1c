"""Saved sites: addresses as people type them, one keyring entry per site, edits and removals that keep links,
the migration from libraries where links hung on the site row, and no keyring at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.foundation.errors import PublishError, SiteConnectionError, ValidationError
from editor.core.library import Library, migrations
from editor.core.publish.links import LinkStore
from editor.core.publish.site_address import site_address, site_url
from editor.core.publish.sites import SiteStore, normalise_url

REMOTE = {"id": 41, "modified_gmt": "2025-03-01T10:00:00", "status": "publish", "link": "https://clinic.example/a/",
          "title": {"raw": "A"}, "content": {"raw": "<p>A</p>"}, "excerpt": {"raw": ""}}


@pytest.mark.parametrize(("typed", "understood"), [
    ("https://clinic.example/wp-admin/", "https://clinic.example"),
    ("https://clinic.example/wp-admin/post-new.php?post_type=page", "https://clinic.example"),
    ("https://clinic.example/blog/wp-login.php?redirect_to=https%3A%2F%2Fclinic.example%2Fblog%2Fwp-admin%2F&reauth=1",
     "https://clinic.example/blog"),
    ("clinic.example/wp-json/wp/v2/posts", "https://clinic.example"),
    ("HTTPS://Clinic.Example/Blog/", "https://clinic.example/Blog"),
    ("https://clinic.example/?rest_route=/wp/v2/posts", "https://clinic.example"),
    ("https://clinic.example/wp-admin/profile.php#application-passwords-section", "https://clinic.example"),
    ("localhost:8080/wp-admin", "http://localhost:8080"),
    ("  https://clinic.example/xmlrpc.php  ", "https://clinic.example"),
])
def test_wordpress_pages_typed_as_the_address_are_understood_as_the_site(typed, understood):
    assert normalise_url(typed) == understood


def test_addresses_that_cannot_be_a_site_say_why():
    with pytest.raises(SiteConnectionError, match="user name or password"):
        site_url("https://erin:secret@clinic.example")
    with pytest.raises(SiteConnectionError, match="not a web address"):
        site_url("https://clinic.example:http/")
    with pytest.raises(SiteConnectionError, match="https://") as caught:
        normalise_url("http://clinic.example/wp-admin")
    assert caught.value.problem == "https-required"


@given(st.sampled_from(["http", "https", "HTTPS"]), st.sampled_from(["clinic.example", "Clinic.EXAMPLE."]),
       st.sampled_from(["", "/", "/wp-admin", "/wp-login.php", "/wp-json/"]), st.booleans())
def test_one_site_has_one_address_however_it_is_written(scheme, host, tail, default_port):
    port = (":443" if scheme.lower() == "https" else ":80") if default_port else ""
    assert site_address(f"{scheme}://{host}{port}/blog{tail}") == "clinic.example/blog"


def test_each_site_has_its_own_keyring_entry(library, memory_keyring):
    sites = SiteStore(library)
    first = sites.add("clinic", "https://clinic.example", "erin", "aaaa bbbb cccc dddd eeee ffff")
    second = sites.add("clinic-review", "https://clinic.example/", "erin", "gggg hhhh iiii jjjj kkkk llll")
    assert first.uid != second.uid and first.address == second.address == "clinic.example"
    assert sites.password(first) == "aaaa bbbb cccc dddd eeee ffff"
    assert sites.password(second) == "gggg hhhh iiii jjjj kkkk llll"
    assert {service for service, _user in memory_keyring.entries} == {
        f"Postwright site {first.uid}", f"Postwright site {second.uid}"}
    sites.remove("clinic-review")
    assert sites.password(sites.get("clinic")) == "aaaa bbbb cccc dddd eeee ffff"
    assert len(memory_keyring.entries) == 1
    with pytest.raises(ValidationError, match="site edit clinic"):
        sites.add("clinic", "https://other.example", "sam", "mmmm nnnn oooo pppp qqqq rrrr")


def _linked_post(library, site):
    from publish_samples import clean_post

    post = clean_post(library, slug="linked")
    links = LinkStore(library)
    with library.transaction():
        links.record(post.id, site, REMOTE, version=post.version)
    links.record_media(site, "ab" * 32, 7, "https://clinic.example/wp-content/uploads/a.png")
    return post


def test_removing_and_adding_a_site_again_keeps_its_links(library):
    sites = SiteStore(library)
    post = _linked_post(library, sites.add("clinic", "https://clinic.example", "erin", "x" * 24))
    sites.remove("clinic")
    assert LinkStore(library).statuses() == {}  # no saved site shows it ...
    again = sites.add("our clinic", "https://CLINIC.example/wp-admin/", "sam", "y" * 24)
    assert sites.remote(post.id, again).remote_id == 41  # ... until the site is back, under any name or user
    assert sites.media_url(again, "ab" * 32) == (7, "https://clinic.example/wp-content/uploads/a.png")
    assert LinkStore(library).statuses() == {post.id: [("our clinic", "publish")]}


def test_editing_a_site_keeps_links_and_moves_the_password_with_the_user(library, memory_keyring):
    sites = SiteStore(library)
    site = sites.add("clinic", "https://clinic.example", "erin", "x" * 24)
    post = _linked_post(library, site)
    moved = sites.edit("clinic", new_name="riverside", url="https://riverside.example/wp-admin", username="sam")
    assert (moved.uid, moved.name, moved.url, moved.username) == (site.uid, "riverside", "https://riverside.example",
                                                                 "sam")
    assert sites.password(moved) == "x" * 24 and list(memory_keyring.entries) == [(moved.keyring_service, "sam")]
    assert sites.remote(post.id, moved).remote_id == 41
    assert LinkStore(library).get(post.id, site) is None  # the old address has none left
    sites.edit("riverside", password="z" * 24)
    assert sites.password(sites.get("riverside")) == "z" * 24


def test_a_new_address_shared_with_another_saved_site_copies_links_instead_of_taking_them(library):
    sites = SiteStore(library)
    site = sites.add("clinic", "https://clinic.example", "erin", "x" * 24)
    sites.add("clinic-editor", "https://clinic.example", "sam", "y" * 24)
    post = _linked_post(library, site)
    moved = sites.edit("clinic", url="https://staging.clinic.example")
    assert sites.remote(post.id, moved).remote_id == 41
    assert sites.remote(post.id, sites.get("clinic-editor")).remote_id == 41


def test_without_a_system_keyring_one_sentence_says_how_to_get_one(library):
    import keyring
    from keyring.backends import fail

    sites = SiteStore(library)
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(PublishError) as caught:
        sites.add("clinic", "https://clinic.example", "erin", "x" * 24)
    message = str(caught.value)
    assert "system keyring" in message and "gnome-keyring" in message and "\n" not in message
    assert sites.list() == []  # nothing half-saved


def test_a_keyring_file_nobody_chose_is_not_a_keyring(library, monkeypatch):
    """keyrings.alt's plaintext and base64 files count only when the person configured them."""
    import keyring
    from memory_keyring import MemoryKeyring

    class FileKeyring(MemoryKeyring):
        pass

    FileKeyring.__module__ = "keyrings.alt.file"
    keyring.set_keyring(FileKeyring())
    with pytest.raises(PublishError, match="only in the system keyring"):
        SiteStore(library).add("clinic", "https://clinic.example", "erin", "x" * 24)
    monkeypatch.setattr("keyring.core.load_env", lambda: FileKeyring())
    SiteStore(library).add("clinic", "https://clinic.example", "erin", "x" * 24)


def test_keyring_errors_become_our_sentences(library, monkeypatch, memory_keyring):
    from keyring.errors import KeyringLocked

    def locked(*_args):
        raise KeyringLocked("org.freedesktop.secrets: Cannot unlock collection")

    monkeypatch.setattr(memory_keyring, "set_password", locked)
    with pytest.raises(PublishError) as caught:
        SiteStore(library).add("clinic", "https://clinic.example", "erin", "x" * 24)
    assert "keyring is locked" in str(caught.value) and "freedesktop" not in str(caught.value)


def test_the_migration_keeps_links_and_moves_each_password_to_its_own_entry(tmp_path, monkeypatch, memory_keyring):
    """A library from before site ids: links on the site row, one keyring slot per address and user."""
    path = tmp_path / "old.postwright"
    shipped = migrations.MIGRATIONS
    monkeypatch.setattr(migrations, "MIGRATIONS", shipped[:5])
    with Library.open(path, seed=False) as old:
        from publish_samples import clean_post

        post = clean_post(old, slug="old-post")
        with old.transaction():
            for site_id, name, user in ((1, "clinic", "erin"), (2, "clinic-again", "erin")):
                old.db.execute("INSERT INTO sites (id, name, url, username, created_at) VALUES (?, ?, ?, ?, ?)",
                               [site_id, name, "https://clinic.example", user, "2025-01-01T00:00:00Z"])
            old.db.execute("INSERT INTO remote_posts (post_id, site_id, remote_id, modified_gmt, content_sha256, "
                           "status, link, published_version, published_at, checked_at) VALUES (?, 1, 41, '', '', "
                           "'publish', 'https://clinic.example/a/', 1, '2025-01-02', '2025-01-02')", [post.id])
            old.db.execute("INSERT INTO remote_media (site_id, sha256, remote_id, url, uploaded_at) VALUES "
                           "(1, ?, 7, 'https://clinic.example/a.png', '2025-01-02')", ["ab" * 32])
    memory_keyring.set_password("Postwright: https://clinic.example", "erin", "legacy app password 0001")
    monkeypatch.setattr(migrations, "MIGRATIONS", shipped)
    with Library.open(path) as lib:
        sites = SiteStore(lib)
        clinic, again = sites.get("clinic"), sites.get("clinic-again")
        assert clinic.uid and again.uid and clinic.uid != again.uid and clinic.legacy_secret
        assert sites.remote(post.id, clinic).remote_id == 41 == sites.remote(post.id, again).remote_id
        assert sites.media_url(clinic, "ab" * 32) == (7, "https://clinic.example/a.png")
        assert sites.password(clinic) == "legacy app password 0001"
        # The other site still reads the shared old slot, so it stays until that one moves too.
        assert ("Postwright: https://clinic.example", "erin") in memory_keyring.entries
        assert sites.password(again) == "legacy app password 0001"
        assert set(memory_keyring.entries) == {(clinic.keyring_service, "erin"), (again.keyring_service, "erin")}
        assert not sites.get("clinic").legacy_secret
        sites.remove("clinic")  # its own entry goes; the other site's stays
        assert sites.password(sites.get("clinic-again")) == "legacy app password 0001"
