"""The bundle's entry point: both `postwright` (the desktop app) and `postwright-cli` run this."""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # The importers parse in a child process (forkserver or spawn); in a frozen app the child is
    # this executable again, and freeze_support() turns it into the child instead of a second app.
    multiprocessing.freeze_support()
    from editor.cli import main

    sys.exit(main())
