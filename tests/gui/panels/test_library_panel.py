"""The library browser on a real library file: listing, search, filters, new/duplicate/delete, trash."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from editor.gui.panels.library_panel import LibraryPanel


@pytest.fixture
def panel(qtbot, sample_library, hub) -> LibraryPanel:
    widget = LibraryPanel(sample_library, hub)
    hub.libraryChanged.connect(widget.refresh)  # as editor.gui.wiring connects it in the app
    hub.postSaved.connect(widget.on_post_saved)
    hub.postOpened.connect(widget.on_post_opened)
    qtbot.addWidget(widget)
    widget.resize(360, 500)
    widget.show()
    return widget


def titles(panel: LibraryPanel) -> list[str]:
    return [post.title for post in panel.visible_posts()]


def test_lists_every_post_with_title_status_and_last_edit(panel):
    assert panel.objectName() == "libraryView"
    assert sorted(titles(panel)) == sorted([
        "GLP-1 Medications for Weight Loss: What Patients Should Know",
        "Sleep Less, Weigh More? How Sleep Shapes Appetite",
        "Blood pressure at home",
    ])
    row = panel.model.row_of("sleep-and-weight")
    assert panel.model.index(row, 1).data() == "Published"
    assert panel.model.index(row, 2).data()  # a formatted time
    assert panel.count_label.text() == "3 posts"


def test_typing_in_search_filters_after_a_pause(qtbot, panel):
    qtbot.keyClicks(panel.search_box, "snacking")
    assert len(titles(panel)) == 3  # not yet: the search waits for a pause in typing
    qtbot.waitUntil(lambda: titles(panel) == ["Sleep Less, Weigh More? How Sleep Shapes Appetite"], timeout=2000)
    panel.search_box.setText("zzzunknownword")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty_label, timeout=2000)
    assert "No posts match" in panel.empty_label.text()
    panel.search_box.clear()
    qtbot.waitUntil(lambda: len(titles(panel)) == 3, timeout=2000)


def test_filters_by_status_and_tag(panel):
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("published"))
    assert sorted(titles(panel)) == ["Blood pressure at home", "Sleep Less, Weigh More? How Sleep Shapes Appetite"]
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("sleep"))
    assert titles(panel) == ["Sleep Less, Weigh More? How Sleep Shapes Appetite"]
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("draft"))
    assert titles(panel) == []
    assert panel.empty_label.text() == "No posts with these filters."


def test_search_respects_the_filters(qtbot, panel):
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("draft"))
    panel.search_box.setText("weight")
    panel.refresh()
    assert titles(panel) == ["GLP-1 Medications for Weight Loss: What Patients Should Know"]


def test_sorts_by_title_when_the_header_is_clicked(panel):
    panel.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert titles(panel) == sorted(titles(panel), key=str.casefold)


def test_selecting_a_post_asks_to_open_it(qtbot, panel, hub):
    row = panel.model.index(panel.model.row_of("sleep-and-weight"), 0)
    with qtbot.waitSignal(hub.requestOpenPost) as blocker:
        panel.view.setCurrentIndex(row)
    assert blocker.args == ["sleep-and-weight"]


def test_new_post_asks_for_a_title_creates_and_opens_it(qtbot, panel, hub, sample_library, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Knee pain in runners", True))
    opened: list[str] = []
    hub.requestOpenPost.connect(opened.append)
    with qtbot.waitSignal(hub.libraryChanged):
        panel.new_button.click()
    assert opened == ["knee-pain-in-runners"]
    assert sample_library.posts.get("knee-pain-in-runners").status == "draft"
    assert "Knee pain in runners" in titles(panel)
    assert panel.selected_slug() == "knee-pain-in-runners"


def test_new_post_cancelled_creates_nothing(panel, sample_library, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    panel.new_button.click()
    assert len(sample_library.posts.list()) == 3


def test_duplicate_makes_a_draft_copy(panel, sample_library):
    panel.select_slug("sleep-and-weight")
    panel.duplicate_button.click()
    copy = sample_library.posts.get("sleep-less-weigh-more-how-sleep-shapes-appetite-copy")
    original = sample_library.posts.get("sleep-and-weight")
    assert copy.title == original.title + " (copy)"
    assert copy.body == original.body and copy.status == "draft" and copy.id != original.id
    assert panel.selected_slug() == copy.slug


def test_delete_moves_to_trash_and_restore_brings_it_back(qtbot, panel, sample_library):
    panel.select_slug("sleep-and-weight")
    panel.delete_button.click()
    assert "Sleep Less, Weigh More? How Sleep Shapes Appetite" not in titles(panel)
    assert [p.slug for p in sample_library.posts.list(deleted=True)] == ["sleep-and-weight"]

    panel.trash_button.click()
    assert panel.in_trash and titles(panel) == ["Sleep Less, Weigh More? How Sleep Shapes Appetite"]
    assert panel.restore_button.isVisible() and not panel.new_button.isVisible()
    panel.select_slug("sleep-and-weight")
    panel.restore_button.click()
    assert titles(panel) == [] and panel.empty_label.text() == "The trash is empty."
    assert sample_library.posts.get("sleep-and-weight").deleted_at is None
    panel.trash_button.click()
    assert len(titles(panel)) == 3


def test_selecting_in_the_trash_does_not_open(qtbot, panel, hub, sample_library):
    sample_library.posts.delete("sleep-and-weight")
    panel.show_trash(True)
    opened: list[str] = []
    hub.requestOpenPost.connect(opened.append)
    panel.select_slug("sleep-and-weight")
    assert opened == [] and panel.restore_button.isEnabled()


def test_empty_trash_asks_first(panel, sample_library, questions):
    sample_library.posts.delete("sleep-and-weight")
    panel.show_trash(True)
    questions.answer = False
    panel.empty_trash_button.click()
    assert len(sample_library.posts.list(deleted=True)) == 1
    questions.answer = True
    panel.empty_trash_button.click()
    assert "cannot be undone" in questions.asked[-1]
    assert sample_library.posts.list(deleted=True) == []
    assert "sleep-and-weight" not in sample_library.posts.slugs()


def test_refreshes_on_post_saved_and_keeps_the_selection(qtbot, panel, hub, sample_library):
    panel.select_slug("glp1-what-to-know")
    post = sample_library.posts.get("glp1-what-to-know")
    saved = sample_library.posts.save(post.replace(title="GLP-1 drugs: a guide"))
    opened: list[str] = []
    hub.requestOpenPost.connect(opened.append)
    hub.postSaved.emit(saved)
    assert "GLP-1 drugs: a guide" in titles(panel)
    assert panel.selected_slug() == "glp1-what-to-know"
    current = panel.view.currentIndex()
    assert current.data() == "GLP-1 drugs: a guide"
    assert opened == []  # a refresh never re-opens the post


def test_follows_the_post_opened_elsewhere(panel, hub, sample_library):
    hub.postOpened.emit(sample_library.posts.get("sleep-and-weight"))
    assert panel.selected_slug() == "sleep-and-weight"
    assert panel.view.currentIndex().data() == "Sleep Less, Weigh More? How Sleep Shapes Appetite"


def test_empty_library_says_how_to_start(qtbot, library, hub):
    widget = LibraryPanel(library, hub)
    qtbot.addWidget(widget)
    assert widget.stack.currentWidget() is widget.empty_label
    assert "No posts yet" in widget.empty_label.text()
    assert not widget.duplicate_button.isEnabled()


def test_an_autosave_updates_its_row_in_place_and_moves_it_first(qtbot, panel, hub, sample_library):
    bottom = panel.visible_posts()[-1]
    resets: list[bool] = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    saved = sample_library.posts.save(sample_library.posts.get(bottom.slug).replace(title="Renamed while typing"))
    hub.postSaved.emit(saved)
    assert resets == []  # no reload of the whole list on every autosave
    assert panel.visible_posts()[0].title == "Renamed while typing"
    assert [p.slug for p in panel.visible_posts()] == [p.slug for p in sample_library.posts.list()]


def test_an_autosave_while_filtered_reloads_the_list(panel, hub, sample_library):
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("draft"))
    post = sample_library.posts.get("glp1-what-to-know")
    saved = sample_library.posts.save(post.replace(status="review"))
    hub.postSaved.emit(saved)
    assert titles(panel) == []  # it left the "draft" filter


def test_a_large_library_shows_its_first_page_and_reads_on_as_needed(qtbot, library, hub):
    from editor.core.post.model import Post
    from editor.gui.panels.library_model import PAGE

    total = 3 * PAGE + 100
    with library.transaction():
        for number in range(total):
            library.posts.create(Post(title=f"Post {number:04d}", body="Text.\n"))
    widget = LibraryPanel(library, hub)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == PAGE
    widget.show()  # the view may read one more page to fill itself, not the whole library
    assert widget.model.rowCount() <= 2 * PAGE < total
    assert widget.count_label.text() == f"{total} posts"
    assert titles(widget)[0] == f"Post {total - 1:04d}"  # the newest edit first
    opened: list[str] = []
    hub.requestOpenPost.connect(opened.append)
    widget.on_post_opened(library.posts.get("post-0000"))  # the oldest: not in the first page
    assert widget.selected_slug() == "post-0000" and widget.model.rowCount() == total
    assert widget.view.selectionModel().currentIndex().data() == "Post 0000" and opened == []
    widget.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the library sorts: a page in title order
    assert titles(widget)[:2] == ["Post 0000", "Post 0001"]
    assert widget.selected_slug() == "post-0000"  # the selection stays on the open post
    assert widget.view.selectionModel().currentIndex().data() == "Post 0000"


@pytest.mark.parametrize("sites", [["clinic"], ["clinic", "staging"]])
def test_titles_keep_room_to_be_read_when_the_on_site_column_appears(qtbot, panel, sample_library, monkeypatch,
                                                                      sites):
    """Columns fit what they show and the title stretches; a narrow panel drops "Last edit" (the tooltip
    keeps it) rather than cutting every title to a few letters (seen at 1366×768: "GLP-1 Medi…")."""
    from PySide6.QtWidgets import QApplication

    from editor.core.publish.sites import SiteStore
    from editor.gui.panels.rows_model import READABLE_CHARS

    slug = "sleep-and-weight"
    post_id = sample_library.posts.get(slug).id
    monkeypatch.setattr(SiteStore, "statuses", lambda _self: {post_id: [(site, "pending") for site in sites]})
    view, header = panel.view, panel.view.header()
    readable = view.fontMetrics().averageCharWidth() * READABLE_CHARS
    for width in (700, 420, 260, 700):
        panel.resize(width, 500)
        panel.refresh()
        QApplication.processEvents()
        assert not view.isColumnHidden(3) and not view.isColumnHidden(1)
        assert header.sectionSize(0) >= readable
        shown = [c for c in range(4) if not view.isColumnHidden(c)]
        used = sum(header.sectionSize(c) for c in shown)
        if width == 700:  # room for everything: nothing hidden, the title takes the rest, no sideways scrolling
            assert shown == [0, 1, 2, 3] and used == view.viewport().width()
        if width == 260:
            assert view.isColumnHidden(2)
    row = panel.model.row_of(slug)
    tip = panel.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "edited" in tip and all(f"On {site}: pending review" in tip for site in sites)
    expected_header = "On clinic" if sites == ["clinic"] else "On site"
    assert panel.model.headerData(3, Qt.Orientation.Horizontal) == expected_header
    expected_cell = "In review" if sites == ["clinic"] else "clinic: in review; staging: in review"
    assert panel.model.index(row, 3).data() == expected_cell
