"""Copy for website, File → Import from Site and Settings → Site identity (Settings → Sites and File → Publish
have their own files)."""

from __future__ import annotations

from publish_samples import clean_post
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from editor.core.publish.sites import SiteStore


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
    from editor.gui.dialogs.import_site_dialog import ImportSiteDialog
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
    assert " imported, " in dialog.message.text() and "already in the library" in dialog.message.text() and total >= 3

    panel = LibraryPanel(library, hub)
    qtbot.addWidget(panel)
    panel.refresh()
    shown = {panel.model.index(row, 0).data(): panel.model.index(row, 3).data()
             for row in range(panel.model.rowCount())}
    assert shown["Site post 0"] == "In review"  # every post is on the one site the header names
    assert panel.model.headerData(3, Qt.Orientation.Horizontal) == "On clinic"


def test_site_identity_dialog_validates_then_saves_and_strips_the_logo(qtbot, library, tmp_path):
    import io

    from PIL import Image
    from PySide6.QtWidgets import QDialog

    from editor.core.render.site_identity import SiteIdentity
    from editor.gui.dialogs.identity_dialog import SiteIdentityDialog

    author = library.authors.find_or_create("Jordan Ellis", credentials="PA-C")
    dialog = SiteIdentityDialog(library)
    qtbot.addWidget(dialog)
    dialog.clinic_name.setText("Riverside Clinic")
    dialog.colour.setText("blue; x: y")
    dialog.save()
    assert "not a colour" in dialog.message.text() and SiteIdentity.from_settings(library.settings) == SiteIdentity()
    dialog.colour.setText("#0B6E99")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    logo = tmp_path / "logo.jpg"
    out = io.BytesIO()
    Image.new("RGB", (200, 80), "navy").save(out, format="JPEG", exif=exif)
    logo.write_bytes(out.getvalue())
    dialog.set_logo_file(logo)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.logo_label.text() == "200 × 80 pixels" and not dialog.logo_preview.pixmap().isNull()
    dialog.footer_text.setPlainText("12 Harbor Street\nPhone 555-201-3344")
    dialog.base_url.setText("https://riverside.clinic/blog/")
    dialog.default_author.setCurrentIndex(dialog.default_author.findData(author.id))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    saved = SiteIdentity.from_settings(library.settings)
    assert saved.clinic_name == "Riverside Clinic" and saved.primary_colour == "#0b6e99"
    assert saved.default_author_id == author.id and saved.footer_text.endswith("555-201-3344")
    assert library.settings.get("site_base_url") == "https://riverside.clinic/blog"
    with Image.open(io.BytesIO(library.assets.get(saved.logo_asset_id)[0])) as stored:
        assert not stored.getexif()


def test_site_identity_reads_and_stores_the_logo_on_a_worker_never_the_gui_thread(qtbot, library_path, tmp_path,
                                                                                  monkeypatch):
    import threading

    from PIL import Image
    from PySide6.QtWidgets import QDialog

    from editor.core.library import Library
    from editor.core.render.site_identity import SiteIdentity
    from editor.gui.dialogs import identity_dialog
    from editor.gui.dialogs.identity_dialog import SiteIdentityDialog

    gui_thread = threading.current_thread()
    threads: list[str] = []
    stored, read = identity_dialog.store_logo, identity_dialog.read_logo

    def store_logo(lib, path):
        threads.append("store" if threading.current_thread() is not gui_thread else "store on the GUI thread")
        return stored(lib, path)

    def read_logo(lib, asset_id):
        threads.append("read" if threading.current_thread() is not gui_thread else "read on the GUI thread")
        return read(lib, asset_id)

    monkeypatch.setattr(identity_dialog, "store_logo", store_logo)
    monkeypatch.setattr(identity_dialog, "read_logo", read_logo)
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), "teal").save(logo)
    not_a_picture = tmp_path / "logo-copy.png"
    not_a_picture.write_text("<html>not a picture</html>")
    with Library.open(library_path, seed=False) as lib:
        dialog = SiteIdentityDialog(lib)  # a file library: the worker opens its own connection to it
        qtbot.addWidget(dialog)
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        dialog.set_logo_file(logo)
        assert dialog.busy and not save.isEnabled()  # returned at once; Save waits for the logo
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
        assert dialog.logo_label.text() == "120 × 60 pixels" and save.isEnabled() and dialog.logo_asset_id
        dialog.set_logo_file(not_a_picture)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
        assert dialog.message.text() and dialog.logo_label.text() == "120 × 60 pixels"  # the logo before stays
        dialog.clinic_name.setText("Harbor Clinic")
        dialog.save()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
        asset_id = SiteIdentity.from_settings(lib.settings).logo_asset_id
        assert asset_id == dialog.logo_asset_id

        again = SiteIdentityDialog(lib)  # reopened: the stored logo is read for its preview on a worker
        qtbot.addWidget(again)
        assert again.logo_label.text() == "Reading the logo…"
        qtbot.waitUntil(lambda: again.logo_label.text() == "120 × 60 pixels", timeout=20_000)
    assert threads == ["store", "read", "store", "read"]
