"""The library list sorts itself: by a column both ways, back to newest-first, and a saved
post moves to where the sort puts it, with the selection following its row."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTreeView

from editor.core.post.model import PostSummary
from editor.gui.panels.library_model import PostListModel
from editor.gui.panels.rows_model import table_view

POSTS = [  # as the library lists them: the most recently edited first
    PostSummary(1, "zinc", "zinc and colds", "published", "2026-03-04T10:00:00+00:00"),
    PostSummary(2, "apples", "Apples", "draft", "2026-03-03T10:00:00+00:00"),
    PostSummary(3, "magnesium", "Magnesium", "review", "2026-03-02T10:00:00+00:00"),
    PostSummary(4, "beets", "beets", "draft", "2026-03-01T10:00:00+00:00"),
]


def slugs(model: PostListModel) -> list[str]:
    return [post.slug for post in model.posts()]


def sortable_view(qtbot, model: PostListModel) -> QTreeView:  # noqa: ANN001
    """The view as the library panel sets it up: no column sorted until one is clicked."""
    view = table_view(model, "libraryList")
    qtbot.addWidget(view)
    view.header().setSortIndicatorClearable(True)
    view.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


def test_sorting_by_each_column_and_back_to_the_library_order(qtbot) -> None:  # noqa: ANN001
    model = PostListModel()
    view = sortable_view(qtbot, model)
    model.set_posts(POSTS)
    assert slugs(model) == ["zinc", "apples", "magnesium", "beets"]
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert slugs(model) == ["apples", "beets", "magnesium", "zinc"]  # case does not matter
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert slugs(model) == ["zinc", "magnesium", "beets", "apples"]
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert slugs(model) == ["beets", "apples", "magnesium", "zinc"]  # draft, review, published; ties as before
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert slugs(model) == ["beets", "magnesium", "apples", "zinc"]
    model.sort(-1)  # the header's sort indicator cleared
    assert slugs(model) == ["zinc", "apples", "magnesium", "beets"]
    model.set_posts(list(reversed(POSTS)))  # a refresh keeps the sort
    assert slugs(model) == ["zinc", "apples", "magnesium", "beets"]


def test_the_selection_follows_its_row_through_a_sort(qtbot) -> None:  # noqa: ANN001
    model = PostListModel()
    view = sortable_view(qtbot, model)
    model.set_posts(POSTS)
    flags = QItemSelectionModel.SelectionFlag
    view.selectionModel().setCurrentIndex(model.index(model.row_of("magnesium"), 0), flags.ClearAndSelect | flags.Rows)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    current = view.selectionModel().currentIndex()
    assert model.post_at(current.row()).slug == "magnesium" and current.row() == 2


def test_a_saved_post_moves_where_the_sort_puts_it(qtbot) -> None:  # noqa: ANN001
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
    model.sort(2, Qt.SortOrder.DescendingOrder)
    older = model.post_at(model.row_of("zinc"))._replace(updated_at="2026-03-07T10:00:00+00:00")
    model.update_post(model.row_of("zinc"), older)
    assert slugs(model)[0] == "zinc"
