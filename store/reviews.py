"""Review verdicts and the pending review queue in Redis, one hash and one sorted set per bucket."""

from __future__ import annotations

import json
from typing import TypedDict

from .connection import Client
from .entries import BadEntryId, split_id
from .keys import BUCKETS, key_for
from .outage import translated


class Verdict(TypedDict):
    """Ops' verdict on one decision, kept as JSON by the entry's id (what the console says it did)."""

    verdict: str  # 'confirmed' (the intent was right) or 'corrected'
    intent: str  # the intent ops chose
    was: str  # the intent the service had decided
    text: str
    operator: str
    time: float
    effect: str  # what the verdict did to the subscriber, in words
    state_before: str
    state_after: str


# KEYS: the bucket's verdicts, its pending queue. ARGV: entry id, verdict, stream id
VERDICT = """
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[3])
"""


class ReviewStore:
    """Verdicts by entry id ('<prefix>:reviews:{b}') and decisions waiting ('<prefix>:pending:{b}',
    scored by review priority: the write keeps it, a verdict takes an entry out)."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix
        self._verdict = client.register_script(VERDICT)

    def verdicts_key(self, gid: str) -> str:
        """Verdicts live in the bucket of the entry they judge: one key, one slot per verdict."""
        return key_for(self.prefix, "reviews", bucket=split_id(gid)[0])

    @translated
    def pending(self, limit: int) -> list[str]:
        """Ids waiting for a verdict, lowest priority first (the first `limit` of each bucket)."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.zrange(key_for(self.prefix, "pending", bucket=bucket), 0, limit - 1, withscores=True)
        ranked = sorted((score, f"{bucket}-{sid.decode()}") for bucket, rows in enumerate(pipe.execute()) for sid, score in rows)
        return [gid for _, gid in ranked]

    @translated
    def settle(self, gid: str) -> None:
        """Take an entry out of the queue without a verdict (its log line expired)."""
        bucket, sid = split_id(gid)
        self.client.zrem(key_for(self.prefix, "pending", bucket=bucket), sid)

    @translated
    def record(self, gid: str, verdict: Verdict) -> None:
        """The verdict, and the entry out of the queue, in one step (they share the bucket's slot)."""
        bucket, sid = split_id(gid)
        self._verdict(
            keys=[self.verdicts_key(gid), key_for(self.prefix, "pending", bucket=bucket)],
            args=[gid, json.dumps(verdict, ensure_ascii=False), sid],
        )

    @translated
    def verdict(self, gid: str) -> Verdict | None:
        """The entry's verdict, or None (none yet, or not an id this store gave out)."""
        try:
            raw = self.client.hget(self.verdicts_key(gid), gid)
        except BadEntryId:
            return None
        found: Verdict | None = json.loads(raw) if raw else None  # as record wrote it
        return found

    @translated
    def verdicts(self) -> list[Verdict]:
        """Every verdict, oldest first."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.hvals(key_for(self.prefix, "reviews", bucket=bucket))
        return sorted((json.loads(v) for values in pipe.execute() for v in values), key=lambda v: v["time"])
