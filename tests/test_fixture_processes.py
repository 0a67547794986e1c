"""Every process a fixture starts is stopped by its process group, helpers included (a run that
leaves one behind fails: tests/test_test_guards.py)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import process_groups
import pytest


def _wait(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(shutil.which("php") is None, reason="php is not installed (apt-get install php-cli)")
def test_a_php_server_and_its_workers_are_all_stopped(tmp_path: Path) -> None:
    port = _free_port()
    server = process_groups.start(
        ["php", "-S", f"127.0.0.1:{port}", "-t", str(tmp_path)], what="php -S with workers",
        env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(lambda: len(process_groups.members(server.pid)) == 5)  # the server and its four workers
    process_groups.stop(server)
    assert process_groups.members(server.pid) == []
    assert "php -S with workers" not in process_groups.leftovers()


def test_helpers_outliving_the_process_we_started_are_stopped_too() -> None:
    # The leader exits at once; what it started stays in its group (as php's workers did).
    script = "sleep 300 & sleep 300 & echo started"
    leader = process_groups.start(["sh", "-c", script], what="a shell's sleepers", stdout=subprocess.PIPE)
    assert leader.stdout is not None and leader.stdout.readline() == b"started\n"
    leader.stdout.close()
    _wait(lambda: [command for _, command in process_groups.members(leader.pid)] == ["sleep", "sleep"])
    process_groups.stop(leader)
    assert process_groups.members(leader.pid) == []
