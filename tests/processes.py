"""Servers the tests start as processes: waited on with a deadline, always stopped, logs kept."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


class ServerProcess:
    """A process in its own session; `stop()` ends it and everything it started.

    SIGTERM first, then SIGKILL to the whole group: rasa-sdk's action server can keep
    spinning after a SIGTERM that arrives while it is still starting (packages.md)."""

    def __init__(self, command: list[str], log: Path, **popen: Any) -> None:
        self.log = log
        self.command = command
        with open(log, "wb") as sink:
            self.process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT,
                                            start_new_session=True, **popen)

    def wait_ready(self, check: Callable[[], bool], what: str, seconds: float) -> None:
        """Poll `check` (any exception counts as not yet) until true; fail if the process dies."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{what} exited with {self.process.returncode}:\n{self.tail()}")
            try:
                if check():
                    return
            except Exception:  # noqa: BLE001 (connection refused, read timeout, bad JSON: not yet)
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{what} not ready after {seconds:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        """The end of the process's output, for a failure message."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def signal(self, signum: int) -> None:
        """Send a signal to the whole process group (SIGSTOP/SIGCONT freeze and thaw it)."""
        os.killpg(self.process.pid, signum)

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM, wait `grace` seconds, then SIGKILL the group; never raises for a dead one."""
        for signum in (signal.SIGCONT, signal.SIGTERM):
            try:
                self.signal(signum)
            except ProcessLookupError:
                break
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        try:
            self.signal(signal.SIGKILL)  # children left behind by a clean exit, too
        except ProcessLookupError:
            pass
        self.process.wait()
