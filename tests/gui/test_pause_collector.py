"""The garbage collector's full passes wait for a pause in typing (``editor.gui.collector``)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from editor.gui.collector import PauseCollector


@pytest.fixture
def full_passes() -> Iterator[list[str]]:
    """The full (generation 2) collections that start while the test runs, whoever starts them."""
    started: list[str] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            started.append(phase)

    gc.callbacks.append(note)
    yield started
    gc.callbacks.remove(note)


CPYTHON_FULL_THRESHOLD = 10  # a full pass after this many middle-generation passes (CPython's default)


def make_a_full_pass_due(kept: list) -> None:
    """Allocate (and keep) objects until CPython would have started a full pass on its own."""
    while gc.get_count()[2] <= CPYTHON_FULL_THRESHOLD:
        kept.extend([] for _ in range(5_000))


def test_no_full_pass_while_typing_then_one_at_the_pause(qtbot, full_passes) -> None:
    collector = PauseCollector(pause_s=0.3, longest_s=600)
    collector.start()
    try:
        kept: list = []
        for _ in range(5):  # keys arriving while the objects pile up
            collector.note_activity()
            make_a_full_pass_due(kept)
            assert not collector.collect_if_due()
        assert full_passes == []
        qtbot.waitUntil(lambda: collector.full_passes == 1, timeout=5000)
        assert len(full_passes) == 1
    finally:
        collector.stop()


def test_typing_without_a_pause_still_gets_a_pass_after_the_longest_wait(qtbot, full_passes) -> None:
    collector = PauseCollector(pause_s=60, longest_s=0.3)
    collector.start()
    try:
        kept: list = []
        make_a_full_pass_due(kept)

        def typing_on() -> bool:
            collector.note_activity()
            return collector.full_passes > 0

        qtbot.waitUntil(typing_on, timeout=5000)
        assert len(full_passes) == 1
    finally:
        collector.stop()


def test_nothing_due_nothing_collected(qtbot) -> None:
    collector = PauseCollector(pause_s=0, longest_s=0)
    collector.start()
    try:
        gc.collect()
        assert gc.get_count()[2] == 0
        assert not collector.collect_if_due()
        assert collector.full_passes == 0
    finally:
        collector.stop()


def test_stop_gives_collection_back_to_cpython(qtbot) -> None:
    before = gc.get_threshold()
    collector = PauseCollector()
    collector.start()
    assert gc.get_threshold()[:2] == before[:2]
    assert gc.get_threshold()[2] > 1_000_000
    assert gc.get_freeze_count() > 0
    collector.stop()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


class Node:
    """An object in a reference cycle: only a garbage collector pass frees it."""

    def __init__(self) -> None:
        self.me = self


def test_a_pass_freezes_its_survivors_and_a_thawed_pass_frees_frozen_cycles(qtbot) -> None:
    collector = PauseCollector(pause_s=0, longest_s=0, thaw_s=3600)
    collector.start()
    try:
        node = Node()
        alive = weakref.ref(node)
        collector.collect()  # node survives this pass: frozen with the rest
        frozen = gc.get_freeze_count()
        assert frozen > 0
        del node  # now garbage, but frozen: a plain pass leaves it
        collector.collect()
        assert alive() is not None and collector.thawed_passes == 0
        collector.thaw_s = 0  # time for a pass over everything
        collector.collect()
        assert alive() is None and collector.thawed_passes == 1
        assert gc.get_freeze_count() > 0  # the survivors are frozen again
    finally:
        collector.stop()


def test_a_requested_pass_runs_at_the_next_pause_even_when_none_is_due(qtbot) -> None:
    collector = PauseCollector(pause_s=0.2, longest_s=600)
    collector.start()
    try:
        gc.collect()
        assert not collector.collect_if_due()  # nothing due
        collector.note_activity()
        collector.request_pass()  # e.g. the checks have analysed the post just opened
        assert not collector.collect_if_due()  # typing: not yet
        qtbot.waitUntil(lambda: collector.full_passes == 1, timeout=5000)
        assert not collector.collect_if_due()  # one pass per request
    finally:
        collector.stop()


def resident_mb() -> float:
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_a_pass_hands_freed_heap_pages_back_to_the_system() -> None:
    """Memory freed between blocks still in use stays in the process until the C heap is trimmed."""
    blocks = [bytes(2048) for _ in range(50_000)]  # ~100 MB from the C heap (not Python's small-object arenas)
    kept = blocks[::16]  # one in sixteen stays: the freed space lies between them, not at the heap's top
    del blocks
    before = resident_mb()
    collector = PauseCollector()
    try:
        collector.collect()
        after = resident_mb()
    finally:
        collector.stop()  # nothing left frozen for the next test
    assert before - after > 50, (before, after)
    assert len(kept) == 3125


def test_a_pass_empties_the_source_line_cache_pyside_fills() -> None:
    """PySide6 reads the source of each module imported after it into linecache; a pass lets it go,
    and a traceback afterwards still shows its lines."""
    import linecache
    import traceback

    linecache.getlines(__file__)  # as PySide6's import hook leaves a module imported after it
    assert linecache.cache
    collector = PauseCollector()
    try:
        collector.collect()
    finally:
        collector.stop()
    assert linecache.cache == {}
    try:
        raise LookupError("shown with its line")
    except LookupError as error:
        assert 'raise LookupError("shown with its line")' in "".join(traceback.format_exception(error))
