"""The reader keeps their place across patches; scrolling is synced both ways."""

from __future__ import annotations

import pytest
from preview_helpers import (
    click_at,
    make_shell,
    paragraphs,
    section_html,
    standard_sections,
    top_of,
    wait_until_takes_input,
)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from editor.core.render.patch import PreviewPatch

ORDER = tuple(["intro"] + [f"part-{n}" for n in range(1, 12)])


def scroll_instantly(page, y: int) -> None:
    page.js(f"(window.scrollTo({{top: {y}, behavior: 'instant'}}), true)")
    page.qtbot.waitUntil(lambda: page.js("window.scrollY") == y)


def test_scroll_position_kept_when_a_section_below_changes(page) -> None:
    page.load(make_shell(standard_sections(12)))
    scroll_instantly(page, 1500)
    new = section_html("part-9", "Part 9", paragraphs(3, tag="edited"))
    page.patch(PreviewPatch(order=ORDER, changed={"part-9": new}))
    assert page.js("document.querySelector('#part-9 p').textContent").startswith("wordedited0")
    assert page.js("window.scrollY") == 1500


def test_visible_text_stays_put_when_a_section_above_grows(page) -> None:
    page.load(make_shell(standard_sections(12)))
    scroll_instantly(page, 3000)
    anchor = page.js(
        "(() => { const p = document.elementFromPoint(200, 100).closest('p');"
        " p.id = 'anchor'; return p.getBoundingClientRect().top; })()"
    )
    grown = section_html("part-1", "Part 1", paragraphs(20, tag="grown"))
    page.patch(PreviewPatch(order=ORDER, changed={"part-1": grown}))
    assert page.js("document.querySelectorAll('#part-1 p').length") == 20
    assert abs(top_of(page, "#anchor") - anchor) < 1
    assert page.js("window.scrollY") > 3000


def test_editing_the_visible_section_keeps_its_first_visible_block_in_place(page) -> None:
    page.load(make_shell(standard_sections(12)))
    y = page.js(
        "Math.round(document.querySelector('#part-5 p:nth-of-type(4)').getBoundingClientRect().top + window.scrollY)"
    )
    scroll_instantly(page, y)
    # the edit replaces the whole section, and its first paragraph (above the viewport) grows
    body = paragraphs(1, words=300, tag="long") + paragraphs(7, tag="5")
    page.patch(PreviewPatch(order=ORDER, changed={"part-5": section_html("part-5", "Part 5", body)}))
    assert abs(top_of(page, "#part-5 p:nth-of-type(4)")) < 1


def test_reorder_keeps_the_reader_on_the_same_section(page) -> None:
    page.load(make_shell(standard_sections(12)))
    scroll_instantly(page, page.js("Math.round(document.getElementById('part-6').offsetTop)"))
    order = ("intro", "part-6", "part-1", "part-2", "part-3", "part-4", "part-5") + ORDER[7:]
    page.patch(PreviewPatch(order=order))
    assert page.section_ids() == list(order)
    assert abs(top_of(page, "#part-6")) < 1


@pytest.mark.parametrize("smooth", [True, False])
def test_scroll_to_section_brings_it_to_the_top_without_echo(page, qtbot, smooth: bool) -> None:
    page.load(make_shell(standard_sections(12)))
    echoes: list[str] = []
    page.view.sectionScrolled.connect(echoes.append)
    page.js("(window.testScrollEnds = 0, addEventListener('scrollend', () => { window.testScrollEnds += 1; }), true)")
    page.view.scroll_to_section("part-8", smooth=smooth)
    qtbot.waitUntil(lambda: abs(top_of(page, "#part-8")) < 1, timeout=5000)
    qtbot.waitUntil(lambda: page.js("window.testScrollEnds") >= 1, timeout=5000)
    page.view.scroll_to_section("part-2", smooth=smooth)
    qtbot.waitUntil(lambda: abs(top_of(page, "#part-2")) < 1, timeout=5000)
    # An echo would be reported while the scroll runs, before its scrollend; after it, the view's
    # report timer (which turns page reports into sectionScrolled) must have nothing left to send.
    qtbot.waitUntil(lambda: page.js("window.testScrollEnds") >= 2, timeout=5000)
    qtbot.waitUntil(lambda: not page.view._scroll_report.isActive(), timeout=5000)
    assert echoes == []  # following the editor must not send the editor anywhere


def test_scroll_request_before_load_is_applied_once_loaded(page, qtbot) -> None:
    page.view.load_shell(make_shell(standard_sections(12)))
    page.view.scroll_to_section("part-4", smooth=False)
    qtbot.waitUntil(page.view.is_ready, timeout=15_000)
    qtbot.waitUntil(lambda: abs(top_of(page, "#part-4")) < 1, timeout=5000)


def test_user_scrolling_reports_the_section_at_the_top(page, qtbot) -> None:
    page.load(make_shell(standard_sections(12)))
    target = page.js("Math.round(document.getElementById('part-3').offsetTop + 10)")
    with qtbot.waitSignal(page.view.sectionScrolled, timeout=5000) as blocker:
        scroll_instantly(page, target)
    assert blocker.args == ["part-3"]


def test_wheel_scrolling_reports_sections(page, qtbot) -> None:
    page.load(make_shell(standard_sections(12)))
    wait_until_takes_input(page)  # a wheel turn sent before the renderer takes input is dropped
    reported: list[str] = []
    page.view.sectionScrolled.connect(reported.append)
    target = page.view.focusProxy() or page.view
    centre = QPointF(target.width() / 2, target.height() / 2)

    def wheel_down() -> bool:
        """One notch down; done once the page has scrolled past the first sections."""
        event = QWheelEvent(
            centre, QPointF(target.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )
        QApplication.sendEvent(target, event)
        return page.js("window.scrollY") > 1000

    qtbot.waitUntil(wheel_down, timeout=15_000)
    qtbot.waitUntil(
        lambda: bool(reported) and reported[-1] == page.js("postwrightPreview.sectionAtTop()"), timeout=5000
    )
    assert reported[0] != "intro", reported
    assert len(reported) == len(set(reported)), reported  # reported only when the top section changes


def test_citation_link_jumps_within_the_page(page, qtbot) -> None:
    refs = '<li id="ref-a">Alpha 2020.</li>'
    intro = section_html("intro", None, '<p><a id="cite" class="citation" href="#ref-a">[1]</a></p>' + paragraphs(60))
    page.load(make_shell([intro], references=refs))
    wait_until_takes_input(page)  # a click sent before the renderer takes input is dropped
    point = page.js(
        "(() => { const r = document.getElementById('cite').getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
    )

    click_at(page, point)
    qtbot.waitUntil(lambda: page.js("window.scrollY") > 1000, timeout=5000)
    assert page.view.url().fragment() == "ref-a"
    assert page.opened == []
    assert page.js("!!window.postwrightPreview") is True  # same document, not a reload
