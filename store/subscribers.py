"""Subscriber records in Redis, changed atomically (WATCH/MULTI) with their evidence."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Callable

import redis

from handlers.states import Subscriber

from .keys import key_for

Decide = Callable[[Subscriber], tuple[Subscriber, dict[str, Any], bool]]


@dataclass(frozen=True)
class Applied:
    """The result of one atomic change: the log entry written, or the earlier one replayed."""

    entry: dict[str, Any]
    replayed: bool


class SubscriberStore:
    """Reads and atomically changes one subscriber's keys."""

    def __init__(self, client: redis.Redis, prefix: str, retention_days: float,
                 idempotency_ttl: int) -> None:
        self.client = client
        self.prefix = prefix
        self.retention_ms = int(retention_days * 86400 * 1000)
        self.idempotency_ttl = idempotency_ttl

    def key(self, kind: str, scope: str = "", number: str = "", sid: str = "") -> str:
        """This store's keys (see store.keys.key_for)."""
        return key_for(self.prefix, kind, scope, number, sid)

    def load(self, scope: str, number: str, now: float | None = None) -> Subscriber:
        """The record as it stands now (an expired 'why?' reads as opted out), or a fresh one."""
        raw = self.client.hgetall(self.key("subscriber", scope, number))
        return Subscriber.from_dict(raw, scope, number).as_of(time.time() if now is None else now)

    def scopes_of(self, number: str) -> list[str]:
        """Every scope this number has a record in (for STOPALL)."""
        return sorted(s.decode() for s in self.client.smembers(self.key("scopes", number=number)))

    def apply(self, scope: str, number: str, sid: str, decide: Decide) -> Applied:
        """Run `decide` on the current record and write its result atomically, once per sid."""
        keys = (self.key("subscriber", scope, number), self.key("message", scope, number, sid))

        def transaction(pipe: redis.client.Pipeline) -> Applied:
            earlier = pipe.get(keys[1])
            if earlier is not None:
                return Applied(json.loads(earlier), replayed=True)
            current = Subscriber.from_dict(pipe.hgetall(keys[0]), scope, number)
            record, entry, evidence = decide(current)
            record = record.evolve(seq=current.seq + 1)  # commit order, under WATCH
            entry = {**entry, "seq": record.seq}
            pipe.multi()
            self._write(pipe, record, entry, evidence, keys)
            return Applied(entry, replayed=False)

        applied = self.client.transaction(transaction, *keys, value_from_callable=True)
        self.client.sadd(self.key("scopes", number=number), scope)
        return applied

    def _write(self, pipe: Any, record: Subscriber, entry: dict[str, Any], evidence: bool,
               keys: tuple[str, str]) -> None:
        """Queue the record, the idempotency marker, the history line and the evidence."""
        scope, number = record.scope, record.number
        line = json.dumps(entry, ensure_ascii=False)
        pipe.hset(keys[0], mapping=record.to_dict())
        pipe.set(keys[1], line, ex=self.idempotency_ttl)
        pipe.xadd(self.key("history", scope, number), {"entry": line},
                  minid=self._oldest_kept(), approximate=False)
        if evidence:
            pipe.rpush(self.key("evidence", scope, number), line)

    def _oldest_kept(self) -> int:
        """Stream id below which log lines have passed their retention."""
        return max(0, int(time.time() * 1000) - self.retention_ms)

    def history(self, scope: str, number: str) -> list[dict[str, Any]]:
        """Everything still kept for one subscriber, oldest first: evidence plus recent log."""
        recent = self.client.xrange(self.key("history", scope, number))
        lines = [json.loads(fields[b"entry"]) for _, fields in recent]
        evidence = [json.loads(x) for x in self.client.lrange(self.key("evidence", scope, number), 0, -1)]
        seen = {e["id"] for e in lines}
        merged = lines + [e for e in evidence if e["id"] not in seen]
        # commit order: the sequence number (entries from before it existed: by time, first)
        return sorted(merged, key=lambda e: (e.get("seq", 0), e["time"], e["id"]))
