"""``check SLUG [--json]`` / ``check --all``: the writing checks' findings for posts.

``check SLUG --dismiss FINGERPRINT --reason TEXT`` lets a finding through (errors need the
reason to pass export; possible patient information needs it typed in words);
``check SLUG --dismissals`` lists them; ``check --public-contact TEXT`` records the clinic's
own phone, e-mail or address so the PHI check never reports it; ``check --lower CODE`` (and
``--restore CODE``) lowers a claim family to a warning for this clinic, in the library.

Exit status 1 when any (not dismissed) finding is an error, 0 otherwise. Each post has a deadline
(``budget.POST_DEADLINE_S``): a post that takes longer is stopped and reported as a
``post-over-deadline`` error, and the other posts are still checked. With
``--json``: a list of objects with ``code``, ``severity``, ``message``, ``line``,
``column``, ``section`` (and ``fingerprint``, ``slug``); lines and columns are
1-based in the post body, null for findings about the title, summary or author.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace

from editor.cli.output import emit
from editor.core.checks import (
    Finding,
    check_post,
    dismiss,
    dismissals,
    has_errors,
    load_settings,
    save_settings,
    undismiss,
)
from editor.core.checks.budget import PostDeadlineError, over_deadline_finding, post_deadline
from editor.core.checks.dismissals import describe
from editor.core.checks.settings import CLAIM_FAMILIES, CheckSettings
from editor.core.foundation.errors import ValidationError
from editor.core.library import Library
from editor.core.post.model import Post


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    help_text = ("Check posts for uncited claims, unresolved citations, reading level, possible patient "
                 "information and structure problems. Exits 1 when any error is found.")
    parser = subparsers.add_parser("check", parents=[common], help=help_text, description=help_text)
    parser.add_argument("slug", nargs="?", help="the post to check")
    parser.add_argument("--all", action="store_true", help="check every post in the library")
    parser.add_argument("--include-dismissed", action="store_true", help="also show findings dismissed on the post")
    parser.add_argument("--dismiss", metavar="FINGERPRINT", help="mark one finding of SLUG as fine here, then check")
    parser.add_argument("--reason", default="",
                        help="with --dismiss: why it is fine (needed for an error to pass export; typed words for PHI)")
    parser.add_argument("--dismissals", action="store_true",
                        help="list what was dismissed on SLUG: when, by whom, why")
    parser.add_argument("--public-contact", action="append", default=[], metavar="TEXT",
                        help="the clinic's own public phone, e-mail or address: never reported as patient "
                             "information (kept in the library; repeat for several)")
    parser.add_argument("--undismiss", metavar="FINGERPRINT", help="show a dismissed finding of SLUG again")
    families = ", ".join(CLAIM_FAMILIES)
    parser.add_argument("--lower", action="append", default=[], metavar="CODE",
                        help=f"for this clinic, report a claim family as a warning instead of an error that "
                             f"blocks publishing (kept in the library; one of {families})")
    parser.add_argument("--restore", action="append", default=[], metavar="CODE",
                        help="undo --lower: the claim family blocks publishing again")
    parser.set_defaults(handler=cmd_check)


def _row(slug: str, finding: Finding) -> dict:
    return {"slug": slug, **finding.to_dict()}


def _text(post: Post, findings: list[Finding]) -> str:
    if not findings:
        return f"{post.slug}: no problems found."
    counts = {severity: sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "info")}
    summary = ", ".join(f"{n} {severity}{'s' if n != 1 and severity != 'info' else ''}"
                        for severity, n in counts.items() if n)
    lines = [f"{post.slug}: {summary}"]
    for finding in findings:
        where = f"{finding.line}:{finding.column}" if finding.line is not None else "-"
        section = f"  [{finding.section}]" if finding.section else ""
        lines.append(f"  {where:>8}  {finding.severity:<7}  {finding.code}: {finding.message}{section}")
        lines.append(f"  {'':>8}  {'':<7}  (fingerprint {finding.fingerprint})")
    return "\n".join(lines)


def _lower(lib: Library, lower: list[str], restore: list[str]) -> CheckSettings:
    changed = load_settings(lib).with_families(lower=lower, restore=restore)
    save_settings(lib, changed)
    return changed


def cmd_check(args: argparse.Namespace, lib: Library) -> int:
    if args.public_contact:
        settings = load_settings(lib)
        added = (c.strip() for c in args.public_contact if c.strip())
        contacts = tuple(dict.fromkeys([*settings.public_contacts, *added]))
        save_settings(lib, replace(settings, public_contacts=contacts))
        if not args.slug and not args.all:
            emit(args, {"public_contacts": list(contacts)}, "Public contacts: " + "; ".join(contacts))
            return 0
    if args.lower or args.restore:
        settings = _lower(lib, args.lower, args.restore)
        if not args.slug and not args.all:
            lowered = settings.lowered()
            emit(args, {"lowered": lowered}, "Claim families lowered for this clinic: "
                 + (", ".join(f"{code} ({state})" for code, state in lowered.items()) or "none") + ".")
            return 0
    if args.dismissals:
        if not args.slug:
            raise ValidationError("--dismissals needs the slug of a post.")
        post_id = lib.posts.get(args.slug).id
        assert post_id is not None  # a stored post has an id
        records = dismissals(lib, post_id)
        emit(args, [asdict(r) for r in records],
             "\n".join(f"{r.created_at}  {describe(r)}" for r in records) or "Nothing dismissed on this post.")
        return 0
    if args.all == bool(args.slug):
        raise ValidationError("Give one post's slug, or --all to check every post (not both).")
    if (args.dismiss or args.undismiss) and not args.slug:
        raise ValidationError("--dismiss and --undismiss need the slug of the post the finding is on.")
    if args.all:
        posts = [lib.posts.get(summary.slug) for summary in lib.posts.list()]
    else:
        posts = [lib.posts.get(args.slug)]
    first_id = posts[0].id
    assert first_id is not None  # a stored post has an id
    if args.dismiss:
        current = {f.fingerprint: f for f in check_post(lib, posts[0], include_dismissed=True)}
        dismiss(lib, first_id, args.dismiss, reason=args.reason, finding=current.get(args.dismiss))
    if args.undismiss and not undismiss(lib, first_id, args.undismiss):
        raise ValidationError(f"No finding {args.undismiss} is dismissed on {posts[0].slug}.")
    rows: list[dict] = []
    texts: list[str] = []
    failed = False
    for post in posts:
        try:
            with post_deadline(post.slug, "check"):
                findings = check_post(lib, post, include_dismissed=args.include_dismissed)
        except PostDeadlineError as error:  # reported as the post's error; the other posts are still checked
            findings = [over_deadline_finding(error)]
        failed = failed or has_errors(findings)
        rows.extend(_row(post.slug, finding) for finding in findings)
        texts.append(_text(post, findings))
    emit(args, rows, "\n\n".join(texts) if texts else "No posts.")
    return 1 if failed else 0
