"""Export commands: ``export SLUG --format page|fragment|markdown --out PATH`` and ``export --all``.

Both go through the publish gate. ``export SLUG`` refuses a post with open errors
(errors not dismissed with a reason): it prints them and exits 1, writing nothing;
warnings are printed and do not stop it. ``export --all`` reports every published post
and exports only the clean ones (no error, no warning, nothing dismissed) unless
``--allow-warnings`` / ``--allow-dismissed`` say otherwise; it exits 1 when any
post was left out.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from contextlib import nullcontext
from typing import Any

from editor.cli.output import add_force_option, emit
from editor.core.checks.finding import Finding
from editor.core.checks.gate import GateResult, PublishBlockedError, describe_finding
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
    parser.add_argument("--format", choices=(*FORMATS, "handout"), default="page",
                        help="what to write (default: page); handout is a print-ready PDF for patients")
    parser.add_argument("--out", required=True, metavar="PATH",
                        help="the file to write, or a folder (for --all, the site folder)")
    parser.add_argument("--style", metavar="NAME", help="CSL style for the reference list (default: the library's)")
    parser.add_argument("--citations", choices=("keys", "numbers"), default="keys",
                        help="Markdown only: keep [@key] citations or write the numbers (default: keys)")
    parser.add_argument("--allow-warnings", action="store_true",
                        help="--all: also export posts that have warnings (errors always block)")
    parser.add_argument("--allow-dismissed", action="store_true",
                        help="--all: also export posts whose errors were dismissed with a reason")
    parser.add_argument("--paper", choices=("letter", "a4"), help="handout only: paper size (default: the library's)")
    parser.add_argument("--large-print", action="store_true", help="handout only: 16 pt text instead of 12 pt")
    add_force_option(parser)


def cmd_export(args: argparse.Namespace, lib: Any) -> int:
    if args.all == bool(args.slug):
        raise ValidationError("Give either a post's slug or --all (not both).")
    if args.format == "handout":
        from editor.cli.handout import export_handouts

        return export_handouts(args, lib)
    if args.all:
        return _export_all(args, lib)
    try:
        result = export_post(lib, args.slug, args.format, args.out, style=args.style, citations=args.citations)
    except PublishBlockedError as blocked:
        gate = blocked.result
        emit(args, {"exported": False, **_gate_data(gate)},
             "Not exported. " + gate.describe() + _warning_text(gate.warnings))
        return 1
    data: dict[str, Any] = {
        "format": result.format, "path": str(result.path), "assets": [str(p) for p in result.assets],
        "unresolved": result.unresolved, "missing_assets": result.missing_assets, "exported": True,
        **(_gate_data(result.gate) if result.gate else {}),
    }
    text = f"Wrote {result.path}" + (f" and {len(result.assets)} asset file(s)" if result.assets else "") + "."
    if result.gate:
        text += _warning_text(result.gate.warnings) + _dismissed_text(result.gate.dismissed)
    if result.unresolved:
        text += " Citations without a reference: " + ", ".join(result.unresolved) + "."
    if result.missing_assets:
        text += " Images missing from the library: " + ", ".join(map(str, result.missing_assets)) + "."
    emit(args, data, text)
    return 0


def _export_all(args: argparse.Namespace, lib: Any) -> int:
    with _progress(args) as report:
        site = export_all(lib, args.out, style=args.style, progress=report,
                          allow_warnings=args.allow_warnings, allow_dismissed=args.allow_dismissed)
    posts = []
    lines = []
    for slug, gate in site.gates.items():
        exported = slug not in site.skipped
        posts.append({"slug": slug, "exported": exported, **_gate_data(gate)})
        if gate.errors:
            state = f"not exported: {len(gate.errors)} error(s)"
        elif gate.warnings and not exported:
            state = f"not exported: {len(gate.warnings)} warning(s) (use --allow-warnings)"
        elif not exported:
            state = "not exported"
        else:
            state = "exported" + (f" with {len(gate.warnings)} warning(s)" if gate.warnings else "")
        if gate.dismissed:
            state += f", {len(gate.dismissed)} error(s) dismissed" + ("" if exported or gate.errors or gate.warnings
                                                                     else " (use --allow-dismissed)")
        lines.append(f"  {slug}: {state}")
        lines.extend("    " + describe_finding(f) for f in (*gate.errors, *(() if exported else gate.warnings)))
    data = {"folder": str(site.folder), "pages": [str(p) for p in site.pages], "index": str(site.index),
            "assets": [str(p) for p in site.assets], "skipped": site.skipped, "posts": posts}
    head = f"Exported {len(site.pages)} of {len(site.gates)} published post(s) to {site.folder} (index: {site.index})."
    emit(args, data, "\n".join([head, *lines]))
    return 1 if site.skipped else 0


def _gate_data(gate: GateResult) -> dict[str, Any]:
    return {"errors": [f.to_dict() for f in gate.errors], "warnings": [f.to_dict() for f in gate.warnings],
            "dismissed": [f.to_dict() for f in gate.dismissed]}


def _warning_text(warnings: tuple[Finding, ...]) -> str:
    if not warnings:
        return ""
    return f"\n{len(warnings)} warning(s) (not blocking):\n" + "\n".join("  " + describe_finding(f) for f in warnings)


def _dismissed_text(dismissed: tuple[Finding, ...]) -> str:
    if not dismissed:
        return ""
    return (f"\n{len(dismissed)} error(s) let through by a dismissal:\n"
            + "\n".join("  " + describe_finding(f) for f in dismissed))


def _progress(args: argparse.Namespace) -> Any:
    """A one-line count on a terminal (stderr), cleared at the end; nothing when piped or with --json."""
    if args.json or not sys.stderr.isatty():
        return nullcontext(None)
    return _ProgressLine("Exporting")


class _ProgressLine:
    def __init__(self, label: str) -> None:
        self.label = label
        self.shown = False

    def __enter__(self) -> Any:
        return self.report

    def report(self, done: int, total: int, slug: str) -> None:
        width = shutil.get_terminal_size().columns
        sys.stderr.write("\r\x1b[2K" + f"{self.label} {done}/{total} {slug}"[: max(1, width - 1)])
        sys.stderr.flush()
        self.shown = True

    def __exit__(self, *_exc_info: object) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
