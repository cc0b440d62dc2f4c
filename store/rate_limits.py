"""Requests per API token in fixed one-minute windows: a counter per token and window, which
expires on its own; its key names a digest of the token, never the token."""

from __future__ import annotations

import hashlib
import time
from typing import TYPE_CHECKING

import redis

from .connection import Client
from .keys import key_for

if TYPE_CHECKING:
    from .subscribers import SubscriberStore

WINDOW_SECONDS = 60


class RateLimits:
    """One INCR and one EXPIRE (one round trip, one transaction) per API call."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix

    @classmethod
    def of(cls, store: SubscriberStore) -> RateLimits:
        """On a service's store (its client and prefix), so no caller outside store/ holds a client."""
        return cls(store.client, store.prefix)

    def key(self, token: str, start: int) -> str:
        """The window's counter: a secret never becomes part of a key name."""
        digest = hashlib.sha256(token.encode()).hexdigest()[:24]
        return key_for(self.prefix, "rate", sid=f"{digest}-{start}")

    def hit(self, token: str, limit: int, now: float | None = None) -> int:
        """Count one request: 0 while the window holds at most `limit`, else the seconds until it ends."""
        now = time.time() if now is None else now
        start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
        pipe = self.client.pipeline(transaction=True)
        pipe.incr(self.key(token, start))
        pipe.expire(self.key(token, start), WINDOW_SECONDS + 5)
        try:
            count = int(pipe.execute()[0])
        except redis.RedisError:  # away, read-only, short of replicas: not counted, never a 500
            return 0
        return 0 if count <= limit else max(1, start + WINDOW_SECONDS - int(now))
