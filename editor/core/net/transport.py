"""An httpx transport whose every socket operation ends by the request's wall-clock deadline.

httpx's timeouts are per operation: a server that sends one byte every two seconds never
trips a ten-second read timeout and can hold a request for ever. This transport runs
httpcore (httpx's own engine) on a network backend that asks the current request's
:class:`~editor.core.net.budget.Budget` before each name lookup, connect, TLS handshake,
read and write, and gives the operation only the time that is left; the budget's cancel
switch shuts the sockets down. Everything here is httpcore's and httpx's public API:
``NetworkBackend``/``NetworkStream``, ``ConnectionPool``/``HTTPProxy`` and ``BaseTransport``.

Proxies come from the environment and the system settings (``urllib.request.getproxies``),
as httpx's own ``trust_env`` does; HTTP(S) proxies go through the same backend.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import typing
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

from editor.core.net.budget import Budget

_current = threading.local()  # .budget: the Budget of the request this thread is sending
_MIN_TIMEOUT = 0.001


@contextmanager
def under(budget: Budget) -> Iterator[None]:
    """Socket operations on this thread run within ``budget`` until the block ends."""
    previous = getattr(_current, "budget", None)
    _current.budget = budget
    try:
        with budget.watching():
            yield
    finally:
        _current.budget = previous


def _budget() -> Budget | None:
    budget: Budget | None = getattr(_current, "budget", None)
    return budget


def _clamp(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of the current budget."""
    budget = _budget()
    remaining = budget.remaining() if budget is not None else None
    if remaining is None:
        return timeout
    remaining = max(_MIN_TIMEOUT, remaining)
    return remaining if timeout is None else min(timeout, remaining)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, budget: Budget | None) -> None:
        self._inner = inner
        self._budget = budget
        self._socket: socket.socket | None = inner.get_extra_info("socket")
        if budget is not None and self._socket is not None:
            budget.opened(self._socket)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout))

    def close(self) -> None:
        if self._budget is not None and self._socket is not None:
            self._budget.closed(self._socket)
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout))
        if inner is self._inner:
            return self
        if self._budget is not None and self._socket is not None:
            self._budget.closed(self._socket)  # the TLS stream has the connection now
        return _Stream(inner, self._budget)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        problem: Exception | None = None
        for address in _resolve(host, port, timeout):
            try:
                stream = self._inner.connect_tcp(address, port, _clamp(timeout), local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                problem = error
                continue
            return _Stream(stream, _budget())
        raise problem or httpcore.ConnectError(f"{host} has no address")

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, _clamp(timeout), socket_options), _budget())

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """The host's addresses; the (uninterruptible) name lookup runs beside us, bounded by the deadline."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return [host.strip("[]")]
    except ValueError:
        pass
    found: dict[str, Any] = {}

    def lookup() -> None:
        try:
            found["addresses"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            found["error"] = error

    thread = threading.Thread(target=lookup, name="postwright-net-dns", daemon=True)
    thread.start()
    thread.join(_clamp(timeout))
    if thread.is_alive():
        raise httpcore.ConnectTimeout(f"looking up {host} took too long")
    if "error" in found:
        raise httpcore.ConnectError(f"{host} cannot be found ({found['error']})")
    return list(dict.fromkeys(str(entry[4][0]) for entry in found["addresses"]))


_EXCEPTIONS: dict[type[Exception], type[httpx.TransportError]] = {
    httpcore.ConnectTimeout: httpx.ConnectTimeout, httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.WriteTimeout: httpx.WriteTimeout, httpcore.PoolTimeout: httpx.PoolTimeout,
    httpcore.ConnectError: httpx.ConnectError, httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError, httpcore.ProxyError: httpx.ProxyError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError, httpcore.LocalProtocolError: httpx.LocalProtocolError,
    httpcore.UnsupportedProtocol: httpx.UnsupportedProtocol,
}


@contextmanager
def _mapped(request: httpx.Request) -> Iterator[None]:
    try:
        yield
    except Exception as error:
        for core, ours in _EXCEPTIONS.items():
            if isinstance(error, core):
                raise ours(str(error) or type(error).__name__, request=request) from error
        raise


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes], request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        with _mapped(self._request):
            yield from self._stream

    def close(self) -> None:
        closer = getattr(self._stream, "close", None)
        if closer is not None:
            with _mapped(self._request):
                closer()


class DeadlineTransport(httpx.BaseTransport):
    """httpx transport on httpcore with the deadline-aware backend; one pool per proxy."""

    def __init__(self, *, trust_env: bool = True) -> None:
        self._ssl = httpx.create_ssl_context()
        self._proxies = urllib.request.getproxies() if trust_env else {}
        self._pools: dict[str, httpcore.ConnectionPool | httpcore.HTTPProxy] = {}
        self._lock = threading.Lock()

    def _pool(self, url: httpx.URL) -> httpcore.ConnectionPool | httpcore.HTTPProxy:
        proxy = self._proxies.get(url.scheme)
        if proxy and (urllib.request.proxy_bypass(url.host) or not proxy.startswith(("http://", "https://"))):
            proxy = None  # a bypassed host, or a SOCKS proxy (not supported): connect directly
        key = proxy or ""
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                common: dict[str, Any] = {"ssl_context": self._ssl, "network_backend": _Backend(),
                                          "max_connections": 20, "max_keepalive_connections": 10,
                                          "keepalive_expiry": 30.0}
                if proxy:
                    pool = httpcore.HTTPProxy(proxy_url=proxy, **common)
                else:
                    pool = httpcore.ConnectionPool(**common)
                self._pools[key] = pool
            return pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, typing.Iterable)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port,
                             target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream, extensions=request.extensions,
        )
        with _mapped(request):
            response = self._pool(request.url).handle_request(core)
        assert isinstance(response.stream, typing.Iterable)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_Body(response.stream, request), extensions=response.extensions)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()
