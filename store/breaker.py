"""A circuit breaker for the store: once a call finds the store away, every call fails at once
(an outage the webhook journals) until a probe, at most once a cooldown, sees it back.

Hand-written because redis-py 8.1's only breaker (redis.multidb.circuit) belongs to the
experimental MultiDBClient, a client-side failover between several databases that needs
pybreaker (not installed) and whose half-open trial is the caller's own command (a full socket
timeout again), not a short PING; pybreaker alike. This one is a few lines, probes with a PING
of its own timeout and wraps any client (one server, Sentinel, Cluster, embedded)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import redis

log = logging.getLogger(__name__)
T = TypeVar("T")
State = Literal["closed", "open"]
COOLDOWN_SECONDS = 1.0  # at most one probe a second while the store lets calls time out
FAST_COOLDOWN = 0.02, 10  # a failure that costs nothing (refused): probe after 10 × its cost, ≥ 20 ms
PROBE_TIMEOUT_SECONDS = 0.25  # a PING that takes longer does not close the breaker
# what a client raises when the store cannot answer: each opens the breaker
TRIPS: tuple[type[Exception], ...] = (
    redis.ConnectionError,
    redis.TimeoutError,
    redis.exceptions.ClusterDownError,
    redis.exceptions.MasterDownError,
)


class Verdict(Exception):
    """An outage the store's own code decided (budget spent, breaker open): never trips a breaker."""


class StoreAway(Verdict, redis.ConnectionError):
    """The breaker is open: the store was found away and no probe has seen it back yet."""


class Breaker:
    """Closed: calls go through. Open: calls raise `error` at once; the first caller after the
    cooldown runs `probe` (None: healthy, closes; a string: why it stays open; raising: still away).
    A refused connection opens it; a timeout only when the probe fails too (a store that still
    answers a PING is up: one slow or paused command is not an outage of every other). The
    cooldown is shorter when failing costs nothing: a refused connection is found in a
    millisecond, so a restarted store is used again at once rather than a second later."""

    def __init__(
        self,
        probe: Callable[[], str | None],
        name: str = "store",
        cooldown: float = COOLDOWN_SECONDS,
        error: Callable[[str], Exception] = StoreAway,
        unchecked: str = "",
    ) -> None:
        self.probe, self.name, self.cooldown, self.error = probe, name, cooldown, error
        self.reason = unchecked  # why it is open ("" when closed); `unchecked`: probe first
        self._next_probe = 0.0
        self._probing = threading.Lock()
        self._first = threading.Event()  # set once a probe has run (or none was needed)
        if not unchecked:
            self._first.set()
        self._logged = ""

    @property
    def state(self) -> State:
        """'closed' (calls go through) or 'open' (calls fail at once), for /readyz and /metrics."""
        return "open" if self.reason else "closed"

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`function(*args, **kwargs)` unless the breaker is open; a failure of the store opens it."""
        self.check()
        started = time.monotonic()
        try:
            return function(*args, **kwargs)
        except TRIPS as error:
            if not isinstance(error, Verdict) and not self.reason and not self._answers_despite(error):
                self.trip(f"{type(error).__name__}: {error}", time.monotonic() - started)
            raise

    def _answers_despite(self, error: Exception) -> bool:
        """After a timeout: does the store still answer the probe (then it is not away)?"""
        if not isinstance(error, redis.TimeoutError):
            return False
        try:
            return self.probe() is None
        except Exception:  # the probe failing too: the store is away
            return False

    def check(self) -> None:
        """Return when calls may go through; raise `error` (probing first when one is due)."""
        if not self._first.is_set():
            self._first_probe()
        if self.reason and self._probe_due():
            try:
                self._run_probe()
            finally:
                self._probing.release()
        if self.reason:
            raise self.error(f"{self.name}: {self.reason}")

    def trip(self, reason: str, cost: float | None = None) -> None:
        """Open (or keep open) the breaker: calls fail at once until a probe after the cooldown
        (`cost`: how long finding the failure took; None: as long as the full cooldown)."""
        self._next_probe = time.monotonic() + self._cooldown_after(cost)
        self.reason = reason
        self._log_once(logging.WARNING, "%s away (%s): calls fail at once until a probe sees it back")

    def _cooldown_after(self, cost: float | None) -> float:
        """The full cooldown, or less when the failure was cheap to find."""
        if cost is None:
            return self.cooldown
        floor, factor = FAST_COOLDOWN
        return min(self.cooldown, max(floor, factor * cost))

    def _first_probe(self) -> None:
        """The first callers wait for the first probe (one runs it) rather than fail unchecked."""
        with self._probing:
            if not self._first.is_set():
                self._run_probe()
                self._first.set()

    def _probe_due(self) -> bool:
        """True for the one caller that runs the probe (it then releases `_probing`)."""
        return time.monotonic() >= self._next_probe and self._probing.acquire(blocking=False)

    def _run_probe(self) -> None:
        """One probe: close on None, else stay open for another cooldown with the reason found
        (the full cooldown for a verdict such as too few replicas: it does not change by the ms)."""
        started = time.monotonic()
        cost: float | None = None
        try:
            found = self.probe()
        except Exception as error:  # any failure of the probe means: not back yet
            found, cost = f"probe failed: {type(error).__name__}: {error}", time.monotonic() - started
        if found is None:
            if self._logged:
                log.warning("%s back: the breaker closed", self.name)
            self.reason, self._logged = "", ""
            return
        self._next_probe = time.monotonic() + self._cooldown_after(cost)
        self.reason = found
        self._log_once(logging.INFO if cost is not None else logging.ERROR, "%s still refused (%s)")

    def _log_once(self, level: int, text: str) -> None:
        """One line per reason, not one per request or probe."""
        key = self.reason.split(":", 1)[0]
        if key != self._logged:
            self._logged = key
            log.log(level, text, self.name, self.reason)
