"""Servers the tests start as processes: waited on with a deadline, always stopped, logs kept."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import redis

DEADLINE = 60.0  # a loaded 2-core machine may take a while to start, elect and sync


class NotReady(RuntimeError):
    """The deadline passed before the condition held."""


def wait_until(check: Callable[[], bool], what: str, deadline: float = DEADLINE) -> None:
    """Poll `check` (a refused or failed connection counts as not yet; any other error is
    raised) until true or the deadline passes."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            if check():
                return
        except (redis.RedisError, OSError):  # requests' errors are OSErrors too
            pass
        time.sleep(0.05)
    raise NotReady(f"timed out waiting for {what}")


class ServerProcess:
    """A process in its own session; `stop()` ends it and everything it started.

    SIGTERM first, then SIGKILL to the whole group: rasa-sdk's action server can keep
    spinning after a SIGTERM that arrives while it is still starting (packages.md)."""

    def __init__(self, command: list[str], log: Path, **popen: Any) -> None:
        self.log = log
        with open(log, "wb") as sink:
            self.process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, **popen)

    def wait_ready(self, check: Callable[[], bool], what: str, seconds: float) -> None:
        """wait_until `check`, failing at once (with the log's tail) if the process dies."""

        def ready() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"{what} exited with {self.process.returncode}:\n{self.tail()}")
            return check()

        try:
            wait_until(ready, what, seconds)
        except NotReady:
            raise NotReady(f"{what} not ready after {seconds:.0f} s:\n{self.tail()}") from None

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
