"""The deadline and the cancel switch network work runs under, down to the sockets.

A :class:`Budget` is shared by every request, retry, redirect and follow-up request of
one piece of work. Its deadline is wall-clock: the transport (``transport.py``) gives
each socket operation (name lookup, connect, TLS, every read and write) only the time
that is left, so a server that drips a byte at a time still ends at the deadline. Its
cancel switch (a ``threading.Event`` another thread may set) shuts the sockets of the
requests in flight down, which wakes a blocked read at once.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from editor.core.foundation.limits import Deadline
from editor.core.net.errors import NetCancelled, NetTimeout

_WATCH_INTERVAL = 0.05  # how often a request in flight looks at the cancel switch


class _Sockets:
    """Sockets of the requests in flight under one cancel switch."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: set[socket.socket] = set()

    def shut_down(self) -> None:
        with self.lock:
            sockets = list(self.open)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


class Budget:
    """The wall-clock ``seconds`` (None: no deadline) and the cancel switch one piece of work has."""

    def __init__(self, seconds: float | None, cancel: threading.Event | None = None) -> None:
        self.deadline = Deadline(seconds)
        self.cancel_event = cancel or threading.Event()
        self._sockets = _Sockets()

    def cancel(self) -> None:
        self.cancel_event.set()
        self._sockets.shut_down()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def remaining(self) -> float | None:
        return self.deadline.remaining()

    def check(self, where: str) -> None:
        """Raise if the work was cancelled or its time is up."""
        if self.cancelled:
            raise self.cancelled_error(where)
        if self.deadline.expired:
            raise self.timeout(where)

    def cancelled_error(self, where: str) -> Exception:
        """What a cancelled request raises (a lookup's budget raises the lookups' own error)."""
        return NetCancelled(f"The request to {where} was cancelled.")

    def timeout(self, where: str) -> NetTimeout:
        return NetTimeout(f"{where} did not answer within {self.deadline.seconds:g} seconds.")

    def sleep(self, seconds: float, where: str) -> None:
        """Wait ``seconds`` (less if the deadline comes first), waking at once on cancel."""
        remaining = self.remaining()
        self.cancel_event.wait(seconds if remaining is None else min(seconds, remaining))
        self.check(where)

    def narrowed(self, seconds: float | None) -> Self:
        """A budget ending at the sooner of this one and ``seconds`` from now, with the same cancel switch."""
        budget = type(self)(seconds, self.cancel_event)
        budget.deadline = budget.deadline.earliest(self.deadline)
        budget._sockets = self._sockets
        return budget

    # -- used by the transport ------------------------------------------------
    def opened(self, sock: socket.socket) -> None:
        with self._sockets.lock:
            self._sockets.open.add(sock)
        if self.cancelled:
            self._sockets.shut_down()

    def closed(self, sock: socket.socket) -> None:
        with self._sockets.lock:
            self._sockets.open.discard(sock)

    @contextmanager
    def watching(self) -> Iterator[None]:
        """While a request is in flight, a cancel switch set by anyone shuts its sockets down."""
        done = threading.Event()

        def watch() -> None:
            while not done.wait(_WATCH_INTERVAL):
                if self.cancel_event.is_set():
                    self._sockets.shut_down()
                    return

        watcher = threading.Thread(target=watch, name="postwright-net-cancel", daemon=True)
        watcher.start()
        try:
            yield
        finally:
            done.set()
            watcher.join()


class RateLimiter:
    """Spaces calls at least ``1 / per_second`` seconds apart (thread-safe)."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self, budget: Budget, where: str) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            budget.sleep(delay, where)
