"""What a command's exit status means, the same for every command (docs/cli.md).

- ``DONE`` (0): everything asked for was done (notes and warnings may be printed).
- ``REFUSED`` (1): the command ran and the answer is no, or not all: the checks found errors,
  the publish gate, a site or a safety rule refused, the library is damaged or newer, a write
  failed, or some of the items asked for were left out (each named on stderr).
- ``USAGE`` (2): the command could not act on what it was given: an unknown option or a missing
  argument, no library at the path (without ``--create``), an unknown post, site or reference
  key (the closest one suggested), a value that is not acceptable, a file to read that is missing
  or is not the kind asked for, a path that can never be written (the library itself, a folder).
"""

from __future__ import annotations

from editor.core.foundation.errors import (
    FrontMatterError,
    IdentifierError,
    LibraryMissingError,
    NotFoundError,
    PostAlreadyImported,
    PostImportError,
    PostwrightError,
    ReferenceImportError,
    ValidationError,
)
from editor.core.foundation.output_paths import OutputRefused

DONE, REFUSED, USAGE = 0, 1, 2
INTERRUPTED = 130  # the shell's own convention for Ctrl+C

# Errors that say the command's input was wrong, not that the work was refused.
INPUT_PROBLEMS: tuple[type[PostwrightError], ...] = (
    ValidationError, NotFoundError, IdentifierError, LibraryMissingError, FrontMatterError, ReferenceImportError,
    PostImportError, OutputRefused,
)
# Input that was understood, but doing what it asks is refused until the person says more.
REFUSALS: tuple[type[PostwrightError], ...] = (PostAlreadyImported,)


def status_for(error: PostwrightError) -> int:
    """The exit status of a command stopped by ``error`` (or by the error it wraps: an import that
    failed because the disk is full failed for the disk's reason, not the file's)."""
    cause = error.__cause__
    if isinstance(cause, PostwrightError):
        return status_for(cause)
    if isinstance(error, REFUSALS):
        return REFUSED
    return USAGE if isinstance(error, INPUT_PROBLEMS) else REFUSED


def status_for_items(*, done: int, problems: list[PostwrightError] | list[int]) -> int:
    """The exit status of a command working through several items (files, records, posts).

    ``problems`` holds, for each item left out, its error or its exit status. ``DONE`` only when
    nothing was left out; else ``USAGE`` when every item left out was an input problem and none
    was done, else ``REFUSED`` (some were done, or something was refused).
    """
    if not problems:
        return DONE
    statuses = [problem if isinstance(problem, int) else status_for(problem) for problem in problems]
    if not done and all(status == USAGE for status in statuses):
        return USAGE
    return REFUSED
