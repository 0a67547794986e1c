"""Show every dialog of the app, and every message box it builds, and report text a person could not read.

Run as its own process (the screen is fixed when Qt starts), at 100 % or 200 %:

    python tests/gui/dialog_tour.py --scale 2 [--pictures FOLDER]

The screen is an offscreen one of 1366×768 (logical) pixels, at a device pixel ratio of 1 or 2
(``QT_SCALE_FACTOR`` on a 2732×1536 screen). Each dialog class defined in ``editor/gui/dialogs``
is built from a recipe below (a class without one is reported), shown at the size it chooses,
taken into the states where long text appears (results, refusals, errors), and measured by
``text_fit.text_problems``. Message boxes are caught at ``exec()``: ``QMessageBox`` is replaced
before the app's modules load, so each box records where it was built. Prints one JSON object:
``{"problems": [...], "dialogs": [...], "message_boxes": ["file:line", ...]}``.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _screen(scale: int, folder: Path) -> None:
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366 * scale,
                                               "height": 768 * scale, "logicalDpi": 96}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = str(scale)
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, choices=(1, 2), default=1)
    parser.add_argument("--pictures", type=Path, help="also save a picture of each dialog here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="postwright-tour-"))
    for name in ("data", "config", "cache", "state"):
        os.environ[f"XDG_{name.upper()}_HOME"] = str(folder / name)
    _screen(args.scale, folder)
    sys.path[:0] = [str(ROOT), str(HERE), str(HERE.parent)]
    import keyring
    from memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    built = _catch_message_boxes()
    from editor.app import ensure_application

    ensure_application()
    tour = Tour(folder, args.pictures)
    tour.run()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(60_000)  # no worker left running at exit
    print(json.dumps({"problems": tour.problems, "dialogs": tour.shown, "message_boxes": sorted(set(built))}))
    return 0


def _catch_message_boxes() -> list[str]:
    """Every QMessageBox the app builds from here on records where, and is measured at exec() instead of
    waiting for a click (it answers as if closed with Escape)."""
    from PySide6 import QtWidgets

    built: list[str] = []
    original = QtWidgets.QMessageBox

    class MeasuredMessageBox(original):  # type: ignore[misc, valid-type]
        measure: Callable[[QtWidgets.QWidget, str], None] | None = None

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            caller = inspect.stack()[1]
            self.setProperty("builtAt", f"{Path(caller.filename).resolve().relative_to(ROOT)}:{caller.lineno}")
            built.append(self.property("builtAt"))

        def exec(self) -> int:
            if MeasuredMessageBox.measure is not None:
                MeasuredMessageBox.measure(self, f"message box {self.property('builtAt')}")
            self.hide()
            return 0

    def static(name: str, icon: object) -> Callable[..., object]:
        def ask(parent: object, title: str, text: str, *_args: object, **_kwargs: object) -> object:
            box = MeasuredMessageBox(icon, title, text, original.StandardButton.Ok, parent)
            built.pop()  # Qt's own box (a static call): only the boxes we build are listed
            caller = inspect.stack()[1]
            box.setProperty("builtAt", f"{Path(caller.filename).name}:{caller.lineno} (QMessageBox.{name})")
            box.exec()
            return original.StandardButton.Cancel if icon == original.Icon.Question else original.StandardButton.Ok
        return staticmethod(ask)

    for name, icon in (("warning", original.Icon.Warning), ("critical", original.Icon.Critical),
                       ("information", original.Icon.Information), ("question", original.Icon.Question)):
        setattr(MeasuredMessageBox, name, static(name, icon))
    QtWidgets.QMessageBox = MeasuredMessageBox  # type: ignore[misc]
    return built


class Tour:
    def __init__(self, folder: Path, pictures: Path | None) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.folder, self.pictures = folder, pictures
        self.problems: list[str] = []
        self.shown: list[str] = []
        QMessageBox.measure = self.measure  # type: ignore[attr-defined]
        self.library = self._library()

    # -- measuring -------------------------------------------------------------------------
    def measure(self, widget: object, name: str) -> None:
        from PySide6.QtWidgets import QApplication, QWidget
        from text_fit import text_problems

        assert isinstance(widget, QWidget)
        if not widget.isVisible():
            widget.show()
        for _ in range(3):
            QApplication.processEvents()
        self.shown.append(name)
        self.problems += [f"{name}: {problem}" for problem in text_problems(widget)]
        if self.pictures is not None:
            self.pictures.mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(self.pictures / (name.replace("/", "_").replace(" ", "-") + ".png")))

    def wait(self, done: Callable[[], bool], seconds: float = 60, what: str = "") -> None:
        import time

        from PySide6.QtWidgets import QApplication

        end = time.monotonic() + seconds
        while not done() and time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.01)
        if not done():
            self.problems.append(f"gave up waiting {seconds} s for {what or 'a dialog'}")

    # -- the material ------------------------------------------------------------------------
    def _library(self):
        from publish_samples import clean_post

        from editor.core.library import Library
        from editor.core.post.model import Post
        from editor.core.publish.sites import SiteStore

        lib = Library.open(self.folder / "library.postwright")
        clean_post(lib, slug="clean")
        author = lib.posts.get("clean").author_id
        lib.posts.create(Post(title="Cutting Back on Alcohol: What Changes in the First Month", slug="phi",
                              body="Call Ann Lee at 555-123-4567 about her results.\n", author_id=author,
                              summary="What happens when you drink less, week by week."))
        post = lib.posts.get("glp1-what-to-know")
        lib.posts.save(post.replace(body=post.body + "\nA later paragraph.\n"), reason="save")
        sites = SiteStore(lib)
        sites.add("Riverside Family Clinic", "http://127.0.0.1:9", "jordan.ellis", "abcd efgh ijkl mnop qrst uvwx")
        sites.add("staging", "http://127.0.0.1:9/staging", "jordan.ellis", "abcd efgh ijkl mnop qrst uvwx")
        return lib

    # -- the tour ---------------------------------------------------------------------------
    def run(self) -> None:
        recipes = dict(self.recipes())
        for cls in dialog_classes():
            if cls.__name__ not in recipes:
                self.problems.append(f"{cls.__module__}.{cls.__name__}: no recipe in dialog_tour.py")
        for name, make in recipes.items():
            for state, widget in make():
                self.measure(widget, f"{name} ({state})")
            self._close_all()
        from tour_recipes import other_widgets

        for name, widget in other_widgets(self):
            self.measure(widget, name)
        for name, ask in self.message_boxes():
            before = len(self.shown)
            ask()
            if len(self.shown) == before:
                self.problems.append(f"{name}: no message box was shown")

    def _close_all(self) -> None:
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QApplication, QDialog

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog):
                widget.hide()
                widget.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def recipes(self) -> Iterator[tuple[str, Callable[[], Iterator[tuple[str, object]]]]]:
        from tour_recipes import recipes

        yield from recipes(self)

    def message_boxes(self) -> Iterator[tuple[str, Callable[[], object]]]:
        from tour_recipes import message_boxes

        yield from message_boxes(self)


def dialog_classes() -> list[type]:
    """Every QDialog subclass defined in editor/gui/dialogs (a base other dialogs extend excepted)."""
    from PySide6.QtWidgets import QDialog

    import editor.gui.dialogs as package

    found = []
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, QDialog) and value.__module__ == module.__name__
                    and not value.__name__.startswith("_") and value.__name__ != "VersionChoiceDialog"):
                found.append(value)
    return found


if __name__ == "__main__":
    sys.exit(main())
