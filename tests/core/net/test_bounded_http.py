"""The one HTTP layer against a misbehaving server on 127.0.0.1: deadlines that hold against a
server dripping bytes, size caps, redirect rules, retries that honour Retry-After, cancel."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Iterator

import pytest
from misbehaving_server import DRIP_SECONDS, Misbehaving, misbehaving_server

from editor.core.net import (
    Budget,
    HttpClient,
    NetCancelled,
    NetError,
    NetRedirectRefused,
    NetTimeout,
    NetTooLarge,
    RateLimiter,
    retry_after,
)


@pytest.fixture
def server() -> Iterator[Misbehaving]:
    with misbehaving_server() as state:
        yield state


def client(**options: object) -> HttpClient:
    settings: dict[str, object] = {"user_agent": "Postwright tests", "backoff": 0.01, "deadline": 10.0}
    settings.update(options)
    return HttpClient(**settings)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", ["/drip-headers", "/slow-body"])
def test_a_server_dripping_bytes_ends_within_the_deadline_plus_one_second(server: Misbehaving, path: str) -> None:
    # Each byte comes well within httpx's per-read timeout, so only a wall-clock deadline ends it (#28).
    deadline = 2.5 * DRIP_SECONDS
    with client(deadline=deadline, timeout=30.0) as http:
        started = time.monotonic()
        with pytest.raises(NetTimeout, match=r"127\.0\.0\.1:\d+ did not answer within 5 seconds"):
            http.get(server.base_url + path)
        assert time.monotonic() - started < deadline + 1.0
    assert len(server.requests) == 1  # the deadline is shared: no retry after it


def test_cancel_from_another_thread_ends_a_blocked_read_at_once(server: Misbehaving) -> None:
    budget = Budget(60.0)
    finished = threading.Event()
    outcome: list[BaseException] = []

    def fetch() -> None:
        try:
            with client(deadline=60.0) as http:
                http.get(server.base_url + "/drip-headers", budget=budget)
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome.append(error)
        finally:
            finished.set()

    threading.Thread(target=fetch, daemon=True).start()
    while not server.requests:  # the request is in flight, its read blocked on the drip
        time.sleep(0.01)
    cancelled_at = time.monotonic()
    budget.cancel_event.set()  # as the GUI's Cancel does: a plain event, set from its thread
    assert finished.wait(DRIP_SECONDS / 2 + 1.0)
    assert time.monotonic() - cancelled_at < DRIP_SECONDS
    assert len(outcome) == 1 and isinstance(outcome[0], NetCancelled)


@pytest.mark.parametrize(("path", "declared"), [("/huge", True), ("/huge-undeclared", False), ("/gzip-bomb", False)])
def test_answers_past_the_size_cap_are_refused(server: Misbehaving, path: str, declared: bool) -> None:
    with client(max_bytes=1024 * 1024) as http, pytest.raises(NetTooLarge, match="the answer is too large") as error:
        http.get(server.base_url + path)
    assert ("1024.0 MB" in str(error.value)) == declared  # a declared size is refused before any byte is read


def test_a_redirect_loop_stops_after_the_allowed_hops(server: Misbehaving) -> None:
    with client(max_redirects=5) as http, pytest.raises(NetRedirectRefused, match="redirected more than 5 times"):
        http.get(server.base_url + "/loop")
    assert len(server.requests) == 6


def test_redirects_to_another_site_are_not_followed(server: Misbehaving) -> None:
    elsewhere = server.base_url.replace("127.0.0.1", "localhost") + "/ok"  # an IP address is only its own site
    with client() as http, pytest.raises(NetRedirectRefused, match="redirected to localhost:\\d+, another site"):
        http.get(server.base_url + "/redirect", {"to": elsewhere})
    assert [seen.path for seen in server.requests] == ["/redirect"]


def test_credentials_go_only_to_the_origin_they_were_given_for() -> None:
    with misbehaving_server() as first, misbehaving_server() as second:  # one site, two origins (ports)
        with client(auth=("editor", "app password")) as http:
            assert http.get(first.base_url + "/echo").text().startswith("Basic ")
            followed = http.get(first.base_url + "/redirect", {"to": second.base_url + "/echo"})
        assert followed.status == 200 and followed.text() == "none"
        with client(auth=("editor", "app password"), redirects="origin") as http, \
                pytest.raises(NetRedirectRefused, match="another site"):
            http.get(first.base_url + "/redirect", {"to": second.base_url + "/echo"})


@pytest.mark.parametrize("path", ["/busy", "/busy503"])
def test_429_and_503_are_asked_again_after_retry_after(server: Misbehaving, path: str) -> None:
    with client() as http:
        answer = http.get(server.base_url + path, {"times": "2", "after": "1"})
    assert answer.status == 200 and answer.text() == "fine"
    times = [seen.at for seen in server.requests]
    assert len(times) == 3 and all(later - earlier >= 0.95 for earlier, later in zip(times, times[1:], strict=False))


def test_a_retry_after_beyond_the_deadline_fails_at_once_saying_so(server: Misbehaving) -> None:
    with client(deadline=5.0, max_retry_after=600.0) as http:
        started = time.monotonic()
        with pytest.raises(NetTimeout, match="answered HTTP 429 and asked to wait 120 s, beyond the 5 s"):
            http.get(server.base_url + "/busy", {"times": "1", "after": "120"})
        assert time.monotonic() - started < 5.0
    assert len(server.requests) == 1


def test_retries_give_up_after_their_count_with_the_last_answer(server: Misbehaving) -> None:
    with client(retries=2) as http:
        answer = http.get(server.base_url + "/busy", {"times": "10", "after": "0"})
    assert answer.status == 429 and len(server.requests) == 3


def test_a_post_is_asked_again_only_when_the_server_did_not_act_on_it(server: Misbehaving) -> None:
    with client(retry_statuses=frozenset({500, 502, 504})) as http:
        assert http.request("POST", server.base_url + "/busy", params={"times": "1", "after": "0"}).status == 200
    assert len(server.requests) == 2


def test_an_unreachable_server_is_one_sentence() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound and not listening: connections are refused
        refused = r"Cannot connect to 127\.0\.0\.1: nothing answers on port \d+"
        with client(retries=1) as http, pytest.raises(NetError, match=refused):
            http.get(f"http://127.0.0.1:{port}/")


def test_https_down_to_http_and_other_schemes_are_refused() -> None:
    http = client()
    with pytest.raises(NetRedirectRefused, match="from HTTPS down to plain HTTP"):
        http._check_redirect("https://clinic.example/a", "https://clinic.example/a", "http://clinic.example/b")
    with pytest.raises(NetRedirectRefused, match="a file address"):
        http._check_redirect("https://clinic.example/a", "https://clinic.example/a", "file:///etc/passwd")
    http._check_redirect("http://clinic.example/a", "http://clinic.example/a", "https://www.clinic.example/b")
    http.close()


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("7") == 7.0
    in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
    assert 55.0 <= (retry_after(in_a_minute) or 0.0) <= 60.0
    assert retry_after("") is None and retry_after("soon") is None
    assert retry_after(email.utils.formatdate(time.time() - 60, usegmt=True)) == 0.0


def test_a_name_is_looked_up_and_each_of_its_addresses_tried(server: Misbehaving) -> None:
    # "localhost" may give ::1 first, where nothing listens: the next address is tried.
    with client() as http:
        answer = http.get(server.base_url.replace("127.0.0.1", "localhost") + "/ok")
    assert answer.status == 200 and answer.text() == "fine"


def test_the_rate_limiter_spaces_calls_and_wakes_on_cancel() -> None:
    limiter = RateLimiter(per_second=20.0)
    budget = Budget(10.0)
    start = time.monotonic()
    released = []
    for _ in range(5):
        limiter.wait(budget, "here")
        released.append(time.monotonic() - start)
    # the n-th call leaves no sooner than n intervals after the first could (Event.wait never wakes early)
    assert all(when >= number * 0.05 - 0.001 for number, when in enumerate(released)), released
    slow = RateLimiter(per_second=0.01)  # one call per 100 s
    slow.wait(budget, "here")
    budget.cancel_event.set()
    with pytest.raises(NetCancelled):
        slow.wait(budget, "here")
