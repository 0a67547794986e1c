"""``check SLUG [--json]`` / ``check --all``: the writing checks' findings for posts.

Exit status 1 when any (not dismissed) finding is an error, 0 otherwise. With
``--json``: a list of objects with ``code``, ``severity``, ``message``, ``line``,
``column``, ``section`` (and ``fingerprint``, ``slug``); lines and columns are
1-based in the post body, null for findings about the title, summary or author.
"""

from __future__ import annotations

import argparse

from editor.cli.output import emit
from editor.core.checks import Finding, check_post, dismiss, has_errors, undismiss
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
    parser.add_argument("--undismiss", metavar="FINGERPRINT", help="show a dismissed finding of SLUG again")
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


def cmd_check(args: argparse.Namespace, lib: Library) -> int:
    if args.all == bool(args.slug):
        raise ValidationError("Give one post's slug, or --all to check every post (not both).")
    if (args.dismiss or args.undismiss) and not args.slug:
        raise ValidationError("--dismiss and --undismiss need the slug of the post the finding is on.")
    if args.all:
        posts = [lib.posts.get(summary.slug) for summary in lib.posts.list()]
    else:
        posts = [lib.posts.get(args.slug)]
    if args.dismiss:
        current = {f.fingerprint: f for f in check_post(lib, posts[0], include_dismissed=True)}
        dismiss(lib, posts[0].id, args.dismiss, reason=args.reason, finding=current.get(args.dismiss))
    if args.undismiss and not undismiss(lib, posts[0].id, args.undismiss):
        raise ValidationError(f"No finding {args.undismiss} is dismissed on {posts[0].slug}.")
    rows: list[dict] = []
    texts: list[str] = []
    failed = False
    for post in posts:
        findings = check_post(lib, post, include_dismissed=args.include_dismissed)
        failed = failed or has_errors(findings)
        rows.extend(_row(post.slug, finding) for finding in findings)
        texts.append(_text(post, findings))
    emit(args, rows, "\n\n".join(texts) if texts else "No posts.")
    return 1 if failed else 0
