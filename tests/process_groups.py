"""Servers that fixtures start, each in a process group of its own, stopped by that group.

A server may start helpers of its own (``php -S`` with ``PHP_CLI_SERVER_WORKERS`` forks
workers that outlive a SIGTERM to their parent), so stopping the process we started is
not enough: :func:`stop` signals its whole group and waits until no process is left in
it. Groups still alive at the end of the run are reported by the suite's own check
(``pytest_sessionfinish`` in tests/conftest.py), which fails the run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

STARTED: dict[int, str] = {}  # process group id → what was started


def start(args: list[str], *, what: str, **popen: Any) -> subprocess.Popen[bytes]:
    """``subprocess.Popen(args)`` as the leader of a new process group, recorded until stopped."""
    process: subprocess.Popen[bytes] = subprocess.Popen(args, process_group=0, **popen)
    STARTED[process.pid] = what
    return process


def members(group: int) -> list[tuple[int, str]]:
    """``(pid, command)`` of every live process in ``group`` (zombies left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        command = stat[stat.index("(") + 1:stat.rindex(")")]
        state, _parent, process_group = stat[stat.rindex(")") + 2:].split()[:3]
        if int(process_group) == group and state != "Z":
            found.append((int(entry.name), command))
    return found


def stop(process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """SIGTERM the process's group, SIGKILL what is left after ``timeout``; raise if any survives."""
    group = process.pid
    for sent in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(group, sent)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process.poll()  # reap the leader as soon as it ends
            if not members(group):
                break
            time.sleep(0.05)
        else:
            continue
        break
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        pass
    left = members(group)
    if left:
        raise RuntimeError(f"{STARTED.get(group, 'a process group')} left running after SIGKILL: {left}")
    STARTED.pop(group, None)


def leftovers() -> dict[str, list[tuple[int, str]]]:
    """What fixtures started and nothing stopped: ``{what: [(pid, command)...]}``."""
    return {what: found for group, what in STARTED.items() if (found := members(group))}


def kill_leftovers() -> None:
    for group in list(STARTED):
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass
        STARTED.pop(group, None)
