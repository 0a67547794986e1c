"""Library file commands: ``backup`` (a consistent copy) and ``recover`` (a damaged library into a new file).

Neither writes to the library file: ``backup`` reads it through SQLite's backup API,
``recover`` reads what it can of a damaged file and writes a new one beside it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from editor.cli.output import emit
from editor.core.library import Library, registry
from editor.core.library.recovery import recover


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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
