"""Ops sessions in Redis: one hash per session id, and the generation that signs them all out."""

from __future__ import annotations

from collections.abc import Mapping

from .connection import Client
from .keys import key_for
from .outage import translated


class SessionStore:
    """The hashes behind ops session cookies ('<prefix>:session:<id>', '<prefix>:ops-generation')."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix
        self.generation_key = key_for(prefix, "ops-generation")

    def _key(self, sid: str) -> str:
        return key_for(self.prefix, "session", sid=sid)

    @translated
    def generation(self) -> str:
        """The current generation ('0' before the first sign-out everywhere)."""
        return str((self.client.get(self.generation_key) or b"0").decode())

    @translated
    def create(self, sid: str, fields: Mapping[str, str], ttl: int) -> None:
        """A new session's fields, kept `ttl` seconds."""
        self.client.hset(self._key(sid), mapping=dict(fields))
        self.client.expire(self._key(sid), ttl)

    @translated
    def read(self, sid: str) -> dict[str, str]:
        """The session's fields ({} when unknown or expired)."""
        return {k.decode(): v.decode() for k, v in self.client.hgetall(self._key(sid)).items()}

    @translated
    def touch(self, sid: str, ttl: int) -> None:
        """Keep the session another `ttl` seconds."""
        self.client.expire(self._key(sid), ttl)

    @translated
    def delete(self, sid: str) -> None:
        self.client.delete(self._key(sid))

    @translated
    def next_generation(self) -> None:
        """Every session made before now belongs to an old generation."""
        self.client.incr(self.generation_key)
