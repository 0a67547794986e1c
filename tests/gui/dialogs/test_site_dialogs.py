"""Settings → Sites and File → Publish against a real WordPress, work done on workers."""

from __future__ import annotations

from publish_samples import clean_post
from PySide6.QtWidgets import QPushButton

from editor.core.publish.sites import SiteStore
from editor.gui.dialogs.site_dialogs import PublishDialog, SitesDialog


def test_sites_dialog_tests_the_connection_then_saves_the_site(qtbot, library, wordpress):
    dialog = SitesDialog(library)
    qtbot.addWidget(dialog)
    user = wordpress.users["editor"]
    dialog.name.setText("clinic")
    dialog.url.setText(wordpress.url)
    dialog.user.setText(user.login)
    dialog.password.setText("not the password")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.last_report is not None, timeout=20_000)
    assert dialog.last_report.problem == "login-password" and "Application Passwords" in dialog.message.text()
    dialog.password.setText(user.app_password)
    dialog.last_report = None
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.last_report is not None, timeout=20_000)
    assert dialog.last_report.ok
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.sites.count() == 1, timeout=20_000)
    assert [s.name for s in SiteStore(library).list()] == ["clinic"] and "system keyring" in dialog.message.text()
    assert dialog.password.text() == ""  # not kept in the window once it is in the keyring
    dialog.password.setText(user.app_password)
    dialog.add_button.click()  # the same name again: one clear sentence, nothing saved twice
    qtbot.waitUntil(lambda: "already a site named" in dialog.message.text(), timeout=20_000)


def test_publish_dialog_publishes_then_lists_gate_errors_and_asks_on_conflict(qtbot, library, wordpress,
                                                                               monkeypatch):
    user = wordpress.users["editor"]
    SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)
    post = clean_post(library, slug="gui-publish", colour=(7, 70, 170))
    dialog = PublishDialog(library, post)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("pending"))
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert dialog.result.status == "pending" and dialog.result.created

    with wordpress.client_for("administrator") as http:
        http.post(f"/wp-json/wp/v2/posts/{dialog.result.remote_id}", json={"content": "<p>Reviewer's words.</p>"})
    from editor.gui.dialogs.site_conflict_dialog import SiteConflictDialog

    asked = []

    def choose_theirs(conflict: SiteConflictDialog) -> int:
        asked.append(conflict.explanation.text())
        assert "Reviewer's words." in conflict.diff.toPlainText()
        conflict.findChild(QPushButton, "siteConflict_theirs").click()
        return 1
    monkeypatch.setattr(SiteConflictDialog, "exec", choose_theirs)
    dialog.result = None
    dialog.publish_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert asked and "edited on clinic" in asked[0] and dialog.result.pulled and dialog.pulled
    assert "Reviewer's words." in library.posts.get("gui-publish").body

    broken = library.posts.save(library.posts.get("gui-publish").replace(body="Unproven [@nobody1999]."))
    blocked = PublishDialog(library, broken)
    qtbot.addWidget(blocked)
    blocked.publish_button.click()
    qtbot.waitUntil(lambda: blocked.errors.isVisible() or blocked.errors.count() > 0, timeout=30_000)
    assert any("citation-unresolved" in blocked.errors.item(i).text() for i in range(blocked.errors.count()))


def test_copy_for_website_puts_html_and_text_on_the_clipboard(qtbot, library_path, tmp_path):
    from PySide6.QtCore import QMimeData, QSettings
    from PySide6.QtGui import QAction, QGuiApplication

    from editor.app import open_window
    from editor.core.library import Library

    with Library.open(library_path, seed=False) as lib:
        clean_post(lib, slug="clip")
    window = open_window(library_path, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_post("clip")
    QGuiApplication.clipboard().clear()
    window.findChild(QAction, "actionCopyForWebsite").trigger()
    qtbot.waitUntil(lambda: (QGuiApplication.clipboard().mimeData() or QMimeData()).hasHtml(), timeout=20_000)
    data = QGuiApplication.clipboard().mimeData()
    assert 'id="reference-list"' in data.html() and "data:image/png;base64," in data.html()
    assert "Sleep and your weight" in data.text()
    window.close()
    window.library.close()


def test_import_from_site_shows_progress_can_be_cancelled_and_the_library_shows_remote_status(
        qtbot, library, wordpress, hub):
    from editor.gui.dialogs.site_dialogs import ImportSiteDialog
    from editor.gui.panels.library_panel import LibraryPanel

    user = wordpress.users["editor"]
    SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)
    with wordpress.client_for("editor") as http:
        for number in range(3):  # enough posts that cancelling after the first leaves some out
            http.post("/wp-json/wp/v2/posts", json={"title": f"Site post {number}", "status": "pending",
                                                    "content": "<p>Written on the site.</p>"}).raise_for_status()
    dialog = ImportSiteDialog(library, hub)
    qtbot.addWidget(dialog)
    steps = []

    def cancel_after_the_first(done: int, total: int, title: str) -> None:
        steps.append(done)
        if len(steps) == 1:
            dialog.cancel()
    dialog.relay.progressed.connect(cancel_after_the_first)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert dialog.result.cancelled and steps and len(dialog.result.imported) + len(dialog.result.skipped) < 4

    dialog.result = None
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    assert not dialog.result.cancelled and dialog.progress.isHidden()
    total = dialog.progress.maximum()
    assert "Imported" in dialog.message.text() and total >= 3

    panel = LibraryPanel(library, hub)
    qtbot.addWidget(panel)
    panel.refresh()
    shown = {panel.model.index(row, 0).data(): panel.model.index(row, 3).data()
             for row in range(panel.model.rowCount())}
    assert shown["Site post 0"] == "clinic: pending review"


def test_site_identity_dialog_validates_then_saves_and_strips_the_logo(qtbot, library, tmp_path):
    import io

    from PIL import Image

    from editor.core.render.site_identity import SiteIdentity
    from editor.gui.dialogs.identity_dialog import SiteIdentityDialog

    author = library.authors.find_or_create("Jordan Ellis", credentials="PA-C")
    dialog = SiteIdentityDialog(library)
    qtbot.addWidget(dialog)
    dialog.clinic_name.setText("Riverside Clinic")
    dialog.colour.setText("blue; x: y")
    dialog.save()
    assert "not a colour" in dialog.message.text() and SiteIdentity.from_library(library) == SiteIdentity()
    dialog.colour.setText("#0B6E99")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    logo = tmp_path / "logo.jpg"
    out = io.BytesIO()
    Image.new("RGB", (200, 80), "navy").save(out, format="JPEG", exif=exif)
    logo.write_bytes(out.getvalue())
    dialog.set_logo_file(logo)
    dialog.footer_text.setPlainText("12 Harbor Street\nPhone 555-201-3344")
    dialog.base_url.setText("https://riverside.clinic/blog/")
    dialog.default_author.setCurrentIndex(dialog.default_author.findData(author.id))
    dialog.save()
    saved = SiteIdentity.from_library(library)
    assert saved.clinic_name == "Riverside Clinic" and saved.primary_colour == "#0b6e99"
    assert saved.default_author_id == author.id and saved.footer_text.endswith("555-201-3344")
    assert library.settings.get("site_base_url") == "https://riverside.clinic/blog"
    with Image.open(io.BytesIO(library.assets.get(saved.logo_asset_id)[0])) as stored:
        assert not stored.getexif()


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
        dialog.publish("theirs")
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
        return 0
    monkeypatch.setattr(PublishDialog, "exec", publish_and_pull)
    window.publish_post()
    assert "Rewritten by the reviewer." in window.editor.toPlainText()
    assert window.session.post.body == window.library.posts.get("gui-pull").body
    window.close()
    window.library.close()
