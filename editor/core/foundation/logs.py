"""The desktop app's log: warnings, errors and crashes in a small rotating file.

A clinician who writes "it stopped working" can be asked to send ``postwright.log`` (Help →
About shows where it is). The file gets one line when the app starts (version, build,
platform), every warning and error any part of Postwright or its libraries logs, Qt's own
warnings (``editor.gui.qt_messages``), and the traceback of any exception nothing caught,
in the GUI thread or a worker thread. Post text is never logged. A native crash (Qt,
Chromium) writes Python's stack of every thread to ``crash.log`` beside it.

At most ``MAX_LOG_BYTES`` × (1 + ``LOG_BACKUPS``) bytes are kept. A log folder that cannot be
written leaves the app running without a log.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO

from editor.core.foundation import paths
from editor.core.foundation.build_info import build_info

MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
CRASH_FILE_NAME = "crash.log"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("editor")
_handler: RotatingFileHandler | None = None
_crash_file: IO[str] | None = None


def start_logging(folder: Path | None = None) -> Path | None:
    """Log to ``folder/postwright.log`` (default: the user's log folder); return the file,
    or None when the folder cannot be written. Calling it again changes nothing."""
    global _handler, _crash_file
    if _handler is not None:
        return Path(_handler.baseFilename)
    target = (folder or paths.log_dir()) / paths.LOG_FILE_NAME
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(target, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)  # libraries: warnings and errors only
    log.setLevel(logging.INFO)  # our own: the start line and notable events too
    logging.captureWarnings(True)
    _handler = handler
    _install_exception_hooks()
    try:
        _crash_file = open(target.parent / CRASH_FILE_NAME, "a", encoding="utf-8")  # kept open
        faulthandler.enable(_crash_file, all_threads=True)
    except OSError:
        _crash_file = None
    info = build_info()
    log.info("Postwright %s starting (%s, Python %s, %s)", info.describe(), "bundle" if info.bundled else "Python",
             platform.python_version(), platform.platform(terse=True))
    return target


def stop_logging() -> None:
    """Detach the log file (the app's end, and tests)."""
    global _handler, _crash_file
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
        logging.captureWarnings(False)
    if _crash_file is not None:
        if faulthandler.is_enabled():
            faulthandler.disable()
        _crash_file.close()
        _crash_file = None
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__


def _install_exception_hooks() -> None:
    previous = sys.excepthook

    def log_uncaught(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log.critical("uncaught exception", exc_info=(kind, error, trace))
        previous(kind, error, trace)

    previous_thread_hook = threading.excepthook

    def log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not isinstance(args.exc_value, SystemExit):
            name = args.thread.name if args.thread is not None else "?"
            log.critical("uncaught exception in thread %s", name,
                         exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        previous_thread_hook(args)

    sys.excepthook = log_uncaught
    threading.excepthook = log_uncaught_in_thread
