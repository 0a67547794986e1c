"""Version history (diff against now, restore) and the save-conflict dialog, on a real library."""

from __future__ import annotations

import pytest

from editor.core.foundation.errors import ConflictError
from editor.gui.dialogs.conflict_dialog import ConflictDialog
from editor.gui.dialogs.diff_view import change_counts, diff_rows
from editor.gui.dialogs.history_dialog import HistoryDialog


def test_diff_rows_pair_changes_and_fold_unchanged_lines():
    old = "\n".join(f"line {i}" for i in range(1, 21))
    new = old.replace("line 10", "line ten") + "\nline 21"
    rows = diff_rows(old, new, context=2)
    kinds = [row.kind for row in rows]
    assert kinds[0] == "skip"  # lines 1-7 folded
    changed = [row for row in rows if row.kind == "replace"]
    assert [(r.left_number, r.left, r.right_number, r.right) for r in changed] == [(10, "line 10", 10, "line ten")]
    assert rows[-1].kind == "insert" and rows[-1].right == "line 21" and rows[-1].left_number is None
    assert change_counts(rows) == (2, 1)
    assert diff_rows("same\ntext", "same\ntext") == []


def test_diff_rows_mark_a_deleted_middle():
    rows = diff_rows("a\nb\nc", "a\nc")
    assert [(r.kind, r.left, r.right) for r in rows] == [("equal", "a", "a"), ("delete", "b", ""), ("equal", "c", "c")]


@pytest.fixture
def edited_post(sample_library):
    post = sample_library.posts.get("sleep-and-weight")
    first_body = post.body
    post = sample_library.posts.save(post.replace(body=post.body.replace("Sleep deserves", "Rest deserves")),
                                     reason="save")
    return post, first_body


def test_history_lists_revisions_and_diffs_against_now(qtbot, sample_library, edited_post):
    post, first_body = edited_post
    dialog = HistoryDialog(sample_library, post)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert "Saved (version 2)" in dialog.list.item(0).text()
    assert "version 1" in dialog.list.item(1).text()
    dialog.list.setCurrentRow(1)
    changed = [row for row in dialog.diff.rows if row.kind == "replace"]
    assert len(changed) == 1 and "Sleep deserves" in changed[0].left and "Rest deserves" in changed[0].right
    assert "1 line added or changed" in dialog.summary.text()
    dialog.list.setCurrentRow(0)
    assert dialog.summary.text() == "The text is the same as now."
    assert "No differences." in dialog.diff.toPlainText()


def test_history_restore_brings_back_the_old_text(qtbot, sample_library, edited_post, answer):
    post, first_body = edited_post
    dialog = HistoryDialog(sample_library, post)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(1)
    with qtbot.waitSignal(dialog.postRestored) as blocker:
        dialog.restore_button.click()
    assert answer and "version 1" in answer[0]
    restored = blocker.args[0]
    assert restored is dialog.restored and restored.body == first_body
    assert sample_library.posts.get("sleep-and-weight").body == first_body
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(sample_library.revisions.list(post.id)) == 3  # the restore is a revision too


def test_history_of_a_new_post_says_so(qtbot, sample_library):
    from editor.core.post.model import Post

    unsaved = Post(title="Not stored")
    dialog = HistoryDialog(sample_library, unsaved)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and not dialog.restore_button.isEnabled()
    assert "no earlier versions" in dialog.summary.text()


def test_history_shows_dismissals_with_who_and_why(qtbot, sample_library):
    from editor.core.checks import Finding, dismiss

    post = sample_library.posts.get("sleep-and-weight")
    finding = Finding("phi-suspected", "error", "“555-201-3344” looks like a phone or fax number.", 3, 1, "",
                      "abc123")
    dismiss(sample_library, post.id, "abc123", reason="The clinic's public phone number.", by="Jordan Ellis",
            finding=finding)
    dialog = HistoryDialog(sample_library, post)
    qtbot.addWidget(dialog)
    assert dialog.dismissals.count() == 1
    text = dialog.dismissals.item(0).text()
    assert "Jordan Ellis dismissed error phi-suspected: “The clinic's public phone number.”" in text
    assert "555-201-3344" in text


@pytest.fixture
def conflict(sample_library):
    loaded = sample_library.posts.get("glp1-what-to-know")
    sample_library.posts.save(loaded.replace(body=loaded.body + "\nAdded in another window.\n"))
    mine = loaded.replace(body=loaded.body.replace("Medications that act", "Drugs that act"))
    with pytest.raises(ConflictError) as caught:
        sample_library.posts.save(mine)
    return caught.value.mine, caught.value.stored


def test_conflict_shows_both_versions_side_by_side(qtbot, conflict):
    mine, stored = conflict
    dialog = ConflictDialog(mine, stored)
    qtbot.addWidget(dialog)
    assert dialog.choice is None
    lefts = {row.left for row in dialog.diff.rows if row.kind in ("delete", "replace")}
    rights = {row.right for row in dialog.diff.rows if row.kind in ("insert", "replace")}
    assert "Added in another window." in lefts  # only in the stored version
    assert any(text.startswith("Drugs that act") for text in rights)  # only in mine
    assert "version 2" in dialog.explanation.text() and "version 1" in dialog.explanation.text()


@pytest.mark.parametrize("button, choice", [("mine_button", "mine"), ("stored_button", "stored"),
                                            ("copy_button", "copy")])
def test_conflict_buttons_set_the_choice(qtbot, conflict, button, choice):
    dialog = ConflictDialog(*conflict)
    qtbot.addWidget(dialog)
    getattr(dialog, button).click()
    assert dialog.choice == choice and dialog.result() == dialog.DialogCode.Accepted


def test_conflict_cannot_be_dismissed_without_a_choice(qtbot, conflict):
    dialog = ConflictDialog(*conflict)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert dialog.isVisible() and dialog.choice is None
    assert "Choose one" in dialog.message.text()
