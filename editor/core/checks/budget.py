"""Time limits on checking: a budget per section, a deadline per post.

Every check pattern is linear-time (``tests/core/test_linear_patterns.py`` proves it), so no
sentence can hold the interpreter for long; these limits are the second line of defence,
against a rule that is merely slow on some text or a machine that is very busy.

- **Section budget.** ``CheckSession`` gives each section ``SECTION_BUDGET_S`` seconds of
  analysis and checking. The checks look at the clock between sentences and between check
  units; a section over budget keeps what was found so far plus one ``section-not-checked``
  error, which no dismissal lets through (see ``gate``), and is checked again on the next run.
- **Post deadline.** ``post_deadline(slug, action)`` bounds the checking (and rendering) of one
  post on the command line and in the exports: ``check``, ``export``, ``export --all`` and
  ``site audit`` report the post that exceeded it. In the main thread of a POSIX process a
  timer signal stops the work wherever it is (``re`` looks for signals while it matches); in
  any other thread the check engine stops between sections.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FrameType
from typing import Any

from editor.core.checks.finding import ERROR, Finding, make_fingerprint
from editor.core.foundation.errors import PostwrightError

SECTION_BUDGET_S = 2.0  # a section of a few thousand words checks in tens of milliseconds
POST_DEADLINE_S = 60.0  # a 200k-word post checks and renders in a few seconds
NOT_CHECKED = "section-not-checked"
OVER_DEADLINE = "post-over-deadline"

_post_deadline: ContextVar[tuple[float, str, str, float] | None] = ContextVar("post_deadline", default=None)


class SectionOverBudget(Exception):
    """Raised inside a section's checks when its budget has run out (caught by the engine)."""


class PostDeadlineError(PostwrightError):
    """Checking or exporting one post took longer than its deadline; the work was stopped."""

    def __init__(self, slug: str, action: str, seconds: float) -> None:
        self.slug = slug
        self.seconds = seconds
        super().__init__(
            f"The post “{slug}” took longer than {seconds:g} s to {action}, so it was stopped and not "
            f"{_PAST.get(action, action + 'ed')}. Split its longest sections, or try again when the computer "
            "is less busy.")


_PAST = {"check": "checked", "export": "exported", "audit": "audited"}


def over_deadline_finding(error: PostDeadlineError) -> Finding:
    """The post-wide error that stands for a post stopped at its deadline (no dismissal lets it through)."""
    return Finding(OVER_DEADLINE, ERROR, str(error), None, None, "",
                   make_fingerprint(OVER_DEADLINE, "", f"{error.slug} {error.seconds:g}"))


class _Alarm(BaseException):
    """Raised by the timer signal; a BaseException so that no ``except Exception`` swallows it."""


def check_post_deadline() -> None:
    """Raise :class:`PostDeadlineError` if the current post's deadline has passed (cooperative)."""
    current = _post_deadline.get()
    if current is not None and time.monotonic() > current[0]:
        _, slug, action, seconds = current
        raise PostDeadlineError(slug, action, seconds)


@contextmanager
def post_deadline(slug: str, action: str = "check", seconds: float | None = None) -> Iterator[None]:
    """Stop the work inside after ``seconds`` (default ``POST_DEADLINE_S``) with :class:`PostDeadlineError`."""
    seconds = POST_DEADLINE_S if seconds is None else seconds
    end = time.monotonic() + seconds
    token = _post_deadline.set((end, slug, action, seconds))
    try:
        if _can_interrupt():
            with _interrupt_after(seconds):
                yield
        else:
            yield
    except _Alarm:
        raise PostDeadlineError(slug, action, seconds) from None
    finally:
        _post_deadline.reset(token)


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _interrupt_after(seconds: float) -> Iterator[None]:
    """A real-time timer that raises :class:`_Alarm`; an outer timer (pytest-timeout…) keeps its time."""
    started = time.monotonic()
    own_end = started + seconds
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    outer_handler = signal.getsignal(signal.SIGALRM)
    outer_end = started + outer_delay if outer_delay else math.inf

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        nonlocal outer_end
        now = time.monotonic()
        if outer_end < own_end and now >= outer_end - 1e-3:  # the outer timer's turn
            outer_end = math.inf
            if callable(outer_handler):
                outer_handler(signum, frame)  # it may raise its own error
            signal.setitimer(signal.ITIMER_REAL, max(own_end - now, 1e-3))
            return
        raise _Alarm

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_end - started))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, _restorable(outer_handler))
        if outer_end != math.inf:
            remaining = outer_end - time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 1e-3), outer_interval)


def _restorable(handler: Any) -> Any:
    return handler if handler is not None else signal.SIG_DFL
