"""The GUI thread keeps answering while the check thread reads text that once froze the window.

Checks run in a worker thread, which shares the interpreter with the GUI: a pattern that
backtracks for minutes would hold it and freeze the window. Every pattern is linear-time now
(tests/core/test_linear_patterns.py); this test watches the event loop while the real check
pipeline reads the sentence that froze Postwright, repeated, and one endless run-on sentence
built from the claim rules' own words. A gap of seconds would be a freeze; a busy machine
costs tens of milliseconds.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from editor.core.post.model import Post
from editor.gui.pipelines import CheckPipeline

FROZE = ("The American Heart Association and the American College of Cardiology updated their advice on blood "
         "pressure and surgery in older adults.")
RUN_ON = " ".join(["the American College of Cardiology and the Food and Drug Administration and Medicare Part B "
                   "and nearly half of patients and Maria Lopez a retired teacher on Old Mill Road"] * 400)
LONGEST_GAP_S = 2.0


def test_the_window_keeps_answering_while_hostile_text_is_checked(qtbot, library) -> None:
    body = "## Advice\n\n" + " ".join([FROZE] * 300) + "\n\n## Run-on\n\n" + RUN_ON + "\n"
    post = library.posts.create(Post(title="Hostile text", body=body))
    pipeline = CheckPipeline(library, lambda: body)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=5, timeout=tick)
    timer.start()
    try:
        with qtbot.waitSignal(pipeline.finished, timeout=120_000) as checked:
            pipeline.set_post(post, now=True)
    finally:
        timer.stop()
        pipeline.stop()
    findings = checked.args[0]
    assert any(f.code == "uncited-regulatory-claim" for f in findings)
    assert gaps and max(gaps) < LONGEST_GAP_S, f"the event loop stalled for {max(gaps):.2f} s"
