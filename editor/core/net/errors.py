"""The net layer's own errors: one sentence each, and a ``problem`` code a caller can act on."""

from __future__ import annotations

from editor.core.foundation.errors import PostwrightError


class NetError(PostwrightError):
    """A request that did not give an answer; ``problem`` says why in one word."""

    problem = "unreachable"

    def __init__(self, message: str, *, problem: str | None = None) -> None:
        super().__init__(message)
        if problem is not None:
            self.problem = problem


class NetTimeout(NetError):
    """The wall-clock deadline passed (connect, headers and body included)."""

    problem = "timeout"


class NetCancelled(NetError):
    """Someone pressed Cancel (the budget's cancel switch)."""

    problem = "cancelled"


class NetTooLarge(NetError):
    """The answer passed its size cap."""

    problem = "too-large"


class NetRedirectRefused(NetError):
    """A redirect the policy does not follow: another site, HTTPS down to HTTP, too many hops."""

    problem = "redirect"
