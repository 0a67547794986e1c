"""The library list reads a page at a time in the order the header asks for; a saved post
moves to where that order puts it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from editor.core.post.model import PostSummary
from editor.gui.panels.library_model import PAGE, PostListModel

POSTS = [  # as the library lists them: the most recently edited first
    PostSummary(1, "zinc", "zinc and colds", "published", "2026-03-04T10:00:00+00:00"),
    PostSummary(2, "apples", "Apples", "draft", "2026-03-03T10:00:00+00:00"),
    PostSummary(3, "magnesium", "Magnesium", "review", "2026-03-02T10:00:00+00:00"),
    PostSummary(4, "beets", "beets", "draft", "2026-03-01T10:00:00+00:00"),
]


def slugs(model: PostListModel) -> list[str]:
    return [post.slug for post in model.posts()]


def many(count: int) -> list[PostSummary]:
    return [PostSummary(i, f"post-{i}", f"Post {i:05d}", "draft", f"2026-01-01T00:00:00.{i:06d}+00:00")
            for i in range(count, 0, -1)]  # newest edit first


def test_sorting_by_each_column_and_back_to_the_library_order(qtbot) -> None:
    model = PostListModel()
    model.set_posts(POSTS)
    assert slugs(model) == ["zinc", "apples", "magnesium", "beets"]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert slugs(model) == ["apples", "beets", "magnesium", "zinc"]  # case does not matter
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert slugs(model) == ["zinc", "magnesium", "beets", "apples"]
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert slugs(model) == ["apples", "beets", "magnesium", "zinc"]  # draft, review, published; ties by id
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert slugs(model) == ["beets", "magnesium", "apples", "zinc"]
    model.sort(-1)  # the header's sort indicator cleared
    assert slugs(model) == ["zinc", "apples", "magnesium", "beets"]
    model.set_posts(list(reversed(POSTS)))  # a new list keeps the order asked for
    assert slugs(model) == ["zinc", "apples", "magnesium", "beets"]


def test_a_long_list_is_read_a_page_at_a_time(qtbot) -> None:
    posts = many(PAGE * 2 + 10)
    reads: list[tuple[str, bool, int, int]] = []

    def fetch(order: str, descending: bool, offset: int, limit: int) -> list[PostSummary]:
        reads.append((order, descending, offset, limit))
        return posts[offset:offset + limit]

    model = PostListModel()
    model.set_source(fetch, len(posts))
    assert model.rowCount() == PAGE and model.total == len(posts) and model.canFetchMore()
    assert reads == [("edited", True, 0, PAGE)]
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    assert model.row_of("post-3") == -1  # not read yet
    assert model.row_of("post-3", load=True) == len(posts) - 3
    assert not model.canFetchMore() and len(reads) == 3
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert reads[-1] == ("title", True, 0, PAGE) and model.rowCount() == PAGE


def test_a_saved_post_moves_where_the_order_puts_it(qtbot) -> None:
    model = PostListModel()
    model.set_posts(POSTS)
    saved = POSTS[3]._replace(title="Beetroot juice", updated_at="2026-03-05T10:00:00+00:00")
    model.update_post(model.row_of("beets"), saved)
    assert slugs(model) == ["beets", "zinc", "apples", "magnesium"]  # newest edit first
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert slugs(model) == ["apples", "beets", "magnesium", "zinc"]
    renamed = model.post_at(model.row_of("apples"))._replace(title="Pears", updated_at="2026-03-06T10:00:00+00:00")
    model.update_post(model.row_of("apples"), renamed)
    assert slugs(model) == ["beets", "magnesium", "apples", "zinc"]


def test_a_saved_post_that_now_belongs_after_the_read_rows_leaves_them(qtbot) -> None:
    posts = many(PAGE + 5)
    model = PostListModel()
    model.set_source(lambda _order, _desc, offset, limit: posts[offset:offset + limit], len(posts))
    model.sort(2, Qt.SortOrder.AscendingOrder)  # oldest edit first: a save sends a post to the very end
    first = model.post_at(0)
    model.update_post(0, first._replace(updated_at="2026-06-01T00:00:00+00:00"))
    assert model.row_of(first.slug) == -1 and model.rowCount() == PAGE - 1 and model.canFetchMore()
