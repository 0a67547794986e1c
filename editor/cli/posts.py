"""Post commands: new, list, show, search, import, fetch-images, history, restore, delete, trash, undelete."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from editor.cli.exit_codes import DONE, REFUSED, status_for_items
from editor.cli.output import emit, table
from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.limits import IMAGE_FETCH_SECONDS, MAX_IMAGE_BYTES
from editor.core.library import Library
from editor.core.post.model import STATUSES, Post, PostSummary


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def add(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, parents=[common], help=help_text, description=help_text)
        parser.set_defaults(handler=handler)
        return parser

    new = add("new", cmd_new, "Create a new draft post.")
    new.add_argument("--title", required=True, help="the post's title")
    new.add_argument("--slug", default="", help="URL slug (default: made from the title)")
    new.add_argument("--summary", default="", help="summary, used as the meta description")

    listing = add("list", cmd_list, "List the posts in the library, most recently edited first.")
    listing.add_argument("--status", choices=STATUSES, help="only posts with this status")
    listing.add_argument("--tag", help="only posts with this tag")

    show = add("show", cmd_show, "Show one post: its details and Markdown body.")
    show.add_argument("slug")

    search = add("search", cmd_search, "Full-text search over titles, summaries and bodies.")
    search.add_argument("query", nargs="+")

    importing = add("import", cmd_import, "Import posts from files (Markdown, text, web pages, Word). "
                    "Exit status 0 when every file was imported; 2 when none could be read; 1 when some were "
                    "left out (each named on stderr) or a file was imported before.")
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    again = importing.add_mutually_exclusive_group()
    again.add_argument("--update", action="store_true",
                       help="a file imported before updates its post (a new revision) instead of stopping")
    again.add_argument("--as-new", action="store_true", help="a file imported before becomes a second post")
    importing.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # accepted for old scripts
    importing.add_argument("--online", action="store_true",
                           help="complete references with a DOI/PMID from Crossref/PubMed and look for matches "
                                "of the others (suggestions only, listed in the report), and fetch the pictures "
                                "the post shows from the web into the library")

    pictures = add("fetch-images", cmd_fetch_images, "Fetch the pictures a post shows from the web into the "
                   "library (bounded in size and time, metadata stripped) and point its images at them, one "
                   "revision. A picture that does not arrive stays as written and is named with the reason "
                   "(exit status 1).")
    pictures.add_argument("slug")
    pictures.add_argument("--timeout", type=_bounded(IMAGE_FETCH_SECONDS), default=IMAGE_FETCH_SECONDS,
                          metavar="SECONDS", help=f"the most one picture may take (default and most: "
                                                  f"{IMAGE_FETCH_SECONDS:g})")
    pictures.add_argument("--max-mb", type=_bounded(MAX_IMAGE_BYTES / 1_048_576), default=MAX_IMAGE_BYTES / 1_048_576,
                          metavar="MB", help=f"the largest picture fetched (default and most: "
                                             f"{MAX_IMAGE_BYTES // 1_048_576})")

    history = add("history", cmd_history, "List a post's saved revisions.")
    history.add_argument("slug")

    restore = add("restore", cmd_restore, "Restore a post to one of its revisions (kept as a new revision).")
    restore.add_argument("slug")
    restore.add_argument("revision", type=int, help="revision number, from 'history'")

    delete = add("delete", cmd_delete, "Move a post to the trash.")
    delete.add_argument("slug")

    trash = add("trash", cmd_trash, "List the posts in the trash (or empty it with --empty).")
    trash.add_argument("--empty", action="store_true", help="delete the trashed posts for good")

    undelete = add("undelete", cmd_undelete, "Bring a post back from the trash.")
    undelete.add_argument("slug")


def _summary_data(summary: PostSummary) -> dict:
    return {**summary._asdict(), "tags": list(summary.tags)}


def _summaries_text(summaries: list[PostSummary], empty: str) -> str:
    if not summaries:
        return empty
    return table([(s.slug, s.status, s.updated_at[:16].replace("T", " "), s.title) for s in summaries],
                 ("SLUG", "STATUS", "EDITED (UTC)", "TITLE"))


def post_data(lib: Library, post: Post) -> dict:
    data = dataclasses.asdict(post)
    data["author"] = lib.authors.get(post.author_id).display_name if post.author_id else None
    data["reviewer"] = lib.authors.get(post.reviewer_id).display_name if post.reviewer_id else None
    return data


def cmd_new(args: argparse.Namespace, lib: Library) -> int:
    post = lib.posts.create(Post(title=args.title, slug=args.slug, summary=args.summary))
    emit(args, post_data(lib, post), f"Created {post.slug}: {post.title}")
    return 0


def cmd_list(args: argparse.Namespace, lib: Library) -> int:
    posts = lib.posts.list(status=args.status, tag=args.tag)
    emit(args, [_summary_data(s) for s in posts], _summaries_text(posts, "No posts."))
    return 0


def cmd_show(args: argparse.Namespace, lib: Library) -> int:
    post = lib.posts.get(args.slug)
    data = post_data(lib, post)
    header = [f"{post.title}", f"slug: {post.slug}   status: {post.status}   version: {post.version}"]
    if data["author"]:
        header.append(f"author: {data['author']}")
    if post.tags:
        header.append("tags: " + ", ".join(post.tags))
    if post.summary:
        header.append(f"summary: {post.summary}")
    emit(args, data, "\n".join(header) + "\n\n" + post.body)
    return 0


def cmd_search(args: argparse.Namespace, lib: Library) -> int:
    query = " ".join(args.query)
    found = lib.posts.search(query)
    emit(args, [_summary_data(s) for s in found], _summaries_text(found, f"No post matches {query!r}."))
    return 0


def cmd_import(args: argparse.Namespace, lib: Library) -> int:
    from editor.core.foundation.errors import PostAlreadyImported
    from editor.core.importers import import_path
    from editor.core.importers.report import reference_lines, summarize

    update = True if args.update else False if args.as_new else None
    results: list[dict[str, Any]] = []
    failures: list[PostwrightError] = []
    for path in args.files:
        try:
            result = import_path(lib, path, update=update, offline=not args.online)
        except PostwrightError as error:
            failures.append(error)
            entry = {"file": str(path), "error": str(error)}
            if isinstance(error, PostAlreadyImported):
                entry["existing"] = error.slug
            results.append(entry)
            hint = (" Run again with --update to update that post, or --as-new to import a copy."
                    if isinstance(error, PostAlreadyImported) else "")
            print(f"postwright: skipped: {error}{hint}", file=sys.stderr)  # the message names the file
            continue
        data = {"file": str(path), **result.as_dict()}
        results.append(data)
        if not args.json:
            verb = "Updated" if result.updated else "Imported"
            print(f"{verb} {path} as {data['slug']}: {data['title']}")
            print(f"  citations: {result.citations}, references: {result.references} "
                  f"({result.references_created} new, {result.references_matched} already in the library), "
                  f"orphans: {result.orphans}, sections: {result.sections}, words: {result.words:,}")
            if result.author:
                print(f"  Author: {result.author}")
            for line in summarize(result.report):
                print(f"  {line}")
            for line in reference_lines(result.reference_status):
                print(f"  {line}")
        for warning in data.get("warnings", []):
            print(f"postwright: {path}: warning: {warning}", file=sys.stderr)
    emit(args, results)
    return status_for_items(done=len(args.files) - len(failures), problems=failures)


def cmd_fetch_images(args: argparse.Namespace, lib: Library) -> int:
    from editor.core.media.post_images import fetch_post_pictures
    from editor.core.media.web_fetch import FetchLimits

    limits = FetchLimits(image_bytes=int(args.max_mb * 1_048_576), image_seconds=args.timeout)
    result = fetch_post_pictures(lib, args.slug, limits=limits)
    if not result.fetches:
        emit(args, result.as_dict(), f"{result.slug} shows no pictures from the web.")
        return DONE
    total = len(result.fetches)
    summary = (f"{result.slug}: {len(result.assets)} of {total} picture{'s' if total != 1 else ''} from the web "
               f"fetched into the library" + (" (one new revision)." if result.version else "."))
    emit(args, result.as_dict(), "\n".join([summary, *(f"  {line}" for line in result.lines(fetched=True))]))
    for fetch in result.failed:
        print(f"postwright: {fetch.url} was not fetched: {fetch.reason}.", file=sys.stderr)
    return REFUSED if result.failed else DONE


def _bounded(most: float) -> Any:
    """An argparse type: a number above 0 and at most ``most`` (a bound may be narrowed, never widened)."""
    def number(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not 0 < value <= most:
            raise argparse.ArgumentTypeError(f"{text} is outside 0 to {most:g}")
        return value

    return number


def cmd_history(args: argparse.Namespace, lib: Library) -> int:
    post = lib.posts.get(args.slug, include_deleted=True)
    assert post.id is not None  # a stored post has an id
    revisions = lib.revisions.list(post.id)
    data: list[dict[str, Any]] = [{"revision": r.id, "version": r.version, "saved_at": r.created_at, "reason": r.reason,
             "title": r.title, "words": len(r.body.split())} for r in revisions]
    text = table([(str(d["revision"]), d["saved_at"][:19].replace("T", " "), d["reason"], str(d["words"]), d["title"])
                  for d in data], ("REVISION", "SAVED (UTC)", "REASON", "WORDS", "TITLE"))
    emit(args, data, text or "No revisions.")
    return 0


def cmd_restore(args: argparse.Namespace, lib: Library) -> int:
    post = lib.revisions.restore(args.slug, args.revision)
    emit(args, post_data(lib, post), f"Restored {post.slug} to revision {args.revision} (now version {post.version}).")
    return 0


def cmd_delete(args: argparse.Namespace, lib: Library) -> int:
    post = lib.posts.delete(args.slug)
    emit(args, {"slug": post.slug, "deleted": True},
         f"Moved {post.slug} to the trash (undo with: postwright undelete {post.slug}).")
    return 0


def cmd_trash(args: argparse.Namespace, lib: Library) -> int:
    if args.empty:
        count = lib.posts.empty_trash()
        emit(args, {"deleted": count}, f"Deleted {count} post(s) for good.")
        return 0
    posts = lib.posts.list(deleted=True)
    emit(args, [_summary_data(s) for s in posts], _summaries_text(posts, "The trash is empty."))
    return 0


def cmd_undelete(args: argparse.Namespace, lib: Library) -> int:
    post = lib.posts.undelete(args.slug)
    emit(args, {"slug": post.slug, "deleted": False}, f"Restored {post.slug} from the trash.")
    return 0

