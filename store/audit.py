"""The ops audit stream: who revealed which number, when, from where."""

from __future__ import annotations

from collections.abc import Mapping

from .connection import Client
from .keys import key_for
from .outage import translated


class AuditLog:
    """'<prefix>:audit', one stream entry per audited action."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.key = client, key_for(prefix, "audit")

    @translated
    def append(self, fields: Mapping[str, str]) -> None:
        """One entry with these fields."""
        self.client.xadd(self.key, dict(fields))
