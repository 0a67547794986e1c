"""File → Publish against a real WordPress: the post's status on the site, choices named by what they do,
a live post kept live (checked at its public address), unpublishing confirmed, relinking offered, conflicts
shown like with like, and the gate's errors listed."""

from __future__ import annotations

import httpx
import pytest
from publish_samples import clean_post
from PySide6.QtWidgets import QMessageBox, QPushButton

from editor.core.publish.sites import SiteStore
from editor.gui.dialogs.publish_dialog import PublishDialog


@pytest.fixture
def site(library, wordpress):
    user = wordpress.users["editor"]
    return SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)


def opened(qtbot, library, post) -> PublishDialog:
    dialog = PublishDialog(library, post)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state is not None or "Could not" in dialog.where.text(), timeout=30_000)
    return dialog


def choose(dialog: PublishDialog, label: str) -> None:
    index = dialog.action.findText(label)
    assert index >= 0, [dialog.action.itemText(i) for i in range(dialog.action.count())]
    dialog.action.setCurrentIndex(index)


def publish(qtbot, dialog: PublishDialog) -> None:
    dialog.result = None
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    qtbot.waitUntil(lambda: dialog.state is not None, timeout=30_000)


def test_a_live_post_updated_from_the_dialog_stays_live_and_unpublishing_is_confirmed(
        qtbot, library, wordpress, site, monkeypatch):
    post = clean_post(library, slug="gui-live", colour=(70, 7, 170))
    dialog = opened(qtbot, library, post)
    assert dialog.where.text() == "Not on this site yet"
    assert dialog.action.currentText() == "Save as a draft on the site"
    choose(dialog, "Publish now")
    assert dialog.publish_button.text() == "Publish now"
    publish(qtbot, dialog)
    link = dialog.result.link
    assert dialog.result.status == "publish" and httpx.get(link, timeout=30).status_code == 200

    library.posts.save(library.posts.get("gui-live").replace(summary="Updated from the Publish dialog."))
    again = opened(qtbot, library, post)
    assert again.where.text().startswith("Live on the site since ") and link in again.where.text()
    assert again.action.currentText() == "Update the live post"
    assert again.publish_button.text() == "Update the live post"
    publish(qtbot, again)
    assert again.result.status == "publish" and "it stays live" in again.message.text()
    assert httpx.get(link, timeout=30).status_code == 200

    asked: list[str] = []

    def answer(box: QMessageBox, click: str) -> int:
        asked.append(box.text())
        assert box.defaultButton().text() == "Cancel"
        next(b for b in box.buttons() if b.text() == click).click()
        return 0
    choose(again, "Unpublish: take it off the site, keep it as a draft")
    assert again.publish_button.text() == "Unpublish…"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Cancel"))
    again.publish_button.click()
    assert asked and "is live on clinic" in asked[0] and again.progress.isHidden()
    assert httpx.get(link, timeout=30).status_code == 200  # cancelled: nothing sent
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Unpublish"))
    publish(qtbot, again)
    assert again.result.status == "draft" and httpx.get(link, timeout=30).status_code == 404
    assert again.where.text() == "Draft on the site"  # a draft has no public address to show


def test_a_post_at_the_same_address_is_offered_not_assumed(qtbot, library, wordpress, site):
    with wordpress.client_for("editor") as http:
        theirs = http.post("/wp-json/wp/v2/posts", json={"title": "Written on the site", "slug": "gui-same-address",
                                                         "status": "publish", "content": "<p>By hand.</p>"}).json()
    post = clean_post(library, slug="gui-same-address", colour=(1, 99, 1))
    dialog = opened(qtbot, library, post)
    assert dialog.found.isVisible() and "cannot tell whether it is this post" in dialog.found.text()
    assert dialog.update_found.isVisible() and not dialog.publish_button.isEnabled()
    dialog.separate.setChecked(True)
    assert dialog.publish_button.isEnabled() and dialog.action.currentText() == "Save as a draft on the site"
    dialog.update_found.setChecked(True)
    assert dialog.action.currentText() == "Update the live post"
    publish(qtbot, dialog)
    assert dialog.result.remote_id == theirs["id"] and dialog.result.relinked and dialog.result.status == "publish"
    assert dialog.state.found == "linked"


def test_the_conflict_view_compares_like_with_like_and_has_no_destructive_default(
        qtbot, library, wordpress, site, monkeypatch):
    from editor.gui.dialogs.site_conflict_dialog import SiteConflictDialog

    post = clean_post(library, slug="gui-conflict", colour=(9, 90, 9))
    dialog = opened(qtbot, library, post)
    choose(dialog, "Send for review (pending)")
    publish(qtbot, dialog)
    with wordpress.client_for("administrator") as http:  # the reviewer changes one word on the site
        url = f"/wp-json/wp/v2/posts/{dialog.result.remote_id}"
        raw = http.get(url, params={"context": "edit"}).json()["content"]["raw"]
        assert "Keep the same bed time" in raw
        http.post(url, json={"content": raw.replace("Keep the same bed time", "Keep the same bedtime")})
    seen = {}

    def look_then_cancel(conflict: SiteConflictDialog) -> int:
        changed = [row for row in conflict.diff.rows if row.kind != "equal" and row.kind != "skip"]
        seen["rows"] = changed
        seen["default"] = [b.text() for b in conflict.findChildren(QPushButton) if b.isDefault()]
        seen["html"] = conflict.diff.toHtml()
        conflict.reject()
        return 0
    monkeypatch.setattr(SiteConflictDialog, "exec", look_then_cancel)
    dialog.result = None
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: "rows" in seen, timeout=60_000)
    [row] = seen["rows"]  # only the line the reviewer changed: citations and images read back as ours
    assert "Keep the same bedtime" in row.left and "Keep the same bed time" in row.right
    assert seen["default"] == ["Cancel"]
    assert dialog.result is None  # cancelled: nothing sent, nothing pulled

    def choose_theirs(conflict: SiteConflictDialog) -> int:
        conflict.findChild(QPushButton, "siteConflict_theirs").click()
        return 1
    monkeypatch.setattr(SiteConflictDialog, "exec", choose_theirs)
    publish(qtbot, dialog)
    pulled = library.posts.get("gui-conflict").body
    assert dialog.result.pulled and dialog.pulled and "Keep the same bedtime" in pulled
    assert "](asset:" in pulled and "[@" in pulled


def test_the_gate_errors_are_listed_and_nothing_is_sent(qtbot, library, wordpress, site):
    post = clean_post(library, slug="gui-blocked", colour=(3, 3, 3))
    broken = library.posts.save(post.replace(body="Unproven [@nobody1999]."))
    dialog = opened(qtbot, library, broken)
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.errors.count() > 0, timeout=30_000)
    assert any("citation-unresolved" in dialog.errors.item(i).text() for i in range(dialog.errors.count()))
    assert SiteStore(library).remote(post.id, site) is None


def test_after_pulling_the_sites_version_the_editor_shows_it(qtbot, library_path, tmp_path, wordpress, monkeypatch):
    from PySide6.QtCore import QSettings

    from editor.app import open_window
    from editor.core.library import Library
    from editor.core.publish.publisher import publish_post

    user = wordpress.users["editor"]
    with Library.open(library_path, seed=False) as lib:
        site = SiteStore(lib).add("clinic", wordpress.url, user.login, user.app_password)
        first = publish_post(lib, site, clean_post(lib, slug="gui-pull", colour=(3, 33, 133)), status="pending")
    with wordpress.client_for("administrator") as http:
        http.post(f"/wp-json/wp/v2/posts/{first.remote_id}", json={"content": "<p>Rewritten by the reviewer.</p>"})
    window = open_window(library_path, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_post("gui-pull")

    def publish_and_pull(dialog: PublishDialog) -> int:
        qtbot.waitUntil(lambda: dialog.state is not None, timeout=30_000)
        dialog.publish("theirs")
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
        return 0
    monkeypatch.setattr(PublishDialog, "exec", publish_and_pull)
    window.publish_post()
    assert "Rewritten by the reviewer." in window.editor.toPlainText()
    assert window.session.post.body == window.library.posts.get("gui-pull").body
    window.close()
    window.library.close()
