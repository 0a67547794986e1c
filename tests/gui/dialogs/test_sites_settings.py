"""Settings → Sites against a real WordPress: add (tested before saving), edit, test and remove a site."""

from __future__ import annotations

from publish_samples import clean_post
from PySide6.QtWidgets import QDialog, QMessageBox

from editor.core.publish.links import LinkStore
from editor.core.publish.sites import SiteStore
from editor.gui.dialogs.site_dialogs import SiteEditDialog, SitesDialog

REMOTE = {"id": 77, "status": "publish", "link": "x", "title": {"raw": "T"}, "content": {"raw": ""}}


def _save(qtbot, dialog: SiteEditDialog, *, expect_saved: bool) -> None:
    dialog.last_report = None
    dialog.save_button.click()
    if expect_saved:
        qtbot.waitUntil(lambda: dialog.saved is not None, timeout=30_000)
    else:
        qtbot.waitUntil(lambda: dialog.last_report is not None or dialog.save_button.isEnabled()
                        and dialog.message.text() not in ("", "Testing the connection…"), timeout=30_000)


def test_adding_a_site_tests_it_first_and_names_the_part_that_failed(qtbot, library, wordpress):
    dialog = SiteEditDialog(library)
    qtbot.addWidget(dialog)
    dialog.show()
    user = wordpress.users["editor"]
    dialog.name.setText("clinic")
    dialog.url.setText(wordpress.url.replace("http://", "https://") + "/wp-admin/")
    dialog.user.setText(user.login)
    dialog.password.setText(user.app_password)
    _save(qtbot, dialog, expect_saved=False)
    assert dialog.message.text().startswith("Address: ") and "https://" in dialog.message.text()
    assert "SSL" not in dialog.message.text() and dialog.url.hasFocus() and SiteStore(library).list() == []

    dialog.url.setText(wordpress.url + "/wp-admin/")
    dialog.password.setText("my-login-password!")
    _save(qtbot, dialog, expect_saved=False)
    text = dialog.message.text()
    assert text.startswith("Password: ") and "Users → Profile → Application Passwords" in text
    assert dialog.password.hasFocus() and not dialog.save_anyway.isVisible() and SiteStore(library).list() == []

    dialog.password.setText(user.app_password)
    _save(qtbot, dialog, expect_saved=True)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.password.text() == ""
    saved = SiteStore(library).get("clinic")
    assert saved.url == wordpress.url and SiteStore(library).password(saved) == user.app_password


def test_an_unreachable_site_can_be_saved_anyway_for_later(qtbot, library):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    dialog = SiteEditDialog(library)
    qtbot.addWidget(dialog)
    dialog.show()
    for field, value in ((dialog.name, "offline"), (dialog.url, f"http://127.0.0.1:{port}"), (dialog.user, "erin"),
                         (dialog.password, "abcd efgh ijkl mnop qrst uvwx")):
        field.setText(value)
    _save(qtbot, dialog, expect_saved=False)
    assert "nothing answers on port" in dialog.message.text() and dialog.save_anyway.isVisible()
    dialog.save_anyway.click()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=20_000)
    assert SiteStore(library).get("offline").url == f"http://127.0.0.1:{port}"


def test_sites_can_be_edited_tested_and_removed_without_losing_links(qtbot, library, wordpress, monkeypatch):
    author, editor = wordpress.users["author"], wordpress.users["editor"]
    site = SiteStore(library).add("clinic", wordpress.url, author.login, author.app_password)
    post = clean_post(library, slug="settings-links")
    with library.transaction():
        LinkStore(library).record(post.id, site, REMOTE, version=1)
    dialog = SitesDialog(library)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sites.topLevelItemCount() == 1 and dialog.sites.currentItem().text(1) == wordpress.url
    assert dialog.edit_button.isEnabled() and dialog.remove_button.isEnabled()

    def edit_it(editor_dialog: SiteEditDialog) -> int:
        assert editor_dialog.name.text() == "clinic" and editor_dialog.password.text() == ""
        editor_dialog.name.setText("riverside")
        editor_dialog.user.setText(editor.login)
        editor_dialog.password.setText(editor.app_password)
        _save(qtbot, editor_dialog, expect_saved=True)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(SiteEditDialog, "exec", edit_it)
    dialog.edit_button.click()
    assert dialog.sites.currentItem().text(0) == "riverside" and dialog.sites.currentItem().text(2) == editor.login
    edited = SiteStore(library).get("riverside")
    assert edited.uid == site.uid and SiteStore(library).remote(post.id, edited).remote_id == 77
    assert SiteStore(library).password(edited) == editor.app_password

    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.last_report is not None, timeout=30_000)
    assert dialog.last_report.ok and "as erin (editor)" in dialog.message.text()

    asked = []

    def answer(box: QMessageBox, click: str) -> int:
        asked.append(box.text())
        assert box.defaultButton().text() == "Cancel"  # removing is never the default
        next(b for b in box.buttons() if b.text() == click).click()
        return 0
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Cancel"))
    dialog.remove_button.click()
    assert SiteStore(library).list() and "stay linked" in asked[0]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, "Remove"))
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.sites.topLevelItemCount() == 0, timeout=20_000)
    assert not dialog.edit_button.isEnabled() and "stay linked" in dialog.message.text()
    again = SiteStore(library).add("clinic", wordpress.url + "/wp-login.php", editor.login, editor.app_password)
    assert SiteStore(library).remote(post.id, again).remote_id == 77


def test_without_a_keyring_the_sites_dialog_says_how_to_get_one(qtbot, library):
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    dialog = SitesDialog(library)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "system keyring" in dialog.message.text(), timeout=10_000)
    assert "gnome-keyring" in dialog.message.text()
