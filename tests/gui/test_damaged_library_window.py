"""The app on a library whose damage the integrity check finds while the app loads."""

from __future__ import annotations

import pytest
from library_damage import damage_index
from PySide6.QtWidgets import QApplication

from editor.app import open_window
from editor.core.foundation.errors import CorruptLibraryError
from editor.core.library import Library, registry


def test_a_damaged_library_opened_beside_the_app_loading_is_refused_before_any_window(qtbot, tmp_path, settings):
    path = tmp_path / "library.postwright"
    Library.open(path).close()  # a new library with the sample post
    data = damage_index(path)
    opened = Library.open(path, integrity="background")  # as the `postwright` command does
    windows_before = set(QApplication.topLevelWidgets())
    with pytest.raises(CorruptLibraryError, match="will not write to it"):
        open_window(opened, settings)
    assert not [w for w in QApplication.topLevelWidgets() if w not in windows_before and w.isVisible()]
    assert registry.open_files() == []  # the library was closed
    assert path.read_bytes() == data


def test_a_sound_library_opened_beside_the_app_loading_opens(qtbot, library_path, settings):
    Library.open(library_path).close()
    opened = Library.open(library_path, integrity="background")
    window = open_window(opened, settings)
    qtbot.addWidget(window)
    assert opened.integrity is not None and opened.integrity.done and opened.integrity.error is None
    assert window.session.post is not None
    window.library.posts.create(window.session.post.replace(slug="", title="Written after the verdict"))
    window.close()
    window.library.close()
