"""A section over its time budget is reported "not checked" and blocks; a post over its deadline is stopped."""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from editor.core.checks import CheckContext, CheckSession
from editor.core.checks.base import SectionCheck
from editor.core.checks.budget import NOT_CHECKED, PostDeadlineError, post_deadline
from editor.core.checks.context import Part
from editor.core.checks.engine import all_checks
from editor.core.checks.finding import ERROR, WARNING, Finding
from editor.core.post.model import Post

BODY = ("Intro line.\n\n## Quick\n\nA short section. It is fine.\n\n"
        "## Slow\n\nSlow one. Slow two. Slow three. Slow four.\n")


class SlowOnSlowSentences(SectionCheck):
    """Takes 60 ms for each sentence starting with "slow" (a stand-in for a slow rule)."""

    code = "slow-rule"
    severity = WARNING

    def run_section(self, ctx: CheckContext, part: Part) -> Iterator[Finding]:
        for sentence in ctx.sentences(part):
            if part.analysis.masked[sentence.start:].lower().startswith("slow"):
                time.sleep(0.06)
                yield self.at(ctx, part, sentence.start, "slow sentence", str(sentence.start))


def _session(budget: float) -> CheckSession:
    return CheckSession([*all_checks(), SlowOnSlowSentences()], section_budget=budget)


def test_a_section_over_budget_is_reported_not_checked_and_the_others_are_checked() -> None:
    session = _session(0.1)
    findings = session.run(CheckContext(Post(title="Budget", body=BODY)))
    not_checked = [f for f in findings if f.code == NOT_CHECKED]
    assert [(f.section, f.severity, f.line) for f in not_checked] == [("Slow", ERROR, 7)]
    assert "not checked (took too long" in not_checked[0].message
    assert not any(f.code == NOT_CHECKED for f in findings if f.section == "Quick")
    # What was found before the budget ran out is kept, and the section is tried again next time.
    assert 1 <= sum(f.code == "slow-rule" for f in findings) < 4
    again = session.run(CheckContext(Post(title="Budget", body=BODY)))
    assert session.last_computed == 1 and any(f.code == NOT_CHECKED for f in again)


def test_with_time_enough_the_same_section_is_checked_whole() -> None:
    findings = _session(5.0).run(CheckContext(Post(title="Budget", body=BODY)))
    assert not any(f.code == NOT_CHECKED for f in findings)
    assert sum(f.code == "slow-rule" for f in findings) == 4


def test_a_not_checked_section_blocks_the_gate_even_when_dismissed(library, monkeypatch) -> None:
    from editor.core.checks import budget, dismiss, engine, gate_post

    post = library.posts.create(Post(title="Budget", body=BODY))
    monkeypatch.setattr(budget, "SECTION_BUDGET_S", 0.1)
    monkeypatch.setattr(engine, "CHECK_CLASSES", (*engine.CHECK_CLASSES, SlowOnSlowSentences))
    blocked = gate_post(library, post)
    finding = next(f for f in blocked.errors if f.code == NOT_CHECKED)
    dismiss(library, post.id, finding.fingerprint, reason="I read it myself and it is fine", finding=finding)
    assert any(f.code == NOT_CHECKED for f in gate_post(library, post).errors)


def test_a_post_deadline_stops_even_a_runaway_regular_expression() -> None:
    started = time.monotonic()
    with pytest.raises(PostDeadlineError, match="“frozen-post” took longer than 0.2 s to check"):
        with post_deadline("frozen-post", "check", 0.2):
            re.match(r"(a+)+$", "a" * 64 + "b")  # exponential: would run for centuries
    assert time.monotonic() - started < 5


def test_a_post_deadline_keeps_an_outer_timer(monkeypatch) -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with post_deadline("quick-post", "check", 5):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < remaining <= 30  # still armed, not reset by the inner deadline
        signal.setitimer(signal.ITIMER_REAL, 0.3)  # an outer timer that ends first still fires
        with pytest.raises(PostDeadlineError):
            with post_deadline("slow-post", "check", 0.6):
                deadline = time.monotonic() + 3
                while time.monotonic() < deadline:
                    pass
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_the_engine_stops_between_sections() -> None:
    body = "\n\n".join(f"## Part {n}\n\nSlow sentence here." for n in range(12))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with post_deadline("threaded-post", "export", 0.2):
                _session(5.0).run(CheckContext(Post(title="Threaded", body=body)))
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert len(errors) == 1 and isinstance(errors[0], PostDeadlineError)
    assert "“threaded-post” took longer than 0.2 s to export" in str(errors[0])
