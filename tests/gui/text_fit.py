"""Finding text a person cannot read in a shown widget: cut off, squeezed, overlapped or with a stray "&".

``text_problems(root)`` walks every visible label, button, check box, group box, tab and header of
``root`` and measures its text with ``QFontMetrics`` against the room the widget has:

- a label that does not wrap must be as wide as its longest line; one that wraps must be as tall
  as its text needs at its width (``heightForWidth``), and no single word may be wider than it;
- a button, check box or radio button must hold its text beside its icon or indicator;
- a literal "&" must not show: in a button, a tab or a label with a buddy, "&x" marks a mnemonic
  and only "&&" shows an "&"; in any other label every "&" shows (a mnemonic mistake);
- a list's heading must fit its column, and a cell cut to "…" must hold its whole text in its tooltip;
- widgets that a layout places side by side must not overlap;
- the window must fit on the screen (its title bar and frame allowed for).

Each problem is one line naming the widget (class, objectName) and its text.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QTextDocument, QTextLayout, QTextOption
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt namespace
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)

DECORATION = (16, 48)  # a window manager's frame and title bar
SLACK = 1  # rounding between the metrics and the layout


def shown_mnemonic_text(text: str) -> str:
    """What Qt draws for a text with mnemonics: "&x" → "x", "&&" → "&"."""
    return re.sub(r"&(.)", r"\1", text)


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '(unnamed)'}"


def _visible(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisible() and widget.isVisibleTo(root.window()) and widget.width() > 0


def _inside_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(label.text()))


def _label_problems(label: QLabel) -> list[str]:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return []
    rect = label.contentsRect()
    margin = label.margin() * 2 + max(label.indent(), 0)
    width, height = rect.width() - margin, rect.height() - label.margin() * 2
    where = f"{_name(label)}: {text[:80]!r}"
    problems = []
    if _is_rich(label):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        shown = document.toPlainText()
        if label.wordWrap():
            document.setTextWidth(width)
            if document.size().height() > height + SLACK + 2:
                problems.append(f"{where} needs {document.size().height():.0f} px of height, has {height}")
        if document.idealWidth() > width + SLACK:
            problems.append(f"{where} needs {document.idealWidth():.0f} px of width, has {width}")
    else:
        shown = shown_mnemonic_text(text) if label.buddy() is not None else text
        metrics = QFontMetrics(label.font())
        if label.wordWrap():
            needed = label.heightForWidth(label.width())  # the widget's own size, its margins included
            if needed > label.height() + SLACK:
                problems.append(f"{where} needs {needed} px of height, has {label.height()}")
            widest = _widest_wrapped_line(shown, label, width)
            if widest > width + SLACK:
                problems.append(f"{where} has a piece it cannot break, {widest:.0f} px wide in {width} px")
        else:
            lines = shown.split("\n")
            widest = max(metrics.horizontalAdvance(line) for line in lines)
            if widest > width + SLACK:
                problems.append(f"{where} needs {widest} px of width, has {width} (it does not wrap)")
            if metrics.lineSpacing() * len(lines) - metrics.leading() > height + SLACK:
                problems.append(f"{where} needs {len(lines)} lines, has {height} px of height")
    if "&" in shown:
        problems.append(f"{where} shows a literal '&'")
    return problems


def _widest_wrapped_line(text: str, widget: QWidget, width: int) -> float:
    """The widest line of ``text`` wrapped at ``width`` the way a label wraps it (Unicode line breaks: after a
    space, a hyphen or a slash); wider than ``width`` only where a piece cannot be broken."""
    widest = 0.0
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, widget.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            widest = max(widest, line.naturalTextWidth())
        layout.endLayout()
    return widest


def _button_room(button: QAbstractButton) -> int:
    style = button.style()
    metric = style.pixelMetric
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    if isinstance(button, QCheckBox):
        return button.width() - metric(QStyle.PixelMetric.PM_IndicatorWidth, None, button) - metric(
            QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, button) - icon
    if isinstance(button, QRadioButton):
        return button.width() - metric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, button) - metric(
            QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, button) - icon
    if isinstance(button, QToolButton):
        return button.width() - 4 - (icon if button.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonTextOnly
                                     else 0)
    frame = metric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
    margin = metric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
    menu = metric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button) if (
        isinstance(button, QPushButton) and button.menu() is not None) else 0
    return button.width() - 2 * (frame + margin) - icon - menu


def _button_problems(button: QAbstractButton) -> list[str]:
    text = button.text()
    if not text or (isinstance(button, QToolButton)
                    and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly):
        return []
    shown = shown_mnemonic_text(text)
    where = f"{_name(button)}: {text!r}"
    problems = []
    needed = QFontMetrics(button.font()).horizontalAdvance(shown)
    room = _button_room(button)
    if needed > room + SLACK:
        problems.append(f"{where} needs {needed} px for its text, has {room}")
    if "&" in shown:
        problems.append(f"{where} shows a literal '&'")
    return problems


def _group_problems(box: QGroupBox) -> list[str]:
    shown = shown_mnemonic_text(box.title())
    if not shown:
        return []
    problems = []
    needed = QFontMetrics(box.font()).horizontalAdvance(shown) + (24 if box.isCheckable() else 8)
    if needed > box.width() + SLACK:
        problems.append(f"{_name(box)}: title {box.title()!r} needs {needed} px, has {box.width()}")
    if "&" in shown:
        problems.append(f"{_name(box)}: title {box.title()!r} shows a literal '&'")
    return problems


def _tab_problems(bar: QTabBar) -> list[str]:
    problems = []
    metrics = QFontMetrics(bar.font())
    for index in range(bar.count()):
        shown = shown_mnemonic_text(bar.tabText(index))
        if metrics.horizontalAdvance(shown) > bar.tabRect(index).width() - 8 + SLACK:
            problems.append(f"{_name(bar)}: tab {bar.tabText(index)!r} is cut off")
        if "&" in shown:
            problems.append(f"{_name(bar)}: tab {bar.tabText(index)!r} shows a literal '&'")
    return problems


def _header_problems(view: QAbstractItemView) -> list[str]:
    header = getattr(view, "header", None)
    header = header() if callable(header) else None
    if header is None or not header.isVisible():
        return []
    model = view.model()
    problems = []
    metrics = QFontMetrics(header.font())
    shown = view.viewport().width()
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        start = header.sectionPosition(column)
        if start + header.sectionSize(column) > shown + SLACK:
            problems.append(f"{_name(view)}: column {text!r} runs past the list's right edge (it scrolls sideways)")
        elif text and metrics.horizontalAdvance(text) > header.sectionSize(column) - 8 + SLACK:
            problems.append(f"{_name(view)}: column {text!r} is {header.sectionSize(column)} px, its heading "
                            f"needs {metrics.horizontalAdvance(text) + 8}")
    return problems


def _cell_problems(view: QAbstractItemView, rows: int = 50) -> list[str]:
    """A cell cut to "…" must carry its whole text in its tooltip (the way to read it)."""
    model = view.model()
    if model is None:
        return []
    problems = []
    metrics = QFontMetrics(view.font())
    root = QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for row in range(min(model.rowCount(root), rows)):
        for column in range(columns):
            index = model.index(row, column)
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            rect = view.visualRect(index)
            if not text or rect.width() <= 0:
                continue
            icon = 20 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
            widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
            if widest > rect.width() - icon - 8 + SLACK:
                tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
                document = QTextDocument()
                document.setHtml(tip)
                if " ".join(text.split()) not in " ".join(f"{tip} {document.toPlainText()}".split()):
                    problems.append(f"{_name(view)}: row {row}, column {column} is cut off ({text[:60]!r}) and "
                                    "its tooltip does not hold it")
    return problems


def _managed(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    return layout is not None and _in_layout(layout, widget)


def _in_layout(layout: QLayout, widget: QWidget) -> bool:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget:
            return True
        child = item.layout()
        if child is not None and _in_layout(child, widget):
            return True
    return False


def _overlaps(root: QWidget) -> list[str]:
    problems = []
    parents = [root, *root.findChildren(QWidget)]
    for parent in parents:
        if not _visible(parent, root) or isinstance(parent, QAbstractItemView):
            continue
        children = [child for child in parent.children() if isinstance(child, QWidget) and not child.isWindow()
                    and _visible(child, root) and _managed(child)]
        for index, first in enumerate(children):
            for second in children[index + 1:]:
                overlap: QRect = first.geometry().intersected(second.geometry())
                if overlap.width() > SLACK and overlap.height() > SLACK:
                    problems.append(f"{_name(first)} and {_name(second)} overlap ({overlap.width()}×"
                                    f"{overlap.height()} px)")
    return problems


def _window_problems(window: QWidget) -> list[str]:
    problems = []
    if "&" in window.windowTitle():
        problems.append(f"{_name(window)}: the title {window.windowTitle()!r} shows a literal '&'")
    screen = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    room = (screen.width() - DECORATION[0], screen.height() - DECORATION[1])
    for what, size in (("is", window.size()), ("needs at least", window.minimumSizeHint())):
        if size.width() > room[0] or size.height() > room[1]:
            problems.append(f"{_name(window)} {what} {size.width()}×{size.height()}: more than the screen's "
                            f"{room[0]}×{room[1]}")
    return problems


def text_problems(root: QWidget) -> list[str]:
    """Every piece of text in ``root`` (shown) that a person could not read whole."""
    problems = _window_problems(root) if root.isWindow() else []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not _visible(widget, root):
            continue
        if isinstance(widget, QAbstractItemView):
            problems += _header_problems(widget) + _cell_problems(widget)
            continue
        if _inside_item_view(widget):
            continue
        if isinstance(widget, QLabel):
            problems += _label_problems(widget)
        elif isinstance(widget, QAbstractButton):
            problems += _button_problems(widget)
        elif isinstance(widget, QGroupBox):
            problems += _group_problems(widget)
        elif isinstance(widget, QTabBar):
            problems += _tab_problems(widget)
    return problems + _overlaps(root)
