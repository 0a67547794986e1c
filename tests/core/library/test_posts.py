from __future__ import annotations

import pytest

from editor.core.foundation.errors import ConflictError, NotFoundError, ValidationError
from editor.core.library import Library
from editor.core.post.model import Post


@pytest.fixture(params=["file", "memory"])
def lib(request, library_path):
    library = Library.open(library_path, seed=False) if request.param == "file" else Library.memory()
    yield library
    library.close()


def test_create_assigns_unique_slug_and_first_version(lib):
    first = lib.posts.create(Post(title="Sleep and Weight"))
    second = lib.posts.create(Post(title="Sleep and Weight"))
    assert (first.slug, second.slug) == ("sleep-and-weight", "sleep-and-weight-2")
    assert first.version == 1 and first.id is not None
    assert lib.posts.get("sleep-and-weight") == first


def test_save_bumps_version_and_stale_copy_is_refused(lib):
    post = lib.posts.create(Post(title="A", body="one"))
    saved = lib.posts.save(post.replace(body="two"))
    assert saved.version == 2
    with pytest.raises(ConflictError) as caught:
        lib.posts.save(post.replace(body="stale edit"))
    assert "changed elsewhere" in str(caught.value)
    assert caught.value.stored.body == "two"
    assert lib.posts.get(post.slug).body == "two"


def test_two_connections_conflict(library_path):
    first, second = Library.open(library_path, seed=False), Library.open(library_path, seed=False)
    try:
        post = first.posts.create(Post(title="Shared"))
        copy = second.posts.get(post.slug)
        first.posts.save(post.replace(body="window one"))
        with pytest.raises(ConflictError):
            second.posts.save(copy.replace(body="window two"))
        assert second.posts.get(post.slug).body == "window one"
    finally:
        first.close()
        second.close()


def test_validation_errors_are_clear(lib):
    with pytest.raises(ValidationError, match="title"):
        lib.posts.create(Post(title="  "))
    with pytest.raises(ValidationError, match="status"):
        lib.posts.create(Post(title="x", status="live"))
    with pytest.raises(ValidationError, match="slug"):
        lib.posts.create(Post(title="x", slug="Not A Slug"))
    with pytest.raises(NotFoundError, match="no-such"):
        lib.posts.get("no-such")


def test_list_filters_and_order(lib):
    a = lib.posts.create(Post(title="Alpha", tags=["sleep"], status="published"))
    b = lib.posts.create(Post(title="Beta", tags=["weight loss"]))
    lib.posts.save(a.replace(body="edited later"))
    assert [s.slug for s in lib.posts.list()] == ["alpha", "beta"]
    assert [s.slug for s in lib.posts.list(status="draft")] == ["beta"]
    assert [s.slug for s in lib.posts.list(tag="sleep")] == ["alpha"]
    assert lib.posts.list(tag="sleep")[0].tags == ("sleep",)
    assert b.status == "draft"


def test_list_pages_in_each_order_and_counts(lib):
    for title, status in [("beta", "published"), ("Alpha", "draft"), ("gamma", "review"), ("Delta", "draft")]:
        lib.posts.create(Post(title=title, status=status))
    lib.posts.delete("gamma")
    everything = [s.slug for s in lib.posts.list()]
    assert everything == ["delta", "alpha", "beta"]  # the most recently edited first
    pages = [lib.posts.list(offset=offset, limit=2) for offset in (0, 2, 4)]
    assert [[s.slug for s in page] for page in pages] == [["delta", "alpha"], ["beta"], []]
    assert [s.slug for s in lib.posts.list(order="title", descending=False)] == ["alpha", "beta", "delta"]
    assert [s.slug for s in lib.posts.list(order="title")] == ["delta", "beta", "alpha"]
    assert [s.slug for s in lib.posts.list(order="status", descending=False)] == ["alpha", "delta", "beta"]
    assert [s.slug for s in lib.posts.list(order="site")] == ["delta", "alpha", "beta"]  # on no site: by id
    assert [s.slug for s in lib.posts.list(order="edited", descending=False, offset=1)] == ["alpha", "delta"]
    assert (lib.posts.count(), lib.posts.count(status="draft"), lib.posts.count(deleted=True)) == (3, 2, 1)
    assert [s.slug for s in lib.posts.list(deleted=True, limit=5)] == ["gamma"]
    assert lib.posts.titles(["beta", "gamma", "nope", "beta"]) == {"beta": "beta"}  # not the trashed one


def test_full_text_search_prefix_ranking_and_hostile_query(lib):
    lib.posts.create(Post(title="Sleep", body="Short sleep raises ghrelin. Semaglutide is another topic."))
    lib.posts.create(Post(title="Semaglutide basics", body="How it lowers appetite."))
    found = [s.title for s in lib.posts.search("semaglut")]
    assert found == ["Semaglutide basics", "Sleep"]  # a title match outranks a body match
    # FTS5 syntax typed by a person is searched as words, never an SQL/FTS error.
    assert [s.title for s in lib.posts.search('ghrelin" (')] == ["Sleep"]
    assert lib.posts.search("") == [] and lib.posts.search('"*') == []
    saved = lib.posts.get("sleep")
    lib.posts.save(saved.replace(body="nothing here"))
    assert [s.title for s in lib.posts.search("semaglutide")] == ["Semaglutide basics"]


def test_trash_restore_and_empty(lib):
    post = lib.posts.create(Post(title="Old post"))
    lib.posts.delete(post.slug)
    assert lib.posts.list() == [] and [s.slug for s in lib.posts.list(deleted=True)] == ["old-post"]
    assert lib.posts.search("old") == []
    with pytest.raises(NotFoundError, match="trash"):
        lib.posts.get(post.slug)
    lib.posts.undelete(post.slug)
    assert [s.slug for s in lib.posts.list()] == ["old-post"]
    lib.posts.delete(post.slug)
    assert lib.posts.empty_trash() == 1
    assert lib.posts.list(deleted=True) == []
    assert lib.db.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0


def test_autosaves_coalesce_and_any_revision_restores(lib):
    post = lib.posts.create(Post(title="Draft", body="v1"))
    for i in range(50):
        post = lib.posts.save(post.replace(body=f"typing {i}"))
    post = lib.posts.save(post.replace(body="explicit"), reason="save")
    revisions = lib.revisions.list(post.id)
    assert [r.reason for r in revisions] == ["save", "autosave", "created"]
    assert revisions[1].body == "typing 49"
    restored = lib.revisions.restore(post.slug, revisions[-1].id)
    assert restored.body == "v1" and restored.version == post.version + 1
    assert lib.revisions.list(post.id)[0].reason.startswith("restore")
    with pytest.raises(NotFoundError, match="revision 999"):
        lib.revisions.restore(post.slug, 999)


def test_failed_transaction_leaves_nothing(lib):
    with pytest.raises(RuntimeError):
        with lib.transaction():
            lib.posts.create(Post(title="Half done"))
            raise RuntimeError("crash in the middle")
    assert lib.posts.list() == []


def test_authors_assets_settings(lib):
    author = lib.authors.find_or_create("Jordan Ellis", credentials="PA-C")
    again = lib.authors.find_or_create("jordan ellis", bio="Twelve years in family medicine.")
    assert again.id == author.id and again.credentials == "PA-C" and again.bio.startswith("Twelve")
    assert author.display_name == "Jordan Ellis, PA-C"
    asset = lib.assets.add(b"\x89PNG fake", "image/png", "chart.png")
    assert lib.assets.add(b"\x89PNG fake", "image/png") == asset
    assert lib.assets.get(asset) == (b"\x89PNG fake", "image/png")
    assert lib.assets.file_name(asset).endswith(".png")
    lib.settings.set("citation_display", "parentheses")
    assert lib.settings.get("citation_display") == "parentheses"
    assert lib.settings.get("missing", {"a": 1}) == {"a": 1}


def test_free_slug_reads_only_its_own_range(lib):
    for title in ("Sleep", "Sleep", "Sleep tips", "Sleep"):
        lib.posts.create(Post(title=title))
    assert {s.slug for s in lib.posts.list()} == {"sleep", "sleep-2", "sleep-tips", "sleep-3"}
    assert lib.posts.free_slug("sleep") == "sleep-4"
    assert lib.posts.free_slug("sleep-tips") == "sleep-tips-2"
    assert lib.posts.free_slug("nap") == "nap"
    first = lib.posts.get("sleep")
    with pytest.raises(ValidationError):
        lib.posts.save(first.replace(slug="sleep-2"))
    assert lib.posts.save(first.replace(slug="sleep")).version == first.version + 1


def test_search_ranks_a_bounded_set_of_the_newest_matches(lib, monkeypatch):
    from editor.core.library import posts as posts_module

    for i in range(6):
        lib.posts.create(Post(title=f"Note {i}", body="common word " + ("rare " * i)))
    monkeypatch.setattr(posts_module, "SEARCH_CANDIDATES", 3)
    found = [s.title for s in lib.posts.search("common")]
    assert sorted(found) == ["Note 3", "Note 4", "Note 5"]  # the newest three matches, ranked
    assert [s.title for s in lib.posts.search("rare")][0] == "Note 5"
    monkeypatch.setattr(posts_module, "SEARCH_CANDIDATES", 1000)
    assert len(lib.posts.search("common")) == 6
