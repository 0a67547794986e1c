"""Every HTTP request Postwright makes goes through here: bounded in time (a wall-clock deadline
over connect, headers and body), size, redirects (by site, using the Public Suffix List) and
retries (429/503 with ``Retry-After``), and cancellable. See ``client.py``."""

from editor.core.net.budget import Budget, RateLimiter
from editor.core.net.client import Answer, HttpClient, RedirectPolicy, retry_after
from editor.core.net.errors import NetCancelled, NetError, NetRedirectRefused, NetTimeout, NetTooLarge
from editor.core.net.sites import registrable_domain, same_origin, same_site

__all__ = [
    "Answer", "Budget", "HttpClient", "NetCancelled", "NetError", "NetRedirectRefused", "NetTimeout", "NetTooLarge",
    "RateLimiter", "RedirectPolicy", "registrable_domain", "retry_after", "same_origin", "same_site",
]
