"""The ``postwright`` command line: ``postwright COMMAND [--library PATH] [--json]``.

With no command it opens the desktop app. Each area of the app registers its own
commands from a module listed in ``COMMAND_MODULES``. Data goes to stdout, messages to
stderr (one line, never a traceback). Exit status (``exit_codes``, docs/cli.md): 0 done,
1 findings or refused, 2 usage or input problem. A command opens only an existing library
unless ``--create`` is given (``new-library`` makes one). Output piped into a reader that
stops early (``| head``) ends quietly.
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
from editor.cli import exit_codes
from editor.core.foundation.errors import LibraryMissingError, PostwrightError
from editor.core.foundation.paths import LIBRARY_ENV, default_library_path
from editor.core.library.storage_errors import storage_error

COMMAND_MODULES = ("posts", "refs", "check", "export", "site", "identity", "library")
LIBRARY_SUFFIX = ".postwright"


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library", metavar="PATH", type=Path, default=argparse.SUPPRESS,
        help=f"the library file (default: ${LIBRARY_ENV} or {default_library_path()})",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print machine-readable JSON on stdout")
    common.add_argument("--create", action="store_true", default=argparse.SUPPRESS,
                        help="create a new, empty library at the library path if there is none there "
                             "(without it, a missing library is an error)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="postwright", parents=[common],
        description="Postwright: write patient-facing medical posts with checked citations. "
        "Run without a command to open the desktop app.",
        epilog="Exit status: 0 done, 1 findings or refused, 2 usage or input problem (see docs/cli.md). "
        "Commands open only an existing library; --create or new-library makes one.",
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


def opened_file(argv: Sequence[str]) -> list[str]:
    """``postwright FILE.postwright`` (a file manager or the installer's file association opening a
    library) means ``postwright --library FILE.postwright``: the app on that library."""
    if len(argv) == 1 and argv[0].lower().endswith(LIBRARY_SUFFIX) and not argv[0].startswith("-"):
        return ["--library", argv[0]]
    return list(argv)


def app_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options when ``argv`` only opens the app (no command, only the options every command
    shares), else None.

    A double-click takes this path: it is read without building the parser of every command,
    which would import every command's modules (publishing, importers, checks…) before the
    window could start. Anything else (a command, ``--help``, ``--version``, a mistake) goes to
    the full parser, which also words every error.
    """
    light = argparse.ArgumentParser(prog="postwright", parents=[_common_options()], add_help=False,
                                    exit_on_error=False)
    try:
        args, rest = light.parse_known_args(list(argv))
    except argparse.ArgumentError:
        return None
    return None if rest else args


def _main(argv: Sequence[str] | None) -> int:
    arguments = opened_file(sys.argv[1:] if argv is None else argv)
    app_args = app_arguments(arguments)
    if app_args is not None:
        explicit = getattr(app_args, "library", None)
        return _open_app(explicit or default_library_path(),
                         named=explicit is not None or bool(os.environ.get(LIBRARY_ENV)))
    parser = build_parser()
    args = parser.parse_args(arguments)
    explicit = getattr(args, "library", None)
    library_path = explicit or default_library_path()
    args.json = getattr(args, "json", False)
    if args.command is None:
        return _open_app(library_path, named=explicit is not None or bool(os.environ.get(LIBRARY_ENV)))
    try:
        from editor.core.foundation.output_paths import overwriting
        from editor.core.library import Library

        with overwriting(getattr(args, "force", False)):
            if not getattr(args, "opens_library", True):
                return args.handler(args, library_path) or exit_codes.DONE
            with Library.open(library_path, create=getattr(args, "create", False), seed=False) as lib:
                if lib.notice:
                    print(f"postwright: warning: {lib.notice}", file=sys.stderr)
                return args.handler(args, lib) or exit_codes.DONE
    except LibraryMissingError:
        print(f"postwright: there is no library at {library_path}; to start a new one there, run "
              f"`postwright new-library {_shell_word(library_path)}` (or add --create to this command).",
              file=sys.stderr)
        return exit_codes.USAGE
    except PostwrightError as error:
        print(f"postwright: {error}", file=sys.stderr)
        return exit_codes.status_for(error)
    except sqlite3.Error as error:  # a read outside any transaction (writes are translated there)
        print(f"postwright: {storage_error(error, Path(library_path), 'read')}", file=sys.stderr)
        return exit_codes.REFUSED
    except UnicodeDecodeError:
        print(f"postwright: the library {library_path} holds unreadable text (it is damaged); nothing was "
              f"changed. Run `postwright recover --library {library_path}` to recover it into a new file.",
              file=sys.stderr)
        return exit_codes.REFUSED
    except KeyboardInterrupt:
        print("postwright: interrupted", file=sys.stderr)
        return exit_codes.INTERRUPTED


def _shell_word(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


def _open_app(library_path: Path, *, named: bool) -> int:
    """The desktop app on the library named on the command line, or the one used last (see
    ``editor.gui.library_start``): a missing one is asked about in a window, never made unasked."""
    from editor.core.foundation.logs import start_logging

    start_logging()
    screen_vars = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    if sys.platform.startswith("linux") and not any(os.environ.get(name) for name in screen_vars):
        print("postwright: no screen to open the app on (DISPLAY is not set). Run it from a desktop session, "
              "use the commands (postwright --help), or set QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return exit_codes.REFUSED
    if sys.platform.startswith("linux"):
        from editor.cli.qt_libraries import xcb_problem

        problem = xcb_problem()
        if problem is not None:
            print(f"postwright: {problem}", file=sys.stderr)
            return exit_codes.REFUSED
    from editor.core.library import Library
    from editor.gui.library_start import plan_start, start_settings

    start = plan_start(library_path if named else None, start_settings())
    opened: Library | Path = start.path
    if start.missing is None:
        try:
            # The library's pages are checked on another thread while the app's modules load.
            opened = Library.open(start.path, integrity="background", create=start.first_start)
        except PostwrightError:
            pass  # run() opens it again and says why in a window
    try:
        from editor.app import run
    except ImportError as error:
        if isinstance(opened, Library):
            opened.close()
        print(f"postwright: the desktop app cannot start: {error}. "
              "Install Postwright with its Qt dependencies (see README).", file=sys.stderr)
        return exit_codes.REFUSED
    return run(opened, missing=start.missing)
