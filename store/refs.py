"""Opaque tokens for phone numbers in ops URLs, kept in Redis for a while."""

from __future__ import annotations

from .connection import Client
from .keys import key_for
from .outage import translated


class RefStore:
    """'<prefix>:ref:<token>' -> the number, expiring."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix

    @translated
    def put(self, token: str, number: str, ttl: int) -> None:
        """Keep token -> number `ttl` seconds."""
        self.client.set(key_for(self.prefix, "ref", sid=token), number, ex=ttl)

    @translated
    def number_of(self, token: str) -> str | None:
        """The token's number, or None when unknown or expired."""
        number = self.client.get(key_for(self.prefix, "ref", sid=token))
        return None if number is None else str(number.decode())
