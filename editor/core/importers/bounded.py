"""Parse one import in a process of its own, bounded in wall time and memory.

Size and nesting caps stop the hostile files we know of; this stops the ones we do not:
a parser that runs for minutes or allocates gigabytes on some input is killed, and the
import ends with one ``PostImportError`` instead of a frozen or swapping machine. The
child comes from a fork server started once (with the importers already imported), so
each import costs a fork, not a fresh interpreter. Where ``resource`` is missing
(Windows) only the time bound applies.
"""

from __future__ import annotations

import importlib
import multiprocessing
import multiprocessing.connection
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from editor.core.foundation import library_files
from editor.core.foundation.errors import ImportCancelled, PostImportError, PostwrightError
from editor.core.foundation.input_paths import check_source
from editor.core.foundation.limits import IMPORT_MEMORY_BYTES, IMPORT_SECONDS
from editor.core.importers.model import ImportedPost

_PRELOAD = [
    "editor.core.importers",
    "editor.core.references.parsers",
    "editor.core.importers.docx",
    "editor.core.importers.html",
    "editor.core.importers.markdown",
    "editor.core.importers.plaintext",
]
_lock = threading.Lock()
_context: Any = None


# The fork server listens on a Unix socket at TMPDIR/pymp-XXXXXXXX/listener-XXXXXXXX; a socket path
# has room for 103 bytes on every platform we run on (107 on Linux).
_SOCKET_PATH_ROOM = 103


def _forkserver_socket_fits() -> bool:
    """With a long TMPDIR the fork server's socket path does not fit and no import could start (Python 3.14
    falls back to /tmp itself); a spawned child, a fresh interpreter per import, still works there."""
    listener = os.path.join(tempfile.gettempdir(), "pymp-" + "x" * 8, "listener-" + "x" * 8)
    return len(os.fsencode(listener)) <= _SOCKET_PATH_ROOM


def _get_context() -> Any:
    global _context
    with _lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods() and _forkserver_socket_fits():
                _context = multiprocessing.get_context("forkserver")
                _context.set_forkserver_preload(_PRELOAD)
            else:
                _context = multiprocessing.get_context("spawn")
        return _context


# A parse is background work: the child gives way to the window (and the rest of the machine)
# when both want a core. Only this child: the app itself keeps its priority.
CHILD_NICENESS = 10


def _lower_priority() -> None:
    try:
        os.nice(CHILD_NICENESS)
    except (AttributeError, OSError):  # Windows has no nice(); a refused change is no reason to fail
        pass


def _limit_memory(memory: int | None) -> None:
    if memory is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no address-space limit
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# The jobs a child may run: name → (module, function). Reference files parse here too.
JOBS = {
    "parse_file": ("editor.core.importers", "parse_file"),
    "parse_text": ("editor.core.importers", "parse_text"),
    "parse_reference_file": ("editor.core.references.parsers", "parse_file"),
}
POLL_SECONDS = 0.1  # how often a waiting parent looks at the cancel switch


def _child(connection: multiprocessing.connection.Connection, job: str, argument: Any, memory: int | None,
           libraries: list[Path]) -> None:
    outcome: tuple[str, Any]
    try:
        _lower_priority()
        _limit_memory(memory)
        for library in libraries:  # the parent's open libraries: never read here either (a page's images)
            library_files.opened(library)
        module, name = JOBS[job]
        function: Callable[..., Any] = getattr(importlib.import_module(module), name)
        outcome = ("ok", function(*argument))
    except MemoryError:
        outcome = ("memory", None)
    except PostwrightError as error:
        outcome = ("error", str(error))
    except RecursionError:
        outcome = ("error", "it nests too deeply to be read")
    except Exception as error:  # noqa: BLE001 - a parser bug must still end as one clear message
        outcome = ("error", f"it could not be read ({type(error).__name__}: {error})")
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(("memory", None))
    finally:
        connection.close()


def _wait(receiver: multiprocessing.connection.Connection, seconds: float | None,
          cancel: threading.Event | None) -> str:
    """"ready", "late" (past ``seconds``) or "cancelled", looking at ``cancel`` every POLL_SECONDS."""
    deadline = None if seconds is None else time.monotonic() + seconds
    while True:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            return "late"
        step = POLL_SECONDS if cancel is not None else left
        if receiver.poll(step if left is None or step is None else min(step, left)):
            return "ready"
        if cancel is not None and cancel.is_set():
            return "cancelled"


def run_bounded(job: str, argument: tuple[Any, ...], name: str, *, seconds: float | None = IMPORT_SECONDS,
                memory: int | None = IMPORT_MEMORY_BYTES, error: type[PostwrightError] = PostImportError,
                cancel: threading.Event | None = None) -> Any:
    """``JOBS[job](*argument)`` in a child process: its result, or ``error`` naming ``name`` when it runs past
    ``seconds``, needs more than ``memory``, fails or crashes; :class:`ImportCancelled` when ``cancel`` is set
    (the child is killed at once)."""
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, job, argument, memory, library_files.open_libraries()),
                              daemon=True)
    try:
        process.start()
    except OSError as failure:
        raise error(f"{name}: the import could not be started ({failure.strerror or failure}).") from None
    sender.close()
    try:
        waited = _wait(receiver, seconds, cancel)
        if waited == "cancelled":
            raise ImportCancelled(f"{name}: the import was cancelled; nothing was imported.")
        if waited == "late":
            raise error(
                f"{name}: reading the file took longer than {seconds:g} seconds and was stopped; "
                "it is too large or too complex to import. Nothing was imported."
            )
        try:
            kind, value = receiver.recv()
        except (EOFError, OSError):
            kind, value = "died", None  # the child ended without answering
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
        exit_code = process.exitcode
        process.close()
    if kind == "died":
        # Killed (SIGKILL/SIGSEGV from the memory cap) or out of memory: say so; anything else is a crash.
        if exit_code is not None and exit_code < 0 or exit_code in (None, 1):
            kind = "memory"
        else:
            raise error(f"{name}: the import stopped unexpectedly (exit status {exit_code}); nothing was imported.")
    if kind == "ok":
        return value
    if kind == "memory":
        limit = f" ({memory // 1048576} MB)" if memory else ""
        raise error(f"{name}: reading the file needed more memory than an import may use{limit}; "
                    "it is too large or too complex to import.")
    message = str(value)
    raise error(message if message.startswith(f"{name}:") else f"{name}: {message}")


def parse_file_bounded(
    path: str | Path, *, seconds: float | None = IMPORT_SECONDS, memory: int | None = IMPORT_MEMORY_BYTES,
    cancel: threading.Event | None = None,
) -> ImportedPost:
    """:func:`editor.core.importers.parse_file` in a child process bounded by ``seconds`` and ``memory``.

    The path is checked here, before the child exists: an open library is never read."""
    path = Path(path)
    check_source(path, PostImportError)
    imported: ImportedPost = run_bounded("parse_file", (str(path),), path.name, seconds=seconds, memory=memory,
                                         cancel=cancel)
    return imported


def parse_text_bounded(
    text: str, source_name: str = "pasted text", *, seconds: float | None = IMPORT_SECONDS,
    memory: int | None = IMPORT_MEMORY_BYTES, cancel: threading.Event | None = None,
) -> ImportedPost:
    """:func:`editor.core.importers.parse_text` in a child process bounded by ``seconds`` and ``memory``."""
    imported: ImportedPost = run_bounded("parse_text", (text, source_name), source_name, seconds=seconds,
                                         memory=memory, cancel=cancel)
    return imported

__all__ = ["parse_file_bounded", "parse_text_bounded", "run_bounded"]
