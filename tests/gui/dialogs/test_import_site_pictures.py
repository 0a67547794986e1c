"""File → Import from Site brings a post's pictures from the clinic's media library in, and the preview
shows the library's copy (the real WordPress, the real dialog and the real QWebEngineView)."""

from __future__ import annotations

from page_script import page_value
from publish_samples import upload_photo

from editor.core.media.image_refs import find_images
from editor.core.publish.sites import SiteStore
from editor.gui.dialogs.import_site_dialog import ImportSiteDialog


def _import_through_the_menu(qtbot, window, monkeypatch) -> str:
    """Choose File → Import from Site, press Import and wait for the dialog's summary; what it said."""
    said: list[str] = []

    def drive(dialog: ImportSiteDialog) -> int:
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
        said.append(dialog.message.text())
        return 0

    monkeypatch.setattr(ImportSiteDialog, "exec", drive)
    window.actions_by_name["actionImportSite"].trigger()
    return said[0]


def test_a_site_post_s_picture_comes_in_through_the_dialog_and_shows_in_the_preview(qtbot, window, wordpress,
                                                                                    monkeypatch):
    user = wordpress.users["editor"]
    SiteStore(window.library).add("clinic", wordpress.url, user.login, user.app_password)
    with wordpress.client_for("editor") as http:
        picture = upload_photo(http, "handwashing-sink.jpg", (40, 140, 200), "Hands washed at a clinic sink")
        medium = picture["media_details"]["sizes"]["medium"]["source_url"]
        remote = http.post("/wp-json/wp/v2/posts", json={
            "title": "Washing your hands well", "status": "publish",
            "content": "<p>Twenty seconds of soap and water removes most germs from your hands.</p>"
                       f'<figure class="wp-block-image size-medium"><img src="{medium}" alt="Hands washed at a '
                       f'clinic sink" class="wp-image-{picture["id"]}"/></figure>'
                       "<h2>When to wash</h2><p>Before eating, after the toilet and after coughing.</p>"})
        remote.raise_for_status()
    try:
        message = _import_through_the_menu(qtbot, window, monkeypatch)
        assert " imported, " in message and "picture" in message and "fetched" in message
        [summary] = [p for p in window.library.posts.list() if p.title == "Washing your hands well"]
        post = window.library.posts.get(summary.slug)
        [ref] = find_images(post.body)
        assert ref.kind == "asset" and ref.alt == "Hands washed at a clinic sink"

        assert window.open_post(post.slug)
        width = picture["media_details"]["width"]  # the original upload, not the medium size the post showed
        script = ("(i => i ? [i.complete, i.naturalWidth, i.src.split(':')[0]] : null)"
                  "(document.querySelector('#post-body img'))")
        qtbot.waitUntil(lambda: page_value(qtbot, window, script) == [True, width, "postwright-asset"], timeout=20_000)
    finally:
        with wordpress.client_for("administrator") as http:
            http.delete(f"/wp-json/wp/v2/posts/{remote.json()['id']}", params={"force": "true"}).raise_for_status()
            http.delete(f"/wp-json/wp/v2/media/{picture['id']}", params={"force": "true"}).raise_for_status()
