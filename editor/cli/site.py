"""Website commands: ``publish SLUG --site NAME`` and ``site add|list|test|import|audit|remove``.

The Application Password is read from standard input (``--password-stdin``), from
``POSTWRIGHT_SITE_PASSWORD``, or asked for without echo — never taken as an argument,
where other users of the machine could see it in the process list. It is stored in
the system keyring.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from editor.cli.output import emit, table
from editor.core.foundation.errors import PublishConflictError, ValidationError
from editor.core.publish.audit import audit_site, write_audit
from editor.core.publish.connection import check_connection
from editor.core.publish.publisher import RESOLUTIONS, STATUSES, publish_post
from editor.core.publish.pull import import_site, refresh_statuses
from editor.core.publish.sites import SiteStore

PASSWORD_ENV = "POSTWRIGHT_SITE_PASSWORD"


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    publish = subparsers.add_parser(
        "publish", parents=[common], help="Publish a post to a WordPress site (through the publish checks).",
        description="Create the post on the site, or update the copy published before. Refuses to overwrite "
        "an edit made on the site unless --resolve says what to do.")
    publish.add_argument("slug")
    publish.add_argument("--site", required=True, metavar="NAME")
    publish.add_argument("--status", choices=STATUSES, default="draft",
                         help="draft, pending (send for review) or publish (default: draft)")
    publish.add_argument("--resolve", choices=RESOLUTIONS,
                         help="when the post was edited on the site: keep ours, pull theirs, or publish as a new draft")
    publish.set_defaults(handler=cmd_publish)

    site = subparsers.add_parser("site", parents=[common], help="WordPress sites: add, list, test, import, audit.")
    actions = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="save a site (the password goes to the system keyring)")
    add.add_argument("name")
    add.add_argument("--url", required=True)
    add.add_argument("--user", required=True, help="the WordPress user name")
    add.add_argument("--password-stdin", action="store_true", help="read the Application Password from stdin")
    add.add_argument("--no-test", action="store_true", help="save without testing the connection first")
    add.set_defaults(handler=cmd_add)
    actions.add_parser("list", parents=[common], help="the saved sites").set_defaults(handler=cmd_list)
    for name, handler, text in (("test", cmd_test, "test a saved site's connection"),
                                ("status", cmd_status, "ask the site for the status of each post published there"),
                                ("remove", cmd_remove, "forget a site and its password"),
                                ("import", cmd_import, "import every post of the site into the library")):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("name")
        action.set_defaults(handler=handler)
    audit = actions.add_parser("audit", parents=[common], help="check every post of the site; write an HTML report")
    audit.add_argument("name")
    audit.add_argument("--report", required=True, metavar="FILE")
    audit.set_defaults(handler=cmd_audit)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().strip()
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV].strip()
    if not sys.stdin.isatty():
        raise ValidationError(f"Give the Application Password with --password-stdin or ${PASSWORD_ENV}.")
    return getpass.getpass("Application Password: ").strip()


def cmd_add(args: argparse.Namespace, lib: Any) -> int:
    password = _password(args)
    if not args.no_test:
        report = check_connection(args.url, args.user, password)
        if not report.ok and report.problem != "cannot-publish":
            raise ValidationError(f"Not saved: {report.message}")
    site = SiteStore(lib).add(args.name, args.url, args.user, password)
    emit(args, {"name": site.name, "url": site.url, "user": site.username}, f"Saved {site.name} ({site.url}).")
    return 0


def cmd_list(args: argparse.Namespace, lib: Any) -> int:
    sites = SiteStore(lib).list()
    rows = [(s.name, s.url, s.username) for s in sites]
    emit(args, [{"name": n, "url": u, "user": us} for n, u, us in rows],
         table(rows, ("NAME", "URL", "USER")) or "No sites yet; add one with: site add NAME --url URL --user USER")
    return 0


def cmd_test(args: argparse.Namespace, lib: Any) -> int:
    sites = SiteStore(lib)
    site = sites.get(args.name)
    report = check_connection(site.url, site.username, sites.password(site))
    emit(args, {"ok": report.ok, "problem": report.problem, "message": report.message, "roles": report.roles,
                "can_publish": report.can_publish, "can_upload": report.can_upload,
                "can_create_categories": report.can_create_categories}, report.message)
    return 0 if report.ok else 1


def cmd_status(args: argparse.Namespace, lib: Any) -> int:
    sites = SiteStore(lib)
    site = sites.get(args.name)
    statuses = refresh_statuses(lib, site)
    rows = []
    for post_id, status in statuses.items():
        post = lib.posts.get_by_id(post_id)
        record = sites.remote(post_id, site)
        sent = record.published_version if record else None
        changed = "yes" if sent is not None and post.version > sent else ""
        rows.append((post.slug, status, changed))
    emit(args, [{"slug": slug, "status": status, "changed_since_publish": bool(changed)}
                for slug, status, changed in rows],
         table(sorted(rows), ("POST", "ON THE SITE", "CHANGED HERE SINCE")) or
         f"Nothing has been published to {args.name} from here.")
    return 0


def cmd_remove(args: argparse.Namespace, lib: Any) -> int:
    SiteStore(lib).remove(args.name)
    emit(args, {"removed": args.name}, f"Removed {args.name}.")
    return 0


def _progress(args: argparse.Namespace):
    if args.json or not sys.stderr.isatty():
        return None
    return lambda done, total, title: print(f"\r{done}/{total} {title[:50]:<50}", end="", file=sys.stderr)


def cmd_import(args: argparse.Namespace, lib: Any) -> int:
    result = import_site(lib, args.name, progress=_progress(args))
    lines = [f"Imported {len(result.imported)} post(s); {len(result.skipped)} already in the library."]
    lines += [f"  not imported: {failure}" for failure in result.failed]
    emit(args, {"imported": result.imported, "skipped": result.skipped, "failed": result.failed}, "\n".join(lines))
    return 1 if result.failed else 0


def cmd_audit(args: argparse.Namespace, lib: Any) -> int:
    audit = audit_site(lib, args.name, progress=_progress(args))
    path = write_audit(audit, args.report)
    totals = audit.totals
    emit(args, {"report": str(path), **totals},
         f"{totals['posts']} posts checked: {totals['errors']} errors, {totals['warnings']} warnings, "
         f"{totals['broken_citations']} broken citations, {totals['posts_with_errors']} posts with errors. "
         f"Report: {path}")
    return 1 if totals["posts_with_errors"] else 0


def cmd_publish(args: argparse.Namespace, lib: Any) -> int:
    post = lib.posts.get(args.slug)
    try:
        result = publish_post(lib, args.site, post, status=args.status, resolve=args.resolve)
    except PublishConflictError as conflict:
        raise ValidationError(f"{conflict} Run again with --resolve ours, theirs or new-draft.") from conflict
    verb = "Pulled the site's version of" if result.pulled else ("Created" if result.created else "Updated")
    text = [f"{verb} {post.slug} on {result.site}: {result.status}, {result.link}"]
    text += [f"  note: {warning}" for warning in result.warnings]
    emit(args, {"site": result.site, "remote_id": result.remote_id, "status": result.status, "link": result.link,
                "created": result.created, "pulled": result.pulled, "warnings": result.warnings}, "\n".join(text))
    return 0
