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
from editor.core.checks.gate import PublishBlockedError
from editor.core.export.handout import pdf_path, prepare_handout, write_pdf
from editor.core.export.website import GatePolicy, HeldBackError
from editor.core.foundation.output_paths import check_output, check_output_folder
from editor.core.render.handout import HandoutOptions


def export_handouts(args: argparse.Namespace, lib: Any) -> int:
    options = HandoutOptions.from_settings(lib.settings, paper=args.paper, large_print=args.large_print or None)
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
    # --all prints only clean posts unless told otherwise; one post passes what export passes.
    policy = (GatePolicy(allow_dismissed=args.allow_dismissed, allow_warnings=args.allow_warnings) if args.all
              else GatePolicy())
    for slug, target in targets:
        try:
            document = prepare_handout(lib, slug, options, style=args.style, policy=policy)
        except PublishBlockedError as error:
            hint = ""
            if isinstance(error, HeldBackError):
                hint = " Add --allow-warnings or --allow-dismissed to print it anyway."
            blocked.append({"slug": slug, "error": str(error) + hint})
            print(f"postwright: {error}{hint}", file=sys.stderr)
            continue
        path = write_pdf(target, print_pdf_blocking(document.html, document.paper), document)
        written.append({"slug": slug, "path": str(path)})
    text = "\n".join(f"Wrote {item['path']}" for item in written) or "No handout written."
    if args.all:
        text += f"\n{len(written)} handout(s) written, {len(blocked)} left out by the checks."
    emit(args, {"format": "handout", "paper": options.paper, "large_print": options.large_print,
                "written": written, "blocked": blocked}, text)
    return 1 if blocked else 0


def _start_qt() -> None:
    """A Qt application for the printer: offscreen when there is no screen, and quiet.

    The command prints its result and our own messages, nothing else: Chromium logs only
    fatal errors (``--log-level=3``) and, with no GPU needed to print, does not probe for one;
    Qt's own debug, info and warning messages (graphics back ends it tried, and so on) are
    kept out of the terminal (``POSTWRIGHT_QT_MESSAGES=1`` shows them, to look into a
    printing problem); Qt's critical and fatal messages still reach stderr.
    """
    screen_vars = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    if not any(os.environ.get(name) for name in screen_vars):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    for flag in ("--log-level=3", "--disable-gpu"):
        if not any(existing.split("=")[0] == flag.split("=")[0] for existing in flags):
            flags.append(flag)
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)
    if not os.environ.get("POSTWRIGHT_QT_MESSAGES"):
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        def only_serious(kind: QtMsgType, _context: object, message: str) -> None:
            if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
                print(f"postwright: Qt: {message}", file=sys.stderr)

        qInstallMessageHandler(only_serious)
    from editor.app import ensure_application

    ensure_application()
