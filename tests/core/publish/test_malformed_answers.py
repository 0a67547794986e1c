"""A WordPress that answers nonsense gets one sentence naming the field, never a traceback; a bad item
of a listing is skipped and reported and the rest still come in. Answers come from a real loopback
server; hypothesis makes them."""

from __future__ import annotations

import re

import pytest
from fake_wordpress import ME, FakeWordPress, Paged
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from publish_samples import clean_post

from editor.core.foundation.errors import PostwrightError, PublishError
from editor.core.publish.audit import audit_html, audit_site
from editor.core.publish.connection import check_connection
from editor.core.publish.publisher import publish_post
from editor.core.publish.pull import import_site
from editor.core.publish.sites import SiteStore
from editor.core.publish.wordpress import WordPressClient


@pytest.fixture
def fake():
    site = FakeWordPress()
    yield site
    site.close()


def _post(ident, title="A post", link="https://clinic.example/a-post/", **extra):
    return {"id": ident, "title": {"raw": title, "rendered": title}, "status": "publish", "slug": f"post-{ident}",
            "link": link, "content": {"raw": f"<p>{title} has a paragraph of real words in it.</p>"},
            "excerpt": {"raw": ""}, "modified_gmt": "2026-01-02T03:04:05", **extra}


def _site(library, fake):
    return SiteStore(library).add("clinic", fake.url, "erin", "abcd efgh ijkl mnop qrst uvwx")


def _one_sentence(text: str) -> bool:
    return "\n" not in text and "Traceback" not in text and text.endswith(".")


@pytest.mark.parametrize(("me", "field"), [
    ({**ME, "id": "7"}, "id"),
    ({**ME, "id": [7]}, "id"),
    ({**ME, "id": 10**30}, "id"),
    ({**ME, "capabilities": ["edit_posts"]}, "capabilities"),
    ({"name": "no id"}, "id"),
    ([ME], "the answer"),
])
def test_a_malformed_users_me_is_a_failed_connection_naming_the_field(fake, me, field):
    fake.answers["GET /wp/v2/users/me"] = (200, me, {})
    report = check_connection(fake.url, "erin", "abcd efgh ijkl mnop qrst uvwx")
    assert not report.ok and report.problem == "bad-answer" and field in report.message, report.message
    assert _one_sentence(report.message)


@pytest.mark.parametrize("bad_id", [None, "12", [12], 10**30, 0, -3, True, 1.5])
def test_a_post_with_a_bad_id_is_skipped_and_the_rest_import(library, fake, bad_id):
    broken = _post(12, "Broken one")
    if bad_id is None:
        del broken["id"]
    else:
        broken["id"] = bad_id
    fake.answers["GET /wp/v2/posts"] = (200, Paged([_post(11, "First post"), broken, _post(13, "Third post")]), {})
    _site(library, fake)
    result = import_site(library, "clinic")
    assert len(result.imported) == 2, result.failed
    assert len(result.failed) == 1 and "“id”" in result.failed[0] and "skipped" in result.failed[0]
    assert _one_sentence(result.failed[0])


def test_a_publish_answer_without_an_id_is_an_error_and_records_nothing(library, fake):
    fake.answers["POST /wp/v2/posts"] = (201, {"status": "publish", "link": "https://clinic.example/x/"}, {})
    site = _site(library, fake)
    post = clean_post(library, slug="answer-without-id")
    with pytest.raises(PublishError) as raised:
        publish_post(library, site, post, status="draft")
    assert "“id” is missing" in str(raised.value) and _one_sentence(str(raised.value))
    assert library.db.execute("SELECT count(*) FROM remote_posts").fetchone()[0] == 0


def test_a_site_that_repeats_its_pages_is_read_once(library, fake):
    """Every page is the first one and the headers promise 400 pages: 50 real posts, not 20,000."""
    fake.answers["GET /wp/v2/posts"] = (200, Paged([_post(n, f"Post {n}") for n in range(1, 51)], repeat=True,
                                                                      total_header="20000"), {})
    _site(library, fake)
    with WordPressClient(fake.url, "erin", "abcd efgh ijkl mnop qrst uvwx") as client:
        pages = list(client.pages("/wp/v2/posts", {"context": "edit"}))
    assert sum(len(page) for page in pages) == 50 and len(pages) == 1
    assert client.skipped and "again" in client.skipped[0]
    assert fake.requests.count("GET /wp/v2/posts") == 2


def test_x_wp_total_bounds_the_pages_read(fake):
    fake.answers["GET /wp/v2/posts"] = (200, Paged([_post(n) for n in range(1, 121)], total_header="60"), {})
    with WordPressClient(fake.url, "erin", "abcd efgh ijkl mnop qrst uvwx") as client:
        items = [item for page in client.pages("/wp/v2/posts", {}) for item in page]
    assert len(items) == 100  # 60 promised: two pages of 50, not the three the server would send


HOSTILE_LINKS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "&#106;avascript:alert(1)",
                 "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
                 '"><script>alert(1)</script>', "//evil.example/x", "/relative/page"]


def test_the_audit_report_never_carries_a_live_hostile_link_or_markup(library, fake, tmp_path):
    items = [_post(n + 1, f'<script>alert({n})</script><img src=x onerror=alert({n})> "q" & more', link=link)
             for n, link in enumerate(HOSTILE_LINKS)]
    items.append(_post(99, "A good one", link="https://clinic.example/good/"))
    fake.answers["GET /wp/v2/posts"] = (200, Paged(items), {})
    _site(library, fake)
    audit = audit_site(library, "clinic")
    page = audit_html(audit)
    tree = lxml_html.document_fromstring(page)
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert hrefs == ["https://clinic.example/good/"]
    assert not tree.xpath("//script") and not tree.xpath("//@onerror") and not tree.xpath("//img")
    assert "<script" not in page.lower() and "onerror=" not in page.lower()


# -- hypothesis: answers a server might send ---------------------------------------------------------------
JSONISH = st.recursive(st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=False)
                       | st.text(max_size=20),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                  max_size=3), max_leaves=8)
FIELD_VALUES = {
    "id": st.integers(1, 10**6) | JSONISH,
    "title": st.fixed_dictionaries({"raw": st.text(max_size=40)}) | st.text(max_size=40) | JSONISH,
    "content": st.fixed_dictionaries({"raw": st.text(max_size=200)}) | JSONISH,
    "status": st.sampled_from(["publish", "draft"]) | JSONISH,
    "link": st.sampled_from(["https://clinic.example/p/", "javascript:alert(1)"]) | JSONISH,
    "slug": st.text(max_size=20) | JSONISH,
    "excerpt": st.fixed_dictionaries({"raw": st.text(max_size=40)}) | JSONISH,
    "modified_gmt": st.text(max_size=20) | JSONISH,
}
POSTS = st.lists(st.fixed_dictionaries({}, optional=FIELD_VALUES) | JSONISH, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=POSTS)
def test_any_listing_is_read_or_refused_in_our_words(fake, items):
    fake.answers["GET /wp/v2/posts"] = (200, Paged(items), {})
    with WordPressClient(fake.url, "erin", "abcd efgh ijkl mnop qrst uvwx") as client:
        try:
            read = [item for page in client.pages("/wp/v2/posts", {}) for item in page]
        except PostwrightError as error:
            assert _one_sentence(str(error)), error
            return
    good_ids = {item["id"] for item in read}
    assert all(isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= 2**53 for i in good_ids)
    assert len(read) + len(client.skipped) == len(items)  # one page: every item read or reported, none lost
    for sentence in client.skipped:
        assert _one_sentence(sentence) and re.search(r"item \d+", sentence)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(me=st.fixed_dictionaries({}, optional={"id": st.integers(1, 99) | JSONISH, "name": st.text(max_size=10)
                                              | JSONISH, "roles": st.lists(st.text(max_size=8)) | JSONISH,
                                              "capabilities": st.dictionaries(st.text(max_size=10), st.booleans())
                                              | JSONISH}) | JSONISH)
def test_any_users_me_answer_is_a_report_never_a_traceback(fake, me):
    fake.answers["GET /wp/v2/users/me"] = (200, me, {})
    report = check_connection(fake.url, "erin", "abcd efgh ijkl mnop qrst uvwx")
    assert report.ok or _one_sentence(report.message), report.message
