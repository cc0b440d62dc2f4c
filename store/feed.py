"""The opt-out feed's read side: each bucket's feed stream read through one consumer group, one
key per command (on a Cluster every bucket is a slot of its own), each entry resolved to the
consent change it points at, and acknowledged only once a receiver took it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypedDict

import redis

from domain.log_entry import LogEntry

from .connection import Client
from .entries import global_id, unpack
from .keys import BUCKETS, key_for
from .outage import translated

GROUP = "deliverers"  # one group: every deliverer (thread or `flask deliver`) shares the work
REF = b"ref"
PRUNE = """
local gone = 0
for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local info = {}
  for i = 1, #consumer, 2 do info[consumer[i]] = consumer[i + 1] end
  if info.pending == 0 and info.idle >= tonumber(ARGV[3]) and info.name ~= ARGV[2] then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info.name)
    gone = gone + 1
  end
end
return gone
"""  # in one step: a consumer that takes an entry between a look and a delete would lose it


class Pending(TypedDict):
    """One row of XPENDING's extended form, as redis-py parses it."""

    message_id: bytes
    consumer: bytes
    time_since_delivered: int  # ms
    times_delivered: int


@dataclass(frozen=True)
class FeedItem:
    """One event to deliver: where its feed entry is (to acknowledge it) and the consent change."""

    bucket: int
    feed_id: str
    attempts: int  # deliveries of it so far, this one included
    entry: LogEntry | None  # the register entry; None: gone (acknowledged, never sent)


@dataclass(frozen=True)
class Backlog:
    """What is not delivered yet: read but unacknowledged (in flight, or failed and waiting for a
    retry), never read, and the time of the oldest unacknowledged one (0: none)."""

    unacknowledged: int
    unread: int
    oldest: float

    def age(self, now: float | None = None) -> float:
        """Seconds since the oldest unacknowledged event was written (0: none)."""
        return max(0.0, (time.time() if now is None else now) - self.oldest) if self.oldest else 0.0


class FeedStore:
    """The feed streams of one store, read by the group `GROUP`."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        self._prune = client.register_script(PRUNE)

    def _key(self, bucket: int) -> str:
        return key_for(self.prefix, "feed", bucket=bucket)

    @translated
    def ensure_groups(self) -> None:
        """The group on every bucket's stream, from its first entry (MKSTREAM: a stream nothing
        was written to yet); a group that exists is left as it is."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.xgroup_create(self._key(bucket), GROUP, id="0", mkstream=True)
        for answer in pipe.execute(raise_on_error=False):
            if isinstance(answer, Exception) and "BUSYGROUP" not in str(answer):
                raise answer

    @translated
    def read_new(self, consumer: str, count: int) -> list[FeedItem]:
        """Entries no deliverer has read yet, up to `count` a bucket (one XREADGROUP a key)."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.xreadgroup(GROUP, consumer, {self._key(bucket): ">"}, count=count)
        answers = self._answers(pipe.execute(raise_on_error=False))
        rows = [(b, sid, fields, 1) for b, reply in enumerate(answers) for _, hits in reply or [] for sid, fields in hits]
        return self._resolved(rows)

    @translated
    def claim_due(self, consumer: str, wait_ms: Callable[[int], int], count: int) -> list[FeedItem]:
        """Unacknowledged entries idle for `wait_ms(deliveries so far)` ms or more, claimed for
        `consumer` (their delivery count goes up by one): retries with backoff, and the entries
        of a deliverer that died. XCLAIM's own idle check keeps two deliverers off one entry;
        an entry trimmed away meanwhile is dropped from the group by XCLAIM itself (Redis 7)."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.xpending_range(self._key(bucket), GROUP, "-", "+", count, idle=wait_ms(1))
        pending = self._answers(pipe.execute(raise_on_error=False))
        due = [(bucket, ids) for bucket, rows in enumerate(pending) if (ids := _due(rows or [], wait_ms))]
        for bucket, ids in due:
            pipe.xclaim(self._key(bucket), GROUP, consumer, wait_ms(1), list(ids))
        claimed = self._answers(pipe.execute(raise_on_error=False)) if due else []
        rows = [(bucket, sid, fields, ids[sid]) for (bucket, ids), hits in zip(due, claimed) for sid, fields in hits]
        return self._resolved(rows)

    @translated
    def ack(self, item: FeedItem) -> None:
        """The receiver took it (a 2xx): no deliverer sends it again."""
        self.client.xack(self._key(item.bucket), GROUP, item.feed_id)

    @translated
    def prune_consumers(self, keep: str, idle_ms: int) -> int:
        """Deliverers that ended (a worker's pid, a finished `flask deliver`) leave their names in
        the group for good: drop those idle `idle_ms` with nothing pending (one with pending
        entries stays until another claims them); how many went."""
        gone = 0
        for bucket in range(BUCKETS):  # a script a key: a Cluster slot each
            try:
                gone += int(self._prune(keys=[self._key(bucket)], args=[GROUP, keep, idle_ms]))
            except redis.ResponseError as error:
                if "NOGROUP" not in str(error) and "no such key" not in str(error):
                    raise
        return gone

    @translated
    def backlog(self) -> Backlog:
        """Summed over every bucket: XPENDING's summary and the group's lag (Redis 7)."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.xpending(self._key(bucket), GROUP).xinfo_groups(self._key(bucket))
        answers = self._answers(pipe.execute(raise_on_error=False), repair=False)
        summaries, infos = answers[::2], answers[1::2]
        oldest = [int(s["min"].split(b"-")[0]) / 1000 for s in summaries if s and s["pending"]]
        lag = sum(int(group.get("lag") or 0) for info in infos for group in info or [] if group["name"] == GROUP.encode())
        return Backlog(sum(s["pending"] for s in summaries if s), lag, min(oldest, default=0.0))

    def _resolved(self, rows: list[tuple[int, bytes, Any, int]]) -> list[FeedItem]:
        """Each feed row with the register entry its `ref` names (one pipeline for all)."""
        pipe = self.client.pipeline(transaction=False)
        refs = [fields.get(REF, b"").decode() if fields else "" for _, _, fields, _ in rows]
        for (bucket, *_), ref in zip(rows, refs):
            pipe.xrange(key_for(self.prefix, "register", bucket=bucket), min=ref or "0", max=ref or "0")
        found = pipe.execute() if rows else []
        return [
            FeedItem(bucket, sid.decode(), attempts, unpack(hit[0][1], global_id(bucket, hit[0][0])) if hit and ref else None)
            for (bucket, sid, _, attempts), ref, hit in zip(rows, refs, found)
        ]

    def _answers(self, answers: Iterable[Any], repair: bool = True) -> list[Any]:
        """Pipeline answers with a missing stream or group as nothing (made again for the next
        round when `repair`: a deliverer's reads; never by a count); any other error raised."""
        out, missing = [], False
        for answer in answers:
            if isinstance(answer, redis.ResponseError) and ("NOGROUP" in str(answer) or "no such key" in str(answer)):
                missing, answer = True, None
            elif isinstance(answer, Exception):
                raise answer
            out.append(answer)
        if missing and repair:
            self.ensure_groups()
        return out


def _due(rows: list[Pending], wait_ms: Callable[[int], int]) -> dict[bytes, int]:
    """XPENDING rows whose wait is over: id -> the delivery it would be."""
    return {r["message_id"]: r["times_delivered"] + 1 for r in rows if r["time_since_delivered"] >= wait_ms(r["times_delivered"])}
