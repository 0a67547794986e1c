"""Section findings kept in the library: a reopened post is checked without re-running section checks."""

from __future__ import annotations

import datetime as dt

from editor.core.checks import CheckSession, check_post
from editor.core.checks import cache as cache_module
from editor.core.checks.cache import FindingCache
from editor.core.library import Library
from editor.core.post.model import Post

TODAY = dt.date(2026, 1, 15)
BODY = (
    "Everyone should try this amazing miracle cure, which is proven to work.\n\n"
    "## Dosing\n\nThe dose was increased by the clinician. It cures obesity in all patients.\n\n"
    "## Side effects\n\nNausea is common. Studies show it is safe.\n"
)


def run(lib: Library, post: Post) -> tuple[list, CheckSession]:
    session = CheckSession(store=FindingCache(lib))
    return check_post(lib, post, session=session, today=TODAY), session


def test_a_new_session_reuses_the_stored_findings(library_path):
    with Library.open(library_path, seed=False) as lib:
        post = lib.posts.create(Post(title="Miracle", body=BODY))
        first, session = run(lib, post)
        assert session.last_computed == 3 and first
    with Library.open(library_path, seed=False) as lib:  # as after a restart
        again, session = run(lib, post)
        assert (session.last_computed, session.last_reused) == (0, 3)
        assert again == first
        moved = post.replace(body="New first line.\n\n" + BODY)  # every section two lines lower
        shifted, session = run(lib, moved)
        assert session.last_computed == 1  # only the changed introduction
        fresh = check_post(lib, moved, session=CheckSession(), today=TODAY)
        assert shifted == fresh


def test_other_checks_or_settings_do_not_reuse_entries(library_path, monkeypatch):
    with Library.open(library_path, seed=False) as lib:
        post = lib.posts.create(Post(title="Miracle", body=BODY))
        run(lib, post)
        monkeypatch.setattr(cache_module, "checks_version", lambda: "another-version")
        _, session = run(lib, post)
        assert session.last_computed == 3


def test_a_library_the_cache_cannot_use_is_still_checked(library_path):
    with Library.open(library_path, seed=False) as lib:
        post = lib.posts.create(Post(title="Miracle", body=BODY))
    with Library.open(library_path, seed=False) as lib:
        lib.db.execute("DROP TABLE check_cache")  # a library the cache cannot use at all
        findings, session = run(lib, post)
        assert findings and session.last_computed == 3
