"""Every panel and dialog works for a keyboard and a screen reader: each control Tab can reach
has a name a screen reader can say, the Tab order reaches every visible control, and F6 walks
the panels. Names come from Qt's accessibility interface (what a screen reader is given)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.exceptions import TimeoutError  # noqa: A004 - pytest-qt's name for its timeout

from editor.core.library.markdown_io import create_from_markdown
from editor.gui.panel_focus import PANEL_ORDER, focus_next_panel

DATA = Path(__file__).parents[1] / "dialogs" / "data"


def tab_focusable(root: QWidget) -> list[QWidget]:
    found = [root] if root.focusPolicy() & Qt.FocusPolicy.TabFocus else []
    found += root.findChildren(QWidget)
    return [w for w in found if w.isVisibleTo(root.window()) and w.isVisible() and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None]


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName() or '(no objectName)'}" for w in tab_focusable(root)
            if not spoken_name(w)]


def tab_chain(root: QWidget) -> set[QWidget]:
    """Widgets reached by following the focus chain (Tab) from ``root`` once around."""
    reached: set[QWidget] = set()
    widget = root.nextInFocusChain()
    for _ in range(5000):
        if widget is root:
            break
        reached.add(widget)
        widget = widget.nextInFocusChain()
    return reached


def skipped(root: QWidget) -> list[str]:
    chain = tab_chain(root)
    return [f"{type(w).__name__} {w.objectName()}" for w in tab_focusable(root) if w is not root and w not in chain]


@pytest.fixture
def window(qtbot, window):
    """The app (tests/gui/conftest.py, which also closes it as a user would) on a laptop screen."""
    window.resize(1366, 768)
    qtbot.waitExposed(window)
    return window


def test_every_panel_control_has_a_spoken_name_and_is_in_the_tab_order(window) -> None:
    for name in PANEL_ORDER:
        panel = window.findChild(QWidget, name)
        assert panel is not None, name
        assert unnamed(panel) == [], name
    for dock in window.docks.values():  # the tabified dock in the background too
        dock.show()
        dock.raise_()
        assert unnamed(dock.widget()) == [], dock.objectName()
    assert skipped(window) == []


def test_f6_walks_the_panels_in_reading_order_and_back(qtbot, window) -> None:
    window.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor)
    panels = [window.findChild(QWidget, name) for name in PANEL_ORDER]
    visible = [p for p in panels if p.isVisible() and not p.visibleRegion().isEmpty()]

    def panel_with_focus() -> QWidget | None:
        focused = QApplication.focusWidget()
        return next((p for p in visible if focused is not None and (focused is p or p.isAncestorOf(focused)
                                                                     or p.focusProxy() is focused)), None)

    visited = []
    for _ in range(len(visible)):
        focus_next_panel(window, +1)
        qtbot.waitUntil(lambda: panel_with_focus() is not None and panel_with_focus() not in visited[-1:])
        visited.append(panel_with_focus())
    start = visible.index(window.editor)
    assert visited == visible[start + 1:] + visible[: start + 1]  # once around, in reading order
    focus_next_panel(window, -1)
    qtbot.waitUntil(lambda: panel_with_focus() is visited[-2])
    actions = {a.objectName(): a for a in window.findChildren(type(window.actions_by_name["actionSave"]))}
    assert actions["actionNextPanel"].shortcut().toString() == "F6"


def test_menus_have_mnemonics_and_toolbar_buttons_say_their_shortcut(window) -> None:
    for action in window.menuBar().actions():
        assert "&" in action.text(), action.text()
    toolbar = window.findChild(QWidget, "mainToolBar")
    bold = window.editor.named_actions()["actionBold"]
    assert bold in toolbar.actions() and "Ctrl+B" in bold.toolTip() and not bold.icon().isNull()


def dialog_factories(window) -> Iterator[tuple[str, Callable[[], QDialog]]]:
    from editor.gui.dialogs.about_dialog import AboutDialog
    from editor.gui.dialogs.author_dialog import NewAuthorDialog
    from editor.gui.dialogs.conflict_dialog import ConflictDialog
    from editor.gui.dialogs.export_dialog import ExportDialog
    from editor.gui.dialogs.handout_dialog import HandoutDialog
    from editor.gui.dialogs.history_dialog import HistoryDialog
    from editor.gui.dialogs.identity_dialog import SiteIdentityDialog
    from editor.gui.dialogs.import_dialogs import ImportFilesDialog, ImportTextDialog
    from editor.gui.dialogs.import_site_dialog import ImportSiteDialog
    from editor.gui.dialogs.post_picker import PostPickerDialog
    from editor.gui.dialogs.publish_dialog import PublishDialog
    from editor.gui.dialogs.reference_dialogs import AddIdentifierDialog, EditReferenceDialog
    from editor.gui.dialogs.site_dialogs import SiteEditDialog, SitesDialog

    lib = window.library
    post = lib.posts.get("glp1-what-to-know")
    stored = lib.posts.get("glp1-what-to-know")
    stored.body += "\nEdited elsewhere.\n"
    yield "author", lambda: NewAuthorDialog(lib, window)
    yield "conflict", lambda: ConflictDialog(post, stored, window)
    yield "export", lambda: ExportDialog(lib, post, window)
    yield "handout", lambda: HandoutDialog(lib, post, window)
    yield "history", lambda: HistoryDialog(lib, post, window)
    yield "import-files", lambda: ImportFilesDialog(lib, window.hub, [DATA / "sleep-and-weight.md"], window)
    yield "import-text", lambda: ImportTextDialog(lib, window.hub, window)
    yield "post-picker", lambda: PostPickerDialog(lib.posts.list(), set(), window)
    yield "add-reference", lambda: AddIdentifierDialog(lib, window)
    yield "edit-reference", lambda: EditReferenceDialog(lib, "wilding2021", window)
    yield "sites", lambda: SitesDialog(lib, window)
    yield "site-edit", lambda: SiteEditDialog(lib, None, window)
    yield "publish", lambda: PublishDialog(lib, post, window)
    yield "import-site", lambda: ImportSiteDialog(lib, window.hub, window)
    yield "site-identity", lambda: SiteIdentityDialog(lib, window)
    yield "about", lambda: AboutDialog(lib.path, window)


@pytest.mark.allow_dialogs  # shows each real dialog; patching QDialog.exec under it crashes Qt here
def test_every_dialog_is_named_tab_complete_and_closes_on_escape(qtbot, window) -> None:
    create_from_markdown(window.library, (DATA / "sleep-and-weight.md").read_text(encoding="utf-8"), source="s.md")
    checked = []
    for name, make in dialog_factories(window):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert unnamed(dialog) == [], name
        assert skipped(dialog) == [], name
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        if name == "conflict":  # by design: Escape must not drop either version; it says so instead
            assert dialog.isVisible() and "Choose one of the three buttons" in dialog.message.text()
            dialog.choose("stored")
            checked.append(name)
            continue
        try:
            qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=5000)
        except TimeoutError as error:
            raise AssertionError(f"{name} stays open after Escape") from error
        checked.append(name)
    assert len(checked) == 16
