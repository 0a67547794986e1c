"""Fixtures for the preview tests: shown PreviewViews driven through a Page."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from preview_helpers import Page
from PySide6.QtCore import QUrl

from editor.gui.preview import PreviewView


@pytest.fixture
def make_view(qtbot) -> Callable[..., Page]:
    """Builds shown PreviewViews; clicked external links are collected in ``page.opened``."""

    def build(**kwargs) -> Page:
        opened: list[QUrl] = []
        kwargs.setdefault("open_external", opened.append)
        view = PreviewView(**kwargs)
        qtbot.addWidget(view)
        view.resize(900, 700)
        view.show()
        page = Page(view, qtbot)
        page.opened = opened
        return page

    return build


@pytest.fixture
def page(make_view: Callable[..., Page]) -> Iterator[Page]:
    yield make_view()
