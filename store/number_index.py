"""A number's own log, for ops search by number: its log ids are where the commit script keeps
them, in its bucket: the newest few of each scope in the number's hash ('<alias>|h'), the older
ones in its capped 'index' list (commit.INDEX_CAP, newest first). A search reads those ids and
then only those rows: three round trips whatever the size of the log. Lines older than the index
(a number with more lines than the cap, or with lines from before the index existed) are found
by the scan below its oldest id, as before."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from domain.log_entry import LogEntry

from .commit import HISTORY_CAP, INDEX_CAP
from .connection import Client
from .entries import global_id, long_id, order_key, resolve
from .keys import bucket_of, key_for
from .outage import translated

SINCE = "index-since"  # the meta field: when this store began keeping indexes (ms)
BATCH = 50  # rows read per round trip


@dataclass(frozen=True)
class NumberLog:
    """A number's log ids, newest first; unless the index holds every line of the number, where
    the scan goes on below them (a global id; None: from the newest)."""

    bucket: int
    ids: list[str]  # stream ids of the number's bucket
    complete: bool
    scan_below: str | None


class NumberIndex:
    """Reads a number's log through its index."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix

    def start(self) -> None:
        """Note once when indexes began: a number with older lines may have lost some off its hash."""
        self.client.hsetnx(key_for(self.prefix, "meta"), SINCE, int(time.time() * 1000))

    @translated
    def log_of(self, number: str, before: str | None = None) -> NumberLog:
        """The number's log ids below `before` (a global id), newest first."""
        bucket = bucket_of(number)
        pipe = self.client.pipeline(transaction=False)
        pipe.hgetall(key_for(self.prefix, "number", number, bucket))
        pipe.lrange(key_for(self.prefix, "index", number, bucket), 0, -1)
        raw, older = pipe.execute()
        since = self.client.hget(key_for(self.prefix, "meta"), SINCE)
        ids = sorted(set(_recent(raw) + [long_id(i.decode()) for i in older]), key=_ms_seq, reverse=True)
        kept_all = not older and _never_dropped(raw)
        complete = len(older) < INDEX_CAP and (kept_all or since is not None and _ms_seq(ids[-1])[0] >= int(since))
        floor = order_key(before) if before else None
        kept = [i for i in ids if floor is None or (*_ms_seq(i), bucket) < floor]
        return NumberLog(bucket, kept, complete, _lowest(before, bucket, ids))

    def entries(self, found: NumberLog) -> Iterator[tuple[str, LogEntry]]:
        """The rows of those ids, newest first, read BATCH at a time (trimmed ones skipped)."""
        log = key_for(self.prefix, "log", bucket=found.bucket)
        for start in range(0, len(found.ids), BATCH):
            pipe = self.client.pipeline(transaction=False)
            for sid in found.ids[start : start + BATCH]:
                pipe.xrange(log, min=sid, max=sid)
            rows = [hit[0] for hit in pipe.execute() if hit]
            yield from resolve(self.client, self.prefix, found.bucket, rows)


def _recent(raw: dict[bytes, bytes]) -> list[str]:
    """The newest log ids of every scope the hash declares ('<alias>|h')."""
    aliases = {key[1:] for key in raw if key.startswith(b"@")}
    return [long_id(i) for alias in aliases for i in raw.get(alias + b"|h", b"").decode().split()]


def _never_dropped(raw: dict[bytes, bytes]) -> bool:
    """No scope's recent ids ever lost one off the front: after a drop they fill at least
    HISTORY_CAP less one id (13 characters), and they only grow after that."""
    return all(len(value) < HISTORY_CAP - 13 for key, value in raw.items() if key.endswith(b"|h"))


def _ms_seq(sid: str) -> tuple[int, int]:
    ms, seq = sid.split("-")
    return int(ms), int(seq)


def _lowest(before: str | None, bucket: int, ids: list[str]) -> str | None:
    """Where the scan goes on: below the index's oldest id, or below `before` when that is lower."""
    if not ids:
        return before
    oldest = global_id(bucket, ids[-1])
    return before if before and order_key(before) < order_key(oldest) else oldest
