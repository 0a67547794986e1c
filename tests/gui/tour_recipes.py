"""How dialog_tour.py builds each dialog, and takes it into the states where long text appears.

``recipes(tour)`` yields (dialog class name, make); ``make()`` yields (state, widget) for each state
worth measuring: the dialog as it opens, then with a result, a refusal or an error in it, using the
library ``tour.library`` holds (the sample post; "clean", a post that passes the gate; "phi", one
the gate refuses; two saved sites on a closed port, so a connection fails at once).
``message_boxes(tour)`` yields (name, call) for every function that builds a QMessageBox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "dialogs" / "data"
LONG_FAILURE = ("Cutting Back: the site sent this post without a title or any text, so it was skipped; open it "
                "in WordPress to see what it holds")
Recipe = Callable[[], Iterator[tuple[str, Any]]]


def recipes(tour: Any) -> Iterator[tuple[str, Recipe]]:
    lib = tour.library
    sample, clean, phi = (lib.posts.get(slug) for slug in ("glp1-what-to-know", "clean", "phi"))
    from editor.gui.hub import SignalHub

    hub = SignalHub()

    def about() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.about_dialog import AboutDialog

        yield "open", AboutDialog(lib.path)

    def author() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.author_dialog import NewAuthorDialog

        yield "open", NewAuthorDialog(lib)

    def check_settings() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.check_settings_dialog import CheckSettingsDialog

        yield "open", CheckSettingsDialog(lib)

    def conflict() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.conflict_dialog import ConflictDialog

        stored = sample.replace(body=sample.body + "\nEdited in another window.\n")
        yield "open", ConflictDialog(sample, stored)

    def refused(cls: Any, file_name: str, go: str) -> Iterator[tuple[str, Any]]:
        """An exit's dialog open on the clean post, then refused by the gate on the other."""
        yield "open", cls(lib, clean)
        dialog = cls(lib, phi)
        dialog.show()
        dialog.destination_edit.setText(str(tour.folder / file_name))
        getattr(dialog, go)()
        tour.wait(lambda: not dialog.busy)
        yield "refused by the checks", dialog

    def export() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.export_dialog import ExportDialog

        yield from refused(ExportDialog, "phi.html", "export")

    def gate_refusal() -> Iterator[tuple[str, Any]]:
        from editor.core.checks.gate import PublishBlockedError, gate_post
        from editor.gui.dialogs.gate_findings import GateRefusalDialog

        dialog = GateRefusalDialog(lib, phi, "Not copied", retry=lambda: None)
        dialog.show()
        dialog.view.show_refusal(PublishBlockedError(gate_post(lib, phi)), "Not copied")
        yield "refused by the checks", dialog

    def handout() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.handout_dialog import HandoutDialog

        yield from refused(HandoutDialog, "phi.pdf", "save")

    def history() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.history_dialog import HistoryDialog

        yield "open", HistoryDialog(lib, sample)

    def identity() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.identity_dialog import SiteIdentityDialog

        yield "open", SiteIdentityDialog(lib)

    def image() -> Iterator[tuple[str, Any]]:
        from PySide6.QtGui import QImage, qRgb

        from editor.gui.dialogs.image_dialog import ImageDescriptionDialog

        picture = QImage(320, 200, QImage.Format.Format_RGB32)
        picture.fill(qRgb(40, 90, 160))
        yield "open", ImageDescriptionDialog(picture, "IMG_20250312_141502-pen-injector.jpg", (4032, 3024),
                                             position=" (2 of 3)")

    def import_files() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.import_dialogs import ImportFilesDialog

        broken = tour.folder / "does-weight-come-back-after-stopping-semaglutide.md"
        broken.write_text("# Does weight come back?\n\nText with a picture.\n\n![A chart](missing-chart.png)\n\n"
                          "## More\n\nMore text.\n", encoding="utf-8")
        empty = tour.folder / "an-empty-file-someone-saved-by-mistake.md"
        empty.write_text("", encoding="utf-8")
        dialog = ImportFilesDialog(lib, hub, [DATA / "sleep-and-weight.md", broken, empty])
        yield "open", dialog
        dialog.start()
        tour.wait(lambda: not dialog.busy)
        yield "with results, a warning and an error", dialog
        dialog.table.setCurrentItem(dialog.table.topLevelItem(2))
        yield "the error selected", dialog

    def import_text() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.import_dialogs import ImportTextDialog

        yield "open", ImportTextDialog(lib, hub)

    def import_site() -> Iterator[tuple[str, Any]]:
        from editor.core.publish.pull import PullResult
        from editor.gui.dialogs.import_site_dialog import ImportSiteDialog

        dialog = ImportSiteDialog(lib, hub)
        yield "open", dialog
        dialog._done(PullResult(imported=["a", "b"], skipped=["c"], failed=[LONG_FAILURE, "Second: no text."]))
        yield "with a result", dialog

    def fetch_pictures() -> Iterator[tuple[str, Any]]:
        from editor.core.media.post_images import PostPictures
        from editor.core.media.web_fetch import ImageFetch
        from editor.gui.dialogs.fetch_pictures_dialog import FetchPicturesDialog

        dialog = FetchPicturesDialog(lib, sample.id or 0)
        tour.wait(lambda: not dialog.busy)
        yield "open, no web pictures", dialog
        urls = ["https://images.clinic-photos.example/uploads/2024/05/family-walking-in-the-park-at-sunset.jpg",
                "https://cdn.health-stock.example/charts/a1c-targets-by-age-group.png"]
        listed = FetchPicturesDialog(lib, sample.id or 0)
        tour.wait(lambda: not listed.busy)
        listed._listed(urls)
        yield "listing the sites", listed
        listed._done(PostPictures(sample.slug, [
            ImageFetch(urls[0], problem="timeout", reason="images.clinic-photos.example did not answer within 30 "
                                                          "seconds"),
            ImageFetch(urls[1], problem="not-an-image", reason="the address gave a web page, not a picture (the "
                                                               "server called it image/png)")]))
        yield "with the reasons", listed

    def post_picker() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.post_picker import PostPickerDialog

        yield "open", PostPickerDialog(lib.posts.list(), set())

    def publish() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.publish_dialog import PublishDialog

        dialog = PublishDialog(lib, clean)
        dialog.show()
        tour.wait(lambda: "Could not ask" in dialog.where.text() or dialog.state is not None, 40, "the publish dialog")
        yield "the site cannot be reached", dialog

    def add_reference() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.reference_dialogs import AddIdentifierDialog

        yield "open", AddIdentifierDialog(lib)

    def reference_import() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.reference_dialogs import ReferenceImportDialog

        bad = tour.folder / "references-from-the-old-website-export.ris"
        bad.write_text("TY  - JOUR\nAU  - Lee, Ann\nER  - \n\nTY  - JOUR\nTI  - A title\nPY  - 2020\nER  - \n")
        dialog = ReferenceImportDialog(lib, [DATA / "glp1.csl.json", bad])
        dialog.show()
        dialog.start()
        tour.wait(lambda: dialog.report is not None, 30, "the reference import")
        yield "with a report", dialog

    def edit_reference() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.reference_dialogs import EditReferenceDialog

        yield "open", EditReferenceDialog(lib, "wilding2021")

    def site_conflict() -> Iterator[tuple[str, Any]]:
        from editor.core.foundation.errors import PublishConflictError
        from editor.gui.dialogs.site_conflict_dialog import SiteConflictDialog

        theirs = clean.replace(body=clean.body.replace("Keep the same bed time", "Keep the same bedtime"))
        error = PublishConflictError("“Sleep and your weight” was edited on Riverside Family Clinic since it was "
                                     "last published from here.", theirs=theirs, ours=clean)
        yield "open", SiteConflictDialog(error)

    def site_edit() -> Iterator[tuple[str, Any]]:
        from editor.core.publish.sites import SiteStore
        from editor.gui.dialogs.site_dialogs import SiteEditDialog

        yield "new", SiteEditDialog(lib, None)
        dialog = SiteEditDialog(lib, SiteStore(lib).get("Riverside Family Clinic"))
        yield "existing", dialog
        dialog._start(save=False, force=False)
        tour.wait(lambda: dialog.test_button.isEnabled(), 40, "the site test")
        yield "the test failed", dialog

    def sites() -> Iterator[tuple[str, Any]]:
        from editor.gui.dialogs.site_dialogs import SitesDialog

        dialog = SitesDialog(lib)
        yield "open", dialog
        dialog.sites.setCurrentItem(dialog.sites.topLevelItem(0))
        dialog.test()
        tour.wait(lambda: dialog.test_button.isEnabled(), 40, "the sites list's test")
        yield "the test failed", dialog

    yield from {
        "AboutDialog": about, "NewAuthorDialog": author, "CheckSettingsDialog": check_settings,
        "ConflictDialog": conflict, "ExportDialog": export, "GateRefusalDialog": gate_refusal,
        "HandoutDialog": handout, "HistoryDialog": history, "SiteIdentityDialog": identity,
        "ImageDescriptionDialog": image, "ImportFilesDialog": import_files, "ImportTextDialog": import_text,
        "ImportSiteDialog": import_site, "FetchPicturesDialog": fetch_pictures, "PostPickerDialog": post_picker,
        "PublishDialog": publish,
        "AddIdentifierDialog": add_reference, "ReferenceImportDialog": reference_import,
        "EditReferenceDialog": edit_reference, "SiteConflictDialog": site_conflict, "SiteEditDialog": site_edit,
        "SitesDialog": sites,
    }.items()


def other_widgets(tour: Any) -> Iterator[tuple[str, Any]]:
    """Panels of text that float over the window: the find and replace bar, in a narrow and a wide editor."""
    from editor.gui.writing import MarkdownEditor

    for width in (300, 380, 640):
        editor = MarkdownEditor(spell_check=False)
        editor.resize(width, 420)
        editor.setPlainText(tour.library.posts.get("glp1-what-to-know").body)
        editor.show()
        editor.find_bar.show_replace()
        editor.find_bar.find_edit.setText("semaglutide")
        yield f"find and replace bar in an editor {width} px wide", editor.find_bar
        editor.find_bar.show_find()
        yield f"find bar in an editor {width} px wide", editor.find_bar
        editor.shutdown()
        editor.deleteLater()


def message_boxes(tour: Any) -> Iterator[tuple[str, Callable[[], object]]]:
    lib = tour.library
    clean = lib.posts.get("clean")
    from editor.core.foundation.errors import PostAlreadyImported
    from editor.core.foundation.output_paths import OverwriteNotConfirmed
    from editor.core.library.pending_edits import PendingEdit
    from editor.gui import file_dialogs
    from editor.gui.dialogs import import_dialogs, library_dialogs, save_dialogs

    long_path = tour.folder / "Clinic documents" / "Patient handouts 2025" / "glp1-what-to-know-large-print.pdf"
    yield "confirm_replace", lambda: file_dialogs.confirm_replace(
        None, OverwriteNotConfirmed("exists", path=long_path))
    yield "ask_keep_trashed", lambda: save_dialogs.ask_keep_trashed(None, clean)
    yield "ask_unsaved_on_close", lambda: save_dialogs.ask_unsaved_on_close(
        None, clean.title, "The library /home/jordan/Documents/Postwright/library.postwright is on a disk that is "
        "full; free some space and try again.")
    yield "ask_restore_pending", lambda: save_dialogs.ask_restore_pending(None, _pending(PendingEdit, clean))
    yield "ask_update", lambda: import_dialogs.ask_update(None, PostAlreadyImported(
        "before", slug="does-weight-come-back-after-semaglutide", title="Does Weight Come Back After Semaglutide? "
        "What the Research Says"))
    for missing in ("named", "gone"):
        yield f"missing library ({missing})", lambda m=missing: library_dialogs.ask_about_missing(None, long_path, m)
    yield "confirm_unpublish", lambda: _publish_dialog(tour).confirm_unpublish(_action())
    yield "confirm_remove", lambda: _sites_dialog(tour).confirm_remove(_site(lib))


def _pending(cls: Any, post: Any) -> Any:
    import dataclasses
    import time

    fields = {field.name for field in dataclasses.fields(cls)}
    values = {"post_id": post.id, "title": post.title, "body": post.body, "saved_at": time.time(), "version": 1,
              "slug": post.slug}
    return cls(**{name: value for name, value in values.items() if name in fields})


def _publish_dialog(tour: Any) -> Any:
    from editor.gui.dialogs.publish_dialog import PublishDialog

    return PublishDialog(tour.library, tour.library.posts.get("clean"))


def _action() -> Any:
    from editor.core.publish.remote_state import actions

    return next(action for action in actions(_live_state()) if action.status == "draft")


def _live_state() -> Any:
    import dataclasses

    from editor.core.publish.remote_state import RemoteState

    fields = {field.name for field in dataclasses.fields(RemoteState)}
    values = {"status": "publish", "remote_id": 7, "title": "Sleep and your weight", "link": "http://127.0.0.1:9/s",
              "date": "2025-03-03T10:00:00", "found": "linked"}
    return RemoteState(**{name: value for name, value in values.items() if name in fields})


def _sites_dialog(tour: Any) -> Any:
    from editor.gui.dialogs.site_dialogs import SitesDialog

    return SitesDialog(tour.library)


def _site(lib: Any) -> Any:
    from editor.core.publish.sites import SiteStore

    return SiteStore(lib).get("Riverside Family Clinic")
