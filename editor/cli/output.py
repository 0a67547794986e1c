"""How commands print: JSON on stdout with ``--json``, readable text otherwise."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from typing import Any


def _default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def emit(args: argparse.Namespace, data: Any, text: str | None = None) -> None:
    """Print ``data`` as JSON when ``--json`` was given, else ``text`` (if any)."""
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, default=_default, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif text:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def table(rows: Sequence[tuple[str, ...]], headers: tuple[str, ...]) -> str:
    """A plain aligned text table."""
    if not rows:
        return ""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
             for line in (headers, *rows)]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """``--force``: a command that writes a file may replace an existing file that Postwright did not write
    (never a library, its logs or another database)."""
    parser.add_argument("--force", action="store_true",
                        help="replace the output file even if it exists and was not written by Postwright "
                             "(a library or database is never replaced)")
