"""Patches change the page in place: replaced, inserted, removed, reordered sections."""

from __future__ import annotations

from preview_helpers import make_shell, paragraphs, section_html, standard_sections

from editor.core.render.patch import PreviewPatch

ORDER = ("intro", "part-1", "part-2", "part-3")


def small_shell() -> str:
    sections = [section_html("intro", None, "<p>Opening words.</p>")]
    sections += [section_html(f"part-{n}", f"Part {n}", f"<p>Body {n}.</p>") for n in (1, 2, 3)]
    return make_shell(sections, references='<li id="ref-a">Alpha 2020.</li>')


def test_changed_section_shows_up_without_reload(page) -> None:
    page.load(small_shell())
    page.js("(document.body.dataset.marker = 'same-document', true)")
    new = section_html("part-2", "Part 2", "<p>Edited <em>body</em> two.</p>")
    page.patch(PreviewPatch(order=ORDER, changed={"part-2": new}))
    assert page.js("document.querySelector('#part-2 p').innerHTML") == "Edited <em>body</em> two."
    assert page.js("document.body.dataset.marker") == "same-document"  # no reload happened
    assert page.section_ids() == list(ORDER)
    assert page.js("document.querySelectorAll('#part-2').length") == 1


def test_new_section_is_inserted_in_order_and_vanished_one_removed(page) -> None:
    page.load(small_shell())
    fresh = section_html("side-effects", "Side effects", "<p>Nausea.</p>")
    order = ("intro", "part-1", "side-effects", "part-3")
    page.patch(PreviewPatch(order=order, changed={"side-effects": fresh}))
    assert page.section_ids() == list(order)
    assert page.js("document.querySelector('#side-effects h2').textContent") == "Side effects"
    assert page.js("document.getElementById('part-2')") is None


def test_reorder_moves_whole_sections(page) -> None:
    page.load(small_shell())
    page.js("(document.querySelector('#part-1 p').dataset.kept = 'yes', true)")
    order = ("intro", "part-3", "part-1", "part-2")
    page.patch(PreviewPatch(order=order))
    assert page.section_ids() == list(order)
    # moved, not re-created: the untouched element keeps its identity
    assert page.js("document.querySelector('#part-1 p').dataset.kept") == "yes"
    page.patch(PreviewPatch(order=("part-2", "part-1", "part-3", "intro")))
    assert page.section_ids() == ["part-2", "part-1", "part-3", "intro"]


def test_reference_list_replaced_only_when_given(page) -> None:
    page.load(small_shell())
    page.patch(PreviewPatch(order=ORDER, changed={}, references_html=None))
    assert page.js("document.getElementById('reference-list').textContent") == "Alpha 2020."
    refs = '<li id="ref-a">Alpha 2020.</li><li id="ref-b">Beta 2021.</li>'
    page.patch(PreviewPatch(order=ORDER, references_html=refs))
    assert page.js("Array.from(document.querySelectorAll('#reference-list li')).map(li => li.id)") == [
        "ref-a",
        "ref-b",
    ]
    assert page.js("document.querySelector('.references-section').hidden") is False
    page.patch(PreviewPatch(order=ORDER, references_html=""))  # the last citation was deleted
    assert page.js("document.querySelector('.references-section').hidden") is True
    page.patch(PreviewPatch(order=ORDER, references_html=refs))
    assert page.js("document.querySelector('.references-section').hidden") is False


def test_patches_before_load_are_coalesced_to_the_newest_state(page, qtbot) -> None:
    view = page.view
    with qtbot.waitSignal(view.patchApplied, timeout=15_000):
        view.load_shell(small_shell())
        assert not view.is_ready()
        view.apply_patch(PreviewPatch(order=ORDER, changed={"part-1": section_html("part-1", "P1", "<p>v1</p>")}))
        view.apply_patch(
            PreviewPatch(
                order=ORDER, changed={"part-1": section_html("part-1", "P1", "<p>v2</p>")}, references_html="<li>R</li>"
            )
        )
        view.apply_patch(
            PreviewPatch(
                order=("part-1", "intro", "part-3"), changed={"part-3": section_html("part-3", "P3", "<p>x</p>")}
            )
        )
    qtbot.waitUntil(view.is_ready)
    assert page.section_ids() == ["part-1", "intro", "part-3"]
    assert page.js("document.querySelector('#part-1 p').textContent") == "v2"
    assert page.js("document.querySelector('#part-3 p').textContent") == "x"
    assert page.js("document.getElementById('reference-list').innerHTML") == "<li>R</li>"


def test_burst_of_patches_ends_in_the_last_state(page, qtbot) -> None:
    page.load(make_shell(standard_sections(6)))
    order = ("intro", "part-1", "part-2", "part-3", "part-4", "part-5")
    applied: list[None] = []
    page.view.patchApplied.connect(lambda: applied.append(None))
    for n in range(40):
        body = f"<p>revision {n}</p>"
        page.view.apply_patch(PreviewPatch(order=order, changed={"part-3": section_html("part-3", "Part 3", body)}))
    qtbot.waitUntil(lambda: page.js("document.querySelector('#part-3 p').textContent") == "revision 39")
    qtbot.waitUntil(lambda: not page.view._patches.in_flight and page.view._patches.waiting is None)
    assert 1 <= len(applied) < 40  # merged while one was in flight


def test_missing_section_asks_for_a_fresh_shell(page, qtbot) -> None:
    page.load(small_shell())
    with qtbot.waitSignal(page.view.resyncNeeded, timeout=5000):
        page.view.apply_patch(PreviewPatch(order=("intro", "ghost")))
    assert page.section_ids() == ["intro"]


def test_loading_a_new_shell_drops_the_old_pages_patches(page) -> None:
    page.load(small_shell())
    page.load(make_shell([section_html("intro", None, "<p>Other post.</p>")]))
    assert page.section_ids() == ["intro"]
    assert page.js("document.querySelector('#intro p').textContent") == "Other post."


def test_large_shell_beyond_sethtml_limit_loads(page) -> None:
    # Over 2 MB: setHtml would refuse it (its data: URL limit); the shell scheme serves it.
    sections = [section_html("intro", None, paragraphs(1))]
    sections += [section_html(f"s{n}", f"S {n}", paragraphs(40, words=120, tag=str(n))) for n in range(60)]
    shell = make_shell(sections)
    assert len(shell.encode()) > 2 * 1024 * 1024
    page.load(shell)
    assert page.js("document.querySelectorAll('#post-body > section').length") == 61
    page.patch(PreviewPatch(order=("intro", "s0"), changed={"s0": section_html("s0", "S 0", "<p>short</p>")}))
    assert page.section_ids() == ["intro", "s0"]


def test_non_ascii_text_survives_shell_and_patch(page) -> None:
    page.load(make_shell([section_html("intro", None, "<p>Dosis 0,25 mg — “wöchentlich” ✓</p>")]))
    assert page.js("document.querySelector('#intro p').textContent") == "Dosis 0,25 mg — “wöchentlich” ✓"
    page.patch(
        PreviewPatch(order=("intro",), changed={"intro": section_html("intro", None, "<p>β‑blocker ≤ 5 mg</p>")})
    )
    assert page.js("document.querySelector('#intro p').textContent") == "β‑blocker ≤ 5 mg"
