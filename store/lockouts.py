"""Failed sign-in attempts per address, counted in Redis with their window."""

from __future__ import annotations

import re

from .connection import Client
from .keys import key_for
from .outage import translated

# INCR and, when the counter has no TTL yet, EXPIRE in one step: the window starts at the first
# failure and no lost EXPIRE can leave a counter (and so a lock-out) that never ends
COUNT_ATTEMPT = """
local count = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


class Lockouts:
    """'<prefix>:login:<address>': attempts from one address within its window."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix

    def _key(self, address: str) -> str:
        """An address as a key part (anything but hex digits and dots made '_')."""
        return key_for(self.prefix, "login", sid=re.sub(r"[^0-9a-fA-F.]", "_", address or "unknown"))

    @translated
    def count(self, address: str, window: int) -> int:
        """Count one attempt (atomically, with its window of `window` seconds); the count so far."""
        return int(self.client.eval(COUNT_ATTEMPT, 1, self._key(address), window))

    @translated
    def clear(self, address: str) -> None:
        """Forget the address's attempts (a successful sign-in)."""
        self.client.delete(self._key(address))
