"""The global intent log (kept for LOG_RETENTION_DAYS) and the opt-out register (kept forever)."""
from __future__ import annotations

import json
import re
import time
from typing import Any, Iterator

import redis

from .keys import key_for

STREAM_ID = re.compile(r"^\d{1,20}-\d{1,20}$")
REGISTER_EVENTS = frozenset({"opted_out", "opted_in", "reason_recorded"})


class IntentLog:
    """Append-only streams that ops read back."""

    def __init__(self, client: redis.Redis, prefix: str, retention_days: float) -> None:
        self.client = client
        self.log_key = key_for(prefix, "log")
        self.register_key = key_for(prefix, "register")
        self.retention_ms = int(retention_days * 86400 * 1000)

    def append(self, entry: dict[str, Any]) -> None:
        """Write one decision; consent changes also go to the permanent register."""
        line = {"entry": json.dumps(entry, ensure_ascii=False)}
        oldest = max(0, int(time.time() * 1000) - self.retention_ms)
        pipe = self.client.pipeline(transaction=False)
        pipe.xadd(self.log_key, line, minid=oldest, approximate=False)
        if entry["event"] in REGISTER_EVENTS:
            pipe.xadd(self.register_key, line)
        pipe.execute()

    def recent(self, limit: int = 50) -> list[dict[str, Any]]:
        """The newest decisions first."""
        rows = self.client.xrevrange(self.log_key, count=limit)
        return [json.loads(fields[b"entry"]) for _, fields in rows]

    def register_page(self, cursor: str | None, since: float,
                      limit: int) -> tuple[list[dict[str, Any]], str | None]:
        """One page of the register after `cursor` (a stream id) and from `since` (unix s)."""
        if cursor and not STREAM_ID.fullmatch(cursor):
            raise ValueError("cursor is not one this API gave out")
        start = f"({cursor}" if cursor else "-"
        if since and (not cursor or int(cursor.split("-")[0]) < since * 1000):
            start = f"{int(since * 1000)}-0"
        rows = self.client.xrange(self.register_key, min=start, count=limit)
        entries = [json.loads(fields[b"entry"]) for _, fields in rows]
        return entries, rows[-1][0].decode() if len(rows) == limit else None

    def scan(self, before: str | None = None, batch: int = 200,
             stream: str = "log") -> Iterator[tuple[str, dict[str, Any]]]:
        """(stream id, entry) pairs, newest first, starting below `before`."""
        key = self.log_key if stream == "log" else self.register_key
        end = f"({before}" if before else "+"
        while True:
            rows = self.client.xrevrange(key, max=end, count=batch)
            for stream_id, fields in rows:
                yield stream_id.decode(), json.loads(fields[b"entry"])
            if len(rows) < batch:
                return
            end = "(" + rows[-1][0].decode()

    def entry(self, stream_id: str) -> dict[str, Any] | None:
        """One log entry by its stream id."""
        if not STREAM_ID.fullmatch(stream_id):
            return None
        rows = self.client.xrange(self.log_key, min=stream_id, max=stream_id)
        return json.loads(rows[0][1][b"entry"]) if rows else None

    def register(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every consent change ever recorded, oldest first, read in batches."""
        start = "-"
        while True:
            rows = self.client.xrange(self.register_key, min=start, count=batch)
            for _, fields in rows:
                yield json.loads(fields[b"entry"])
            if len(rows) < batch:
                return
            start = "(" + rows[-1][0].decode()
