"""``export SLUG --format handout --out FILE.pdf`` (and ``--all --out DIR``): patient handouts as PDF.

The PDF is printed by Qt WebEngine, so this starts a Qt application without a window
(offscreen when there is no screen). Each post goes through the publish gate first, as the
other exports do: a post with open errors is reported and not printed; with ``--all`` only
clean posts are printed unless ``--allow-warnings`` / ``--allow-dismissed`` say otherwise.
Exit status 1 when any post was left out.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from editor.cli.output import emit
from editor.core.checks.gate import GateResult, PublishBlockedError
from editor.core.export.handout import pdf_path, prepare_handout, write_pdf
from editor.core.foundation.output_paths import check_output, check_output_folder
from editor.core.render.handout import HandoutOptions


def export_handouts(args: argparse.Namespace, lib: Any) -> int:
    options = HandoutOptions.from_library(lib, paper=args.paper, large_print=args.large_print or None)
    out = Path(args.out)
    if args.all:
        out = check_output_folder(out)
        slugs = [summary.slug for summary in lib.posts.list() if summary.status == "published"]
        targets = [(slug, out / f"{slug}.pdf") for slug in slugs]
    else:
        targets = [(args.slug, out if out.suffix.lower() == ".pdf" or not out.is_dir() else out / f"{args.slug}.pdf")]
    for _slug, target in targets:  # refused or not confirmed before anything is printed
        check_output(pdf_path(target))
    _start_qt()
    from editor.gui.printing import print_pdf_blocking

    written: list[dict[str, str]] = []
    blocked: list[dict[str, Any]] = []
    for slug, target in targets:
        try:
            document = prepare_handout(lib, slug, options, style=args.style,
                                       allow_dismissed=args.allow_dismissed or not args.all)
        except PublishBlockedError as error:
            blocked.append({"slug": slug, "error": str(error)})
            print(f"postwright: {error}", file=sys.stderr)
            continue
        held_back = _held_back(args, document.gate)
        if held_back:
            blocked.append({"slug": slug, "error": held_back})
            print(f"postwright: {slug}: {held_back}", file=sys.stderr)
            continue
        path = write_pdf(target, print_pdf_blocking(document.html, document.paper))
        written.append({"slug": slug, "path": str(path)})
    text = "\n".join(f"Wrote {item['path']}" for item in written) or "No handout written."
    if args.all:
        text += f"\n{len(written)} handout(s) written, {len(blocked)} left out by the checks."
    emit(args, {"format": "handout", "paper": options.paper, "large_print": options.large_print,
                "written": written, "blocked": blocked}, text)
    return 1 if blocked else 0


def _held_back(args: argparse.Namespace, gate: GateResult) -> str:
    """Why ``--all`` leaves a post out although nothing blocks it ("" when it is printed)."""
    if not args.all:
        return ""
    if gate.warnings and not args.allow_warnings:
        return f"{len(gate.warnings)} warning(s); add --allow-warnings to print it anyway."
    if gate.dismissed and not args.allow_dismissed:
        return f"{len(gate.dismissed)} dismissed error(s); add --allow-dismissed to print it anyway."
    return ""


def _start_qt() -> None:
    """A Qt application for the printer: offscreen when there is no screen."""
    screen_vars = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    if not any(os.environ.get(name) for name in screen_vars):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from editor.app import ensure_application

    ensure_application()
