"""Export commands: ``export SLUG --format page|fragment|markdown --out PATH`` and ``export --all``."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from typing import Any

from editor.cli.output import emit
from editor.core.export import FORMATS, export_all, export_post
from editor.core.foundation.errors import ValidationError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    description = (
        "Export a post as a standalone web page (with an assets folder), an article fragment "
        "for a CMS, or Markdown with front matter; or --all published posts as a small site."
    )
    parser = subparsers.add_parser("export", parents=[common], help="Export posts as HTML or Markdown.",
                                   description=description)
    parser.set_defaults(handler=cmd_export)
    parser.add_argument("slug", nargs="?", help="the post to export (omit with --all)")
    parser.add_argument("--all", action="store_true", help="export every published post and an index.html")
    parser.add_argument("--format", choices=FORMATS, default="page", help="what to write (default: page)")
    parser.add_argument("--out", required=True, metavar="PATH",
                        help="the file to write, or a folder (for --all, the site folder)")
    parser.add_argument("--style", metavar="NAME", help="CSL style for the reference list (default: the library's)")
    parser.add_argument("--citations", choices=("keys", "numbers"), default="keys",
                        help="Markdown only: keep [@key] citations or write the numbers (default: keys)")


def cmd_export(args: argparse.Namespace, lib: Any) -> int:
    if args.all == bool(args.slug):
        raise ValidationError("Give either a post's slug or --all (not both).")
    if args.all:
        with _progress(args) as report:
            site = export_all(lib, args.out, style=args.style, progress=report)
        data = {"folder": str(site.folder), "pages": [str(p) for p in site.pages],
                "index": str(site.index), "assets": [str(p) for p in site.assets]}
        emit(args, data, f"Exported {len(site.pages)} published post(s) to {site.folder} (index: {site.index}).")
        return 0
    result = export_post(lib, args.slug, args.format, args.out, style=args.style, citations=args.citations)
    data = {"format": result.format, "path": str(result.path), "assets": [str(p) for p in result.assets],
            "unresolved": result.unresolved, "missing_assets": result.missing_assets}
    text = f"Wrote {result.path}" + (f" and {len(result.assets)} asset file(s)" if result.assets else "") + "."
    if result.unresolved:
        text += " Citations without a reference: " + ", ".join(result.unresolved) + "."
    if result.missing_assets:
        text += " Images missing from the library: " + ", ".join(map(str, result.missing_assets)) + "."
    emit(args, data, text)
    return 0


def _progress(args: argparse.Namespace) -> Any:
    """A rich progress bar on a terminal (stderr); nothing when piped or with --json."""
    if args.json or not sys.stderr.isatty():
        return nullcontext(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    class _Bar:
        def __enter__(self) -> Any:
            self.progress = Progress(TextColumn("Exporting"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.description}"), transient=True)
            self.progress.__enter__()
            self.task = self.progress.add_task("", total=None)
            return self.report

        def report(self, done: int, total: int, slug: str) -> None:
            self.progress.update(self.task, completed=done, total=total, description=slug)

        def __exit__(self, *exc: object) -> None:
            self.progress.__exit__(*exc)

    return _Bar()
