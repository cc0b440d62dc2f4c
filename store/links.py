"""Unsubscribe links in Redis: one hash per random link id, expiring with the link."""

from __future__ import annotations

from collections.abc import Mapping

from .connection import Client
from .keys import key_for
from .outage import translated


class LinkStore:
    """'<prefix>:link:<id>': what a link stands for, and when it was used."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix

    def _key(self, link_id: str) -> str:
        return key_for(self.prefix, "link", sid=link_id)

    @translated
    def create(self, link_id: str, fields: Mapping[str, str], ttl: int) -> None:
        """A new link's fields, kept `ttl` seconds."""
        self.client.hset(self._key(link_id), mapping=dict(fields))
        self.client.expire(self._key(link_id), ttl)

    @translated
    def read(self, link_id: str) -> dict[str, str]:
        """The link's fields ({} when unknown or expired)."""
        return {k.decode(): v.decode() for k, v in self.client.hgetall(self._key(link_id)).items()}

    @translated
    def mark(self, link_id: str, field: str, value: str) -> None:
        """Set `field` unless it is set already (the first time is kept)."""
        self.client.hsetnx(self._key(link_id), field, value)
