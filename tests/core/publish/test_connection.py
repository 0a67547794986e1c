"""Test connection says exactly what is wrong: against a real WordPress and small loopback servers."""

from __future__ import annotations

import http.server
import json
import socket
import threading

import pytest

from editor.core.foundation.errors import PublishError, SiteConnectionError
from editor.core.publish.connection import check_connection
from editor.core.publish.http import BoundedHttp, check_site_url, parse_json


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # http.server's name
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"<p>Not found</p>"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    """A loopback HTTP server whose answers a test sets: ``serve({path: (status, headers, body)})``."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {"routes": {}}))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def serve(routes):
        httpd.RequestHandlerClass.routes = routes
        return f"http://127.0.0.1:{httpd.server_address[1]}"
    yield serve
    httpd.shutdown()
    httpd.server_close()


def test_working_sites_report_the_user_and_what_they_may_do(wordpress):
    for role in ("administrator", "editor", "author"):
        user = wordpress.users[role]
        report = check_connection(wordpress.url, user.login, user.app_password)
        assert report.ok and report.problem is None and report.can_publish, report.message
        assert role in report.roles and report.site_name == "Riverside Clinic"
    assert not check_connection(wordpress.url, "avery", wordpress.users["author"].app_password).can_create_categories


def test_wrong_password_and_unknown_user_are_credentials_problems(wordpress):
    report = check_connection(wordpress.url, "erin", "abcd efgh ijkl mnop qrst uvwx")
    assert not report.ok and report.problem == "wrong-credentials" and "erin" in report.message
    assert check_connection(wordpress.url, "nobody", "abcd efgh ijkl mnop qrst uvwx").problem == "wrong-credentials"
    assert "not currently logged in" not in report.message and ".." not in report.message


def test_the_login_password_is_named_as_the_wrong_kind_of_password(wordpress):
    report = check_connection(wordpress.url, "admin", "admin-pass-123")  # the site's real login password
    assert report.problem == "login-password"
    assert "not an Application Password" in report.message
    assert "WordPress needs an Application Password: Users → Profile → Application Passwords" in report.message


def test_the_sites_own_pages_lead_to_the_site(wordpress):
    user = wordpress.users["editor"]
    for typed in (f"{wordpress.url}/wp-admin/", f"{wordpress.url}/wp-login.php?loggedout=true"):
        report = check_connection(typed, user.login, user.app_password)
        assert report.ok and report.site_url == wordpress.url
    with wordpress.client_for("editor") as http:
        post = http.post("/wp-json/wp/v2/posts", json={"title": "A page of the site", "status": "publish"}).json()
    report = check_connection(post["link"], user.login, user.app_password)  # a post's address, pasted
    assert report.ok and report.site_url == wordpress.url


def test_https_on_a_site_that_only_speaks_http_is_said_plainly(wordpress):
    report = check_connection(wordpress.url.replace("http://", "https://"), "erin", "x")
    assert report.problem == "no-https" and "does not answer secure (https://) connections" in report.message
    assert "SSL" not in report.message and "_ssl.c" not in report.message and "http://" in report.message


def test_what_a_user_may_not_do_is_our_sentence(library, wordpress):
    from editor.core.publish.wordpress import WordPressClient

    with wordpress.client_for("editor") as http:
        others = http.post("/wp-json/wp/v2/posts", json={"title": "Erin's", "status": "publish"}).json()
    author = wordpress.users["author"]
    with WordPressClient(wordpress.url, author.login, author.app_password) as client, \
            pytest.raises(SiteConnectionError) as caught:
        client.post(f"/wp/v2/posts/{others['id']}", {"title": "Avery's now"})
    assert caught.value.problem == "forbidden" and str(caught.value).startswith(f"On {wordpress.url}, the user avery")
    assert "may not change this post" in str(caught.value) and "Sorry" not in str(caught.value)


def test_a_contributor_can_connect_but_cannot_publish(wordpress):
    out = wordpress.php("""
$id = wp_insert_user(['user_login' => 'cody', 'user_pass' => wp_generate_password(24), 'role' => 'contributor',
    'user_email' => 'cody@clinic.test']);
[$password] = WP_Application_Passwords::create_new_application_password($id, ['name' => 'test']);
echo $password;""")
    report = check_connection(wordpress.url, "cody", out.strip())
    assert not report.ok and report.problem == "cannot-publish" and "submit them for review" in report.message


def test_nothing_listening_is_unreachable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    report = check_connection(f"http://127.0.0.1:{port}", "a", "b")
    assert report.problem == "unreachable" and "nothing answers on port" in report.message
    assert "Errno" not in report.message


def test_a_plain_web_site_is_not_wordpress(server):
    url = server({"/": (200, {"Content-Type": "text/html"}, b"<html><body>Clinic</body></html>")})
    assert check_connection(url, "a", "b").problem == "not-wordpress"


def test_wordpress_with_its_rest_api_blocked_says_so(server):
    page = b'<html><head><link rel="stylesheet" href="/wp-content/themes/x/style.css"></head></html>'
    url = server({"/": (200, {"Content-Type": "text/html"}, page),
                  "/wp-json/": (403, {"Content-Type": "application/json"}, b'{"code":"rest_disabled"}')})
    report = check_connection(url, "a", "b")
    assert report.problem == "rest-disabled" and "REST API is turned off" in report.message


def test_plain_http_is_refused_except_for_local_sites():
    with pytest.raises(SiteConnectionError, match="https://") as caught:
        check_site_url("http://clinic.example")
    assert caught.value.problem == "https-required"
    assert check_site_url("http://localhost:8080/") == "http://localhost:8080"
    assert check_site_url("https://clinic.example/blog/") == "https://clinic.example/blog"
    assert check_connection("http://clinic.example", "a", "b").problem == "https-required"


def test_redirects_to_another_host_are_not_followed(server):
    url = server({"/wp-json/": (302, {"Location": "http://evil.example/steal"}, b"")})
    with BoundedHttp(url, auth=("a", "b")) as http, pytest.raises(SiteConnectionError, match="another site"):
        http.request("GET", "/wp-json/")
    same = server({"/old": (301, {"Location": "/new"}, b""), "/new": (200, {"Content-Type": "text/plain"}, b"ok")})
    with BoundedHttp(same) as http:
        assert http.request("GET", "/old").body == b"ok"


def test_answers_over_the_size_cap_and_deep_json_are_refused(server):
    url = server({"/big": (200, {"Content-Type": "application/json"}, b"[" + b"1," * 60_000 + b"1]")})
    with BoundedHttp(url, max_bytes=100_000) as http, pytest.raises(PublishError, match="larger than"):
        http.request("GET", "/big")
    with pytest.raises(PublishError, match="nests more than 64 levels"):
        parse_json(b"[" * 100 + b"]" * 100, "a site")
    with pytest.raises(PublishError, match="nests more than 64 levels"):
        parse_json(b"[" * 100_000 + b"]" * 100_000, "a site")
    assert json.loads(b"[[1]]") == parse_json(b"[[1]]", "a site")


@pytest.mark.parametrize(("status", "body", "expected"), [
    (401, {"code": "rest_not_logged_in", "message": "You are not currently logged in."},
     "refused the user name 'erin' with this Application Password"),
    (403, {"code": "rest_cannot_publish", "message": "Sorry, you are not allowed to publish posts as this user."},
     "the user erin may not publish; send the post for review (pending) instead."),
    (400, {"code": "rest_invalid_param", "message": "Invalid parameter(s): status",
           "data": {"status": 400, "params": {"status": "Status is forbidden."}}},
     "refused the request to update the post (it did not accept: status)."),
    (404, {"code": "rest_no_route", "message": "No route was found matching the URL and request method."},
     "does not offer what Postwright needs to update the post"),
    (500, {"code": "internal_server_error", "message": "<p>There has been a critical error on this website.</p>"},
     "had an internal error (HTTP 500) while Postwright tried to update the post"),
    (418, {"code": "teapot_plugin", "message": "I am a teapot.."}, "(HTTP 418, WordPress code teapot_plugin)."),
    (502, None, "had an internal error (HTTP 502)"),
])
def test_wordpress_error_answers_become_our_sentences(status, body, expected):
    from editor.core.publish.site_errors import rest_error

    error = rest_error(status, body, site="https://clinic.example", username="erin",
                       password="abcd efgh ijkl mnop qrst uvwx", method="POST", path="/wp/v2/posts/12")
    message = str(error)
    assert expected in message and ".." not in message and "<" not in message
    if isinstance(body, dict):
        assert body["message"].rstrip(".") not in message


def test_a_site_that_says_it_lives_on_another_host_is_not_followed_with_the_password(server):
    index = json.dumps({"name": "Clinic", "namespaces": ["wp/v2"], "home": "http://localhost:1",
                        "authentication": {"application-passwords": {}}}).encode()
    url = server({"/wp-json/": (200, {"Content-Type": "application/json"}, index)})
    report = check_connection(url, "erin", "abcd efgh ijkl mnop qrst uvwx")
    assert report.problem == "site-elsewhere" and "http://localhost:1" in report.message
