"""A fixed, documented load for the "under load" figures: processes spinning a pure-Python loop.

    with CpuLoad(2):
        ...measure...

Each load process is ``python -c LOOP`` at normal priority: it squares and sums integers
forever, touching no file and almost no memory, so it takes one core's worth of CPU whenever
the scheduler gives it one and nothing else. Two of them on a 2-core machine is "another
program is busy": every thread of the app measured beside them shares the cores with them.
The benchmark starts them before its measurement and stops them (by their process ids)
afterwards, also when the measurement fails.
"""

from __future__ import annotations

import subprocess
import sys
import time
from types import TracebackType

LOOP = "while True:\n    total = 0\n    for number in range(100_000):\n        total += number * number\n"
WARM_UP_S = 0.5  # the loops are spinning before the first measurement starts


class CpuLoad:
    def __init__(self, processes: int = 2) -> None:
        self.processes = processes
        self._running: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> CpuLoad:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        for _ in range(self.processes):
            self._running.append(subprocess.Popen([sys.executable, "-c", LOOP], stdin=subprocess.DEVNULL,
                                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        if self._running:
            time.sleep(WARM_UP_S)

    def stop(self) -> None:
        running, self._running = self._running, []
        for process in running:
            process.kill()
        for process in running:
            process.wait(10)

    def describe(self) -> str:
        return (f"{self.processes} CPU-bound processes (`benchmarks/cpu_load.py`: a pure-Python loop, normal "
                "priority) running beside the app" if self.processes else "no added load")
