"""Merging patches: one merged patch has the effect of the whole burst."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render.patch import PreviewPatch
from editor.gui.preview.coalesce import PatchQueue, merge_patches

KEYS = ["intro", "a", "b", "c", "d", "e"]


def apply(state: tuple[tuple[str, ...], dict[str, str], str], patch: PreviewPatch):
    """What the page does with a patch, modelled: the same rules as preview.js."""
    order, html, refs = state
    html = dict(html)
    html.update(patch.changed)
    kept = tuple(key for key in patch.order if key in html)
    html = {key: html[key] for key in kept}
    return kept, html, refs if patch.references_html is None else patch.references_html


@st.composite
def bursts(draw):
    initial_order = tuple(draw(st.permutations(KEYS))[: draw(st.integers(1, len(KEYS)))])
    state = (initial_order, {key: f"<section>{key}0</section>" for key in initial_order}, "R0")
    patches = []
    present = set(initial_order)
    for step in range(draw(st.integers(1, 5))):
        order = tuple(draw(st.permutations(KEYS))[: draw(st.integers(0, len(KEYS)))])
        # a patch must carry the HTML of every section the page does not have yet
        must = {key for key in order if key not in present}
        extra = set(draw(st.lists(st.sampled_from(order), unique=True))) if order else set()
        changed = {key: f"<section>{key}{step + 1}</section>" for key in sorted(must | extra)}
        refs = draw(st.none() | st.just(f"R{step + 1}"))
        patches.append(PreviewPatch(order=order, changed=changed, references_html=refs))
        present = set(order)
    return state, patches


@settings(max_examples=150, deadline=None)
@given(bursts())
def test_merged_patch_equals_applying_the_burst(burst) -> None:
    state, patches = burst
    one_by_one = state
    merged = None
    for patch in patches:
        one_by_one = apply(one_by_one, patch)
        merged = merge_patches(merged, patch)
    assert apply(state, merged) == one_by_one
    assert set(merged.changed) <= set(merged.order)


def test_merge_keeps_newest_html_and_older_references() -> None:
    first = PreviewPatch(order=("a", "b"), changed={"a": "A1", "b": "B1"}, references_html="R1")
    second = PreviewPatch(order=("b", "c"), changed={"b": "B2", "c": "C2"})
    merged = merge_patches(first, second)
    assert merged == PreviewPatch(order=("b", "c"), changed={"b": "B2", "c": "C2"}, references_html="R1")


def test_a_move_followed_by_an_edit_elsewhere_still_moves() -> None:
    moved = PreviewPatch(order=("b", "a"), reordered=True)
    typed = PreviewPatch(order=("b", "a"), changed={"a": "A2"})
    merged = merge_patches(moved, typed)
    assert merged.reordered and merged.order == ("b", "a") and not merged.is_empty


def test_queue_sends_one_at_a_time_and_merges_the_rest() -> None:
    queue = PatchQueue()
    queue.push(PreviewPatch(order=("a",), changed={"a": "1"}))
    first = queue.take()
    assert first is not None and first.changed == {"a": "1"}
    queue.push(PreviewPatch(order=("a",), changed={"a": "2"}))
    queue.push(PreviewPatch(order=("a", "b"), changed={"b": "3"}))
    assert queue.take() is None  # one in flight
    queue.done()
    assert queue.take() == PreviewPatch(order=("a", "b"), changed={"a": "2", "b": "3"})
    queue.done()
    assert queue.take() is None
