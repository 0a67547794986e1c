"""Website commands: ``publish SLUG --site NAME`` and ``site add|edit|list|test|status|remove|import|audit``.

``publish`` keeps the status the post has on the site (a live post stays live; a new
post is a draft unless ``--status`` says otherwise); taking a live post off the site
needs ``--unpublish``. A post found on the site that this library did not record is
updated when it carries this post's mark, and otherwise only with ``--relink``.

The Application Password is read from standard input (``--password-stdin``), from
``POSTWRIGHT_SITE_PASSWORD``, or asked for without echo — never taken as an argument,
where other users of the machine could see it in the process list. It is stored in
the system keyring. ``site add`` and ``site edit`` test the connection before saving.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from editor.cli.exit_codes import DONE, REFUSED
from editor.cli.output import add_force_option, emit, table
from editor.core.foundation.errors import PublishConflictError, PublishError, SiteConnectionError, ValidationError
from editor.core.foundation.output_paths import check_output
from editor.core.publish import site_secrets
from editor.core.publish.audit import audit_site, write_audit
from editor.core.publish.connection import ConnectionReport, check_connection
from editor.core.publish.publisher import RESOLUTIONS, RelinkNeeded, WouldUnpublishError, publish_post
from editor.core.publish.pull import import_site, picture_counts, refresh_statuses
from editor.core.publish.remote_state import STATUSES
from editor.core.publish.site_images import FEATURED_CHOICES
from editor.core.publish.sites import SiteStore

PASSWORD_ENV = "POSTWRIGHT_SITE_PASSWORD"
# A site that answers but where the user can only submit for review is still worth saving.
SAVABLE_PROBLEMS = (None, "cannot-publish")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    _register_publish(subparsers, common)
    site = subparsers.add_parser("site", parents=[common],
                                 help="WordPress sites: add, edit, list, test, remove, import, audit.")
    actions = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="save a site (tested first; the password goes to the "
                             "system keyring)")
    add.add_argument("name")
    add.add_argument("--url", required=True, help="the site's address (a /wp-admin or /wp-login.php address is "
                     "understood)")
    add.add_argument("--user", required=True, help="the WordPress user name")
    add.add_argument("--password-stdin", action="store_true", help="read the Application Password from stdin")
    add.add_argument("--no-test", action="store_true", help="save without testing the connection first")
    add.set_defaults(handler=cmd_add)
    edit = actions.add_parser("edit", parents=[common], help="change a saved site's name, address, user or "
                              "password (its posts stay linked)")
    edit.add_argument("name")
    edit.add_argument("--name", dest="new_name", metavar="NEW_NAME")
    edit.add_argument("--url")
    edit.add_argument("--user")
    edit.add_argument("--new-password", action="store_true",
                      help=f"give a new Application Password (asked for, or from ${PASSWORD_ENV})")
    edit.add_argument("--password-stdin", action="store_true", help="read the new Application Password from stdin")
    edit.add_argument("--no-test", action="store_true", help="save without testing the connection first")
    edit.set_defaults(handler=cmd_edit)
    actions.add_parser("list", parents=[common], help="the saved sites").set_defaults(handler=cmd_list)
    for name, handler, text in (("test", cmd_test, "test a saved site's connection"),
                                ("status", cmd_status, "ask the site for the status of each post published there"),
                                ("remove", cmd_remove, "forget a site and its password (its posts stay linked to "
                                 "its address)"),
                                ("import", cmd_import, "import every post of the site into the library")):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("name")
        action.set_defaults(handler=handler)
    audit = actions.add_parser("audit", parents=[common], help="check every post of the site; write an HTML report")
    audit.add_argument("name")
    audit.add_argument("--report", required=True, metavar="FILE")
    add_force_option(audit)
    audit.set_defaults(handler=cmd_audit)


def _register_publish(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    publish = subparsers.add_parser(
        "publish", parents=[common], help="Publish a post to a WordPress site (through the publish checks).",
        description="Create the post on the site, or update the copy there; a post keeps the status it has on "
        "the site unless --status says otherwise. Refuses to overwrite an edit made on the site unless --resolve "
        "says what to do, and to take a live post off the site without --unpublish.")
    publish.add_argument("slug")
    publish.add_argument("--site", required=True, metavar="NAME")
    publish.add_argument("--status", choices=STATUSES, default=None,
                         help="draft, pending (send for review) or publish; default: keep the status on the site "
                         "(a new post: draft)")
    publish.add_argument("--unpublish", action="store_true",
                         help="allow --status draft/pending to take a live or scheduled post off the site")
    publish.add_argument("--resolve", choices=RESOLUTIONS,
                         help="when the post was edited on the site: keep ours, pull theirs, or publish as a new draft")
    found = publish.add_mutually_exclusive_group()
    found.add_argument("--relink", action="store_true",
                       help="update the post already at this address on the site (one this library did not record)")
    found.add_argument("--as-new", action="store_true",
                       help="publish a separate post even though the site has one at this address")
    publish.add_argument("--featured-image", choices=FEATURED_CHOICES, default="first",
                         help="first: the first image is the featured image and is not repeated at the top of the "
                         "text (default); first-and-text: also keep it in the text; none: no featured image")
    publish.set_defaults(handler=cmd_publish)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().strip()
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV].strip()
    if not sys.stdin.isatty():
        raise ValidationError(f"Give the Application Password with --password-stdin or ${PASSWORD_ENV}.")
    return getpass.getpass("Application Password: ").strip()


def _tested(url: str, user: str, password: str) -> ConnectionReport:
    report = check_connection(url, user, password)
    if report.problem not in SAVABLE_PROBLEMS:  # the site refused: exit status 1, not a usage problem
        raise SiteConnectionError(f"Not saved: {report.message}", problem=str(report.problem))
    return report


def cmd_add(args: argparse.Namespace, lib: Any) -> int:
    sites = SiteStore(lib)
    if any(site.name == args.name for site in sites.list()):
        raise ValidationError(f"There is already a site named {args.name!r}; change it with: site edit {args.name} "
                              "--url URL --user USER --new-password")
    site_secrets.backend()  # no keyring: say so before asking for a password that could not be kept
    password = _password(args)
    url = args.url if args.no_test else (_tested(args.url, args.user, password).site_url or args.url)
    site = sites.add(args.name, url, args.user, password)
    emit(args, {"name": site.name, "url": site.url, "user": site.username}, f"Saved {site.name} ({site.url}).")
    return 0


def cmd_edit(args: argparse.Namespace, lib: Any) -> int:
    sites = SiteStore(lib)
    site = sites.get(args.name)
    if args.new_password or args.password_stdin:
        site_secrets.backend()
    password = _password(args) if (args.new_password or args.password_stdin) else None
    url, user = args.url or site.url, args.user or site.username
    if not args.no_test and (args.url or args.user or password):
        url = _tested(url, user, password or sites.password(site)).site_url or url
    edited = sites.edit(site.name, new_name=args.new_name, url=url if args.url else None, username=args.user,
                        password=password)
    emit(args, {"name": edited.name, "url": edited.url, "user": edited.username},
         f"Saved {edited.name} ({edited.url}, user {edited.username}); its posts stay linked.")
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
    site = SiteStore(lib).get(args.name)
    SiteStore(lib).remove(args.name)
    emit(args, {"removed": args.name}, f"Removed {args.name}; its posts stay linked to {site.url}, so adding it again "
         "finds them.")
    return 0


def _progress(args: argparse.Namespace) -> Any:
    if args.json or not sys.stderr.isatty():
        return None
    return lambda done, total, title: print(f"\r{done}/{total} {title[:50]:<50}", end="", file=sys.stderr)


def cmd_import(args: argparse.Namespace, lib: Any) -> int:
    result = import_site(lib, args.name, progress=_progress(args))
    counts = [f"{len(result.imported)} imported", f"{len(result.skipped)} already in the library"]
    if result.failed:
        counts.append(f"{len(result.failed)} not imported")
    counts += picture_counts(result)
    lines = [f"{args.name}: " + ", ".join(counts) + "."]
    lines += [f"  not imported: {failure}" for failure in result.failed]
    lines += [f"  picture not fetched: {missing}" for missing in result.pictures_missing]
    emit(args, {"imported": result.imported, "skipped": result.skipped, "failed": result.failed,
                "pictures": result.pictures, "pictures_missing": result.pictures_missing}, "\n".join(lines))
    return REFUSED if result.failed or result.pictures_missing else DONE


def cmd_audit(args: argparse.Namespace, lib: Any) -> int:
    check_output(args.report)  # refused or not confirmed before the whole site is read, not after
    audit = audit_site(lib, args.name, progress=_progress(args))
    path = write_audit(audit, args.report)
    totals = audit.totals
    emit(args, {"report": str(path), **totals, "skipped": audit.skipped},
         f"{totals['posts']} posts checked: {totals['errors']} errors, {totals['warnings']} warnings, "
         f"{totals['broken_citations']} broken citations, {totals['posts_with_errors']} posts with errors. "
         f"Report: {path}" + "".join(f"\n  not checked: {line}" for line in audit.skipped))
    return 1 if totals["posts_with_errors"] or audit.skipped else 0


def cmd_publish(args: argparse.Namespace, lib: Any) -> int:
    post = lib.posts.get(args.slug)
    options: dict[str, Any] = {"status": args.status, "unpublish": args.unpublish, "resolve": args.resolve,
                               "as_new": args.as_new, "featured": args.featured_image}
    try:
        try:
            result = publish_post(lib, args.site, post, **options)
        except RelinkNeeded as found:
            if not args.relink:
                raise
            result = publish_post(lib, args.site, post, link_to=found.state.remote_id, **options)
    # Each is a refusal (exit status 1) that names the option to run again with.
    except PublishConflictError as conflict:
        raise PublishError(f"{conflict} Run again with --resolve ours, theirs or new-draft.") from conflict
    except WouldUnpublishError as live:
        raise PublishError(f"{live} Leave out --status to update it and keep it live, or add --unpublish to "
                           "take it off the site on purpose.") from live
    except RelinkNeeded as found:
        raise PublishError(f"{found} Run again with --relink to update that post, or --as-new to publish a "
                           "separate one.") from found
    text = [result.summary(post.slug)]
    text += [f"  note: {warning}" for warning in result.warnings]
    emit(args, {"site": result.site, "remote_id": result.remote_id, "status": result.status, "link": result.link,
                "created": result.created, "pulled": result.pulled, "relinked": result.relinked,
                "previous_status": result.previous.status, "warnings": result.warnings}, "\n".join(text))
    return 0
