"""Library file commands: ``new-library`` (an empty library), ``backup`` (a consistent copy) and
``recover`` (a damaged library into a new file).

``new-library`` is the one command that makes a library where there was none (every other
command needs ``--create`` for that). Neither ``backup`` nor ``recover`` writes to the library
file: ``backup`` reads it through SQLite's backup API, ``recover`` reads what it can of a
damaged file and writes a new one beside it.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from editor.cli.output import emit
from editor.core.foundation.errors import ValidationError
from editor.core.library import Library, registry
from editor.core.library.recovery import recover


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    new = subparsers.add_parser(
        "new-library", parents=[common], help="Create a new, empty library file.",
        description="Create a new library at PATH (or at --library's path). Nothing is replaced: an existing "
        "file there is left as it is.",
    )
    new.add_argument("path", nargs="?", type=Path, metavar="PATH", help="the new library file")
    new.add_argument("--with-sample", action="store_true", help="add the sample post and its references")
    new.set_defaults(handler=cmd_new_library, opens_library=False)

    backup = subparsers.add_parser(
        "backup", parents=[common], help="Make a consistent copy of the library beside it (library.backup-*).",
        description="Copy the library through SQLite (safe while the app is open) to library.backup-<time>.",
    )
    backup.set_defaults(handler=cmd_backup)

    rescue = subparsers.add_parser(
        "recover", parents=[common], help="Recover the posts of a damaged library into a new library file.",
        description="Read everything that can still be read from a damaged library (the damaged file is never "
        "written) into a new library beside it, using the sqlite3 program's .recover when it is installed.",
    )
    rescue.add_argument("--into", type=Path, metavar="FILE", help="the new library file (default: beside it)")
    rescue.set_defaults(handler=cmd_recover, opens_library=False)


def cmd_new_library(args: argparse.Namespace, library_path: Path) -> int:
    path = (args.path or library_path).expanduser()
    if os.path.lexists(path):  # decided by name: nothing but SQLite may open what could be a library
        raise ValidationError(f"There is already a file at {path}; nothing was changed. Open it with --library, "
                              "or choose another name for the new library.")
    with Library.open(path, create=True, seed=args.with_sample) as lib:
        posts = lib.posts.count()
    emit(args, {"library": str(path.resolve()), "posts": posts},
         f"Created the library {path}" + (" with the sample post." if posts else ".")
         + f" Use it with: --library {path}")
    return 0


def cmd_backup(args: argparse.Namespace, lib: Library) -> int:
    assert lib.file is not None
    target = registry.backup(lib.file.path, "manual")
    emit(args, {"backup": str(target)}, f"Backed up to {target}.")
    return 0


def cmd_recover(args: argparse.Namespace, library_path: Path) -> int:
    report = recover(library_path, args.into)
    emit(args, {"target": str(report.target), "method": report.method, "copied": report.copied,
                "skipped": report.skipped}, report.summary() + " Open it with --library to check it.")
    return 0
