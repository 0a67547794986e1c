"""A WordPress error answer, said in our own words.

WordPress answers an error with ``{"code": …, "message": …}``; its messages are written
for its own screens ("You are not currently logged in.", "Sorry, you are not allowed to
edit this post.") and would arrive in ours with a doubled full stop and no hint of what
to do. Known codes become a sentence naming the site, the user, what we were doing and
what helps; an unknown one names the HTTP status and WordPress's code, never its text.

A wrong password gets the hint that matters most: an Application Password is 24
letters and digits (WordPress shows it in groups of four); anything else typed there is
most likely the password used to log in to WordPress, which the REST API never accepts.
"""

from __future__ import annotations

import re
from typing import Any

from editor.core.foundation.errors import PublishError, SiteConnectionError

APP_PASSWORD_HELP = "WordPress needs an Application Password: Users → Profile → Application Passwords"


def looks_like_application_password(password: str) -> bool:
    """WordPress makes Application Passwords of 24 letters and digits and ignores spaces in them."""
    return re.fullmatch(r"[A-Za-z0-9]{24}", re.sub(r"\s", "", password)) is not None


def wrong_password(site: str, username: str, password: str) -> SiteConnectionError:
    if password and not looks_like_application_password(password):
        return SiteConnectionError(
            f"This is not an Application Password but most likely the login password of {username}, which {site} "
            f"does not accept here. {APP_PASSWORD_HELP}.", problem="login-password")
    return SiteConnectionError(
        f"{site} refused the user name {username!r} with this Application Password; check the user name, or make a "
        f"new Application Password (Users → Profile → Application Passwords) in case this one was revoked.",
        problem="wrong-credentials")


def doing(method: str, path: str) -> str:
    """What a REST call was for, in words: ``POST /wp/v2/posts/12`` → "update the post"."""
    route = re.sub(r"/\d+$", "/{id}", path.split("?", 1)[0].rstrip("/"))
    return {
        ("GET", "/wp/v2/users/me"): "sign in",
        ("GET", "/wp/v2/posts"): "look through the posts",
        ("GET", "/wp/v2/posts/{id}"): "read the post",
        ("POST", "/wp/v2/posts"): "create the post",
        ("POST", "/wp/v2/posts/{id}"): "update the post",
        ("POST", "/wp/v2/media"): "upload an image",
        ("POST", "/wp/v2/media/{id}"): "set an image's alt text",
        ("GET", "/wp/v2/media/{id}"): "read an image's details",
        ("GET", "/wp/v2/tags"): "look up tags",
        ("POST", "/wp/v2/tags"): "create a tag",
        ("GET", "/wp/v2/categories"): "look up categories",
        ("POST", "/wp/v2/categories"): "create a category",
        ("GET", "/wp/v2/users"): "look up the site's users",
    }.get((method.upper(), route), f"{method.lower()} {route}")


_FORBIDDEN = {
    "rest_cannot_edit": "may not change this post (it belongs to someone else, or the user's role may not "
                        "change a live post)",
    "rest_cannot_edit_others": "may not change other users' posts",
    "rest_cannot_publish": "may not publish; send the post for review (pending) instead",
    "rest_cannot_create": "may not {doing}",
    "rest_cannot_assign_term": "may not use one of the post's tags or categories",
    "rest_cannot_create_term": "may not create tags or categories",
    "rest_cannot_upload": "may not upload images",
    "rest_forbidden_status": "may not give a post that status",
}


def rest_error(status: int, data: Any, *, site: str, username: str, password: str, method: str,
               path: str) -> PublishError:
    code = str(data.get("code", "")) if isinstance(data, dict) else ""
    what = doing(method, path)
    who = username or "this user"
    if status == 401 or code in ("rest_not_logged_in", "incorrect_password", "invalid_username",
                                 "invalid_email", "application_passwords_disabled"):
        if code == "application_passwords_disabled":
            return SiteConnectionError(f"{site} has turned Application Passwords off, so Postwright cannot sign in; "
                                       "ask the site's administrator to allow them.", problem="no-app-passwords")
        return wrong_password(site, who, password)
    if status == 403 or code in _FORBIDDEN:
        reason = _FORBIDDEN.get(code, "may not {doing}").format(doing=what)
        return SiteConnectionError(f"On {site}, the user {who} {reason}.", problem="forbidden")
    if status in (404, 410):
        if code == "rest_no_route":
            return PublishError(f"{site} does not offer what Postwright needs to {what} (a plugin may have "
                                "turned part of the REST API off).")
        return PublishError(f"{site} no longer has what Postwright needed to {what}; it may have been deleted "
                            "there.")
    if status == 413 or code in ("rest_upload_file_too_big", "rest_upload_limited_space"):
        return PublishError(f"{site} refused the upload as larger than it accepts; ask its administrator to raise "
                            "the upload limit.")
    if status == 400:
        params = data.get("data", {}).get("params") if isinstance(data, dict) else None
        fields = ", ".join(sorted(params)) if isinstance(params, dict) else ""
        named = f" (it did not accept: {fields})" if fields else ""
        return PublishError(f"{site} refused the request to {what}{named}.")
    if status >= 500:
        return PublishError(f"{site} had an internal error (HTTP {status}) while Postwright tried to {what}; try "
                            "again later, or ask the site's administrator to look at its error log.")
    named = f", WordPress code {code}" if code else ""
    return PublishError(f"{site} refused the request to {what} (HTTP {status}{named}).")
