"""Which hosts are the same site, by the Public Suffix List.

``clinic.github.io`` and ``quack.github.io`` are two sites: ``github.io`` is a public
suffix (the list's private section, as browsers use it), like ``co.uk`` or
``s3.amazonaws.com``. The list is the snapshot bundled with ``publicsuffixlist``
(no download at run time); an IP address or a single-label name is only its own site.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit

from publicsuffixlist import PublicSuffixList


@lru_cache(maxsize=1)
def _list() -> PublicSuffixList:
    return PublicSuffixList()  # the bundled snapshot, ICANN and private sections


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """``host``'s site: its registrable domain (``www.doi.org`` → ``doi.org``), or the host itself."""
    host = host.strip("[]").rstrip(".").lower()
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    site = _list().privatesuffix(host)
    return str(site) if site else host


def same_site(first: str, second: str) -> bool:
    """Whether two URLs' hosts belong to one site (ports and schemes aside)."""
    one, other = urlsplit(first).hostname, urlsplit(second).hostname
    return bool(one and other) and registrable_domain(one or "") == registrable_domain(other or "")


def origin(url: str | SplitResult) -> tuple[str, str, int]:
    """``(scheme, host, port)`` with the scheme's default port filled in."""
    parts = urlsplit(url) if isinstance(url, str) else url
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


def same_origin(first: str, second: str) -> bool:
    return origin(first) == origin(second)


def upgrade_only(first: str, second: str) -> bool:
    """``second`` is ``first``'s host moved from plain HTTP to HTTPS on the default ports."""
    one, other = origin(first), origin(second)
    return one[0] == "http" and other[0] == "https" and one[1] == other[1] and (one[2], other[2]) == (80, 443)
