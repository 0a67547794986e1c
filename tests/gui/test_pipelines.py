"""What a render request waiting behind a busy worker passes on when a newer one replaces it."""

from __future__ import annotations

from editor.core.post.model import Post
from editor.gui.pipelines import RenderRequest, _merge_requests


def test_a_replaced_request_keeps_its_reset_and_its_metadata_edit():
    post = Post(title="T")
    opened = RenderRequest(post, "old", reset=True)
    typed = RenderRequest(post, "new", reset=False)
    merged = _merge_requests(opened, typed)
    assert merged.reset and merged.body == "new"  # a newly opened post still gets its shell
    renamed = RenderRequest(post, "a", reset=False, metadata_changed=True)
    merged = _merge_requests(renamed, RenderRequest(post, "b", reset=False, references_changed=True))
    assert merged.metadata_changed and merged.references_changed and not merged.reset and merged.body == "b"
    assert not _merge_requests(renamed, opened).metadata_changed  # a new shell has the metadata anyway


def test_keys_faster_than_renders_cost_one_render_in_flight_and_one_waiting(qtbot):
    """A burst of requests while a run is busy: at most one run in flight and one waiting, and the
    waiting one is the newest (the ones in between are never run)."""
    import threading

    from editor.gui.workers import CoalescingWorker

    release = threading.Event()
    ran: list[str] = []
    in_flight = []

    def handler(request: str) -> str:
        in_flight.append(request)
        assert len(in_flight) == 1  # never two runs at once
        if request == "first":
            release.wait(10)
        ran.append(request)
        in_flight.pop()
        return request

    worker = CoalescingWorker(handler, "test-render")
    results: list[str] = []
    worker.resultReady.connect(results.append)
    worker.submit("first")
    qtbot.waitUntil(lambda: worker.busy and in_flight == ["first"], timeout=5000)
    for key in range(50):  # keys arriving while the first render runs
        worker.submit(f"key {key}")
    release.set()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    worker.stop()  # waits for the thread: every run it was ever given has ended
    assert ran == ["first", "key 49"] and results == ["first", "key 49"]


def test_a_post_opened_again_in_a_new_window_reaches_the_preview_from_the_render_cache(qtbot, tmp_path):
    """The second pipeline (a restart: a new render thread, a new renderer) converts no section and
    its page equals the first one's."""
    from editor.core.library import Library
    from editor.gui.pipelines import RenderPipeline

    body = "Intro [@ama11].\n\n" + "".join(f"## Part {n}\n\nWords of part {n} [@wilding2021].\n\n" for n in range(30))
    library = Library.open(tmp_path / "library.postwright")
    post = library.posts.create(Post(title="Cached", body=body))
    pages = []
    for _start in range(2):
        pipeline = RenderPipeline(library, lambda: body)
        results = []
        pipeline.finished.connect(results.append)
        pipeline.set_post(post, body=body)
        qtbot.waitUntil(lambda results=results: any(not result.draft for result in results), timeout=15000)
        whole = next(result for result in results if not result.draft)
        pages.append((whole.shell, pipeline._job._renderer.sections_rendered))
        pipeline.stop()
    library.close()
    assert pages[0][1] == 31 and pages[1][1] == 0
    assert pages[0][0] == pages[1][0]
