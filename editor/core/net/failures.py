"""Why a request failed, in our words (never the TLS or socket library's), with a problem name."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import httpx

from editor.core.net.errors import NetError


class Transient(NetError):
    """The connection failed before any answer came: worth one more try for an idempotent request."""


def is_local_host(host: str) -> bool:
    """Loopback addresses and names that never leave this machine or its local network by name."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local")):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def describe(error: httpx.HTTPError, url: str) -> NetError:
    """The sentence for a request that got no (complete) answer."""
    parts = urlsplit(url)
    host = parts.hostname or url
    where = parts.netloc.rpartition("@")[2] or url
    if isinstance(error, httpx.TimeoutException):
        return Transient(f"{where} did not answer in time; it may be down or slow.", problem="timeout")
    text = str(error).upper()
    if isinstance(error, httpx.ConnectError) or "SSL" in text:
        return connect_failure(url, text)
    if isinstance(error, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        return Transient(f"The connection to {host} broke off before the answer was complete; try again in a "
                         "moment.", problem="unreachable")
    return NetError(f"The request to {host} failed ({type(error).__name__}).", problem="unreachable")


def connect_failure(url: str, text: str) -> NetError:
    """Why a connection could not be made, from the upper-cased text of the library's error."""
    parts = urlsplit(url)
    host = parts.hostname or url
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if "CERTIFICATE_VERIFY_FAILED" in text or "CERTIFICATE VERIFY FAILED" in text:
        why = ("it has expired" if "EXPIRED" in text else "it is self-signed" if "SELF" in text
               else "it is for another name" if "HOSTNAME" in text or "MISMATCH" in text else "it is not trusted")
        return NetError(f"The security certificate of {host} is not valid ({why}), so Postwright will not send "
                        "anything to it; the site's host can renew or fix the certificate.", problem="bad-certificate")
    if "SSL" in text or "TLS" in text:
        local = " If it is a site on this computer, its address starts with http://." if is_local_host(host) else ""
        return NetError(f"{host} does not answer secure (https://) connections on port {port}; check the "
                        f"address.{local}", problem="no-https")
    if any(words in text for words in ("NAME OR SERVICE NOT KNOWN", "NODENAME NOR SERVNAME", "GETADDRINFO",
                                       "NO ADDRESS ASSOCIATED", "TEMPORARY FAILURE IN NAME RESOLUTION",
                                       "CANNOT BE FOUND")):
        return Transient(f"No site called {host} could be found; check the address, and that this computer is "
                         "online.", problem="unreachable")
    if "REFUSED" in text:
        return Transient(f"Cannot connect to {host}: nothing answers on port {port}. Check the address, and that "
                         "the site is running.", problem="unreachable")
    return Transient(f"Cannot connect to {host}; check the address, and that this computer is online.",
                     problem="unreachable")
