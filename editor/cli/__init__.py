"""The ``postwright`` command line: ``postwright COMMAND [--library PATH] [--json]``.

With no command it opens the desktop app. Each area of the app registers its own
commands from a module listed in ``COMMAND_MODULES``. Data goes to stdout, messages to
stderr. Exit status: 0 when the command did what was asked, 1 when it could not (one line
on stderr, never a traceback), 2 for a usage error or a partial result under ``--strict``.
Output piped into a reader that stops early (``| head``) ends quietly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from editor import __version__
from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.paths import LIBRARY_ENV, default_library_path
from editor.core.library.storage_errors import storage_error

COMMAND_MODULES = ("posts", "refs", "check", "export", "site", "identity", "library")


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library", metavar="PATH", type=Path, default=argparse.SUPPRESS,
        help=f"the library file (default: ${LIBRARY_ENV} or {default_library_path()})",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print machine-readable JSON on stdout")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="postwright", parents=[common],
        description="Postwright: write patient-facing medical posts with checked citations. "
        "Run without a command to open the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"Postwright {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"editor.cli.{name}").register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # a closed pipe shows up here at the latest, not at interpreter exit
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly. Python would otherwise complain again when it
        # flushes stdout at exit, so point stdout at /dev/null first (the recipe in the signal module docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    library_path = getattr(args, "library", None) or default_library_path()
    args.json = getattr(args, "json", False)
    if args.command is None:
        return _open_app(library_path)
    try:
        from editor.core.foundation.output_paths import overwriting
        from editor.core.library import Library

        with overwriting(getattr(args, "force", False)):
            if not getattr(args, "opens_library", True):
                return args.handler(args, library_path) or 0
            with Library.open(library_path) as lib:
                if lib.notice:
                    print(f"postwright: warning: {lib.notice}", file=sys.stderr)
                return args.handler(args, lib) or 0
    except PostwrightError as error:
        print(f"postwright: {error}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:  # a read outside any transaction (writes are translated there)
        print(f"postwright: {storage_error(error, Path(library_path), 'read')}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"postwright: the library {library_path} holds unreadable text (it is damaged); nothing was "
              f"changed. Run `postwright recover --library {library_path}` to recover it into a new file.",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("postwright: interrupted", file=sys.stderr)
        return 130


def _open_app(library_path: Path) -> int:
    from editor.core.foundation.logs import start_logging

    start_logging()
    screen_vars = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    if sys.platform.startswith("linux") and not any(os.environ.get(name) for name in screen_vars):
        print("postwright: no screen to open the app on (DISPLAY is not set). Run it from a desktop session, "
              "use the commands (postwright --help), or set QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return 1
    if sys.platform.startswith("linux"):
        from editor.cli.qt_libraries import xcb_problem

        problem = xcb_problem()
        if problem is not None:
            print(f"postwright: {problem}", file=sys.stderr)
            return 1
    from editor.core.library import Library

    opened: Library | Path
    try:
        # The library's pages are checked on another thread while the app's modules load.
        opened = Library.open(library_path, integrity="background")
    except PostwrightError:
        opened = library_path  # run() opens it again and says why in a window
    try:
        from editor.app import run
    except ImportError as error:
        if isinstance(opened, Library):
            opened.close()
        print(f"postwright: the desktop app cannot start: {error}. "
              "Install Postwright with its Qt dependencies (see README).", file=sys.stderr)
        return 1
    return run(opened)
