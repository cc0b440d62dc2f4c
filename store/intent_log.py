"""The intent log (kept LOG_RETENTION_DAYS) and the register of consent changes (kept for
ever), one stream of each per bucket, read back merged by time; the dashboard's day counters."""

from __future__ import annotations

import bisect
import heapq
import re
import time
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat
from operator import itemgetter
from typing import Any

from domain.log_entry import LogEntry

from .commit import REGISTER_EVENTS, day_of
from .connection import Client
from .entries import Raw, global_id, long_id, many_picker, order_key, resolve, short_id, split_id, unpack
from .keys import BUCKETS, key_for

Row = tuple[int, int, int, bytes, tuple[bytes, ...]]  # (ms, seq, bucket): commit order; global id, fields

FIRST_BATCH = 8  # rows read from every bucket at once (one round trip for all)
NEXT_BATCH = 100  # rows read from one bucket when it runs dry
EXPORT_BATCH = 200  # rows per XRANGE of a whole-register read: at most 64 x 200 raw rows held


class IntentLog:
    """The per-bucket streams seen as one log and one register."""

    def __init__(self, client: Client, prefix: str, retention_days: float) -> None:
        self.client = client
        self.prefix = prefix
        self.retention_ms = int(retention_days * 86400 * 1000)

    def key(self, stream: str, bucket: int) -> str:
        return key_for(self.prefix, stream, bucket=bucket)

    def recent(self, limit: int = 50) -> list[LogEntry]:
        """The newest decisions first."""
        return [e for _, e in zip(range(limit), (e for _, e in self.scan()))]

    def scan(self, before: str | None = None, stream: str = "log") -> Iterator[tuple[str, LogEntry]]:
        """(global id, entry) pairs, newest first across buckets, starting below `before`."""
        bounds = _below(before)
        readers = [_Reader(self, stream, b, bounds[b], newest_first=True) for b in range(BUCKETS)]
        _prefetch(self, readers)
        return heapq.merge(*readers, key=lambda item: order_key(item[0]), reverse=True)

    def register(self) -> Iterator[LogEntry]:
        """Every piece of evidence ever recorded, oldest first, read in batches."""
        readers = [_Reader(self, "register", b, "-", newest_first=False) for b in range(BUCKETS)]
        _prefetch(self, readers)
        for _, entry in heapq.merge(*readers, key=lambda item: order_key(item[0])):
            yield entry

    def register_batches(
        self, names: Sequence[str], events: Collection[str] = REGISTER_EVENTS, batch: int = EXPORT_BATCH
    ) -> Iterator[list[Row]]:
        """Every register entry of `events` as (ms, seq, bucket, global id, the named fields), id
        and fields as the server sent them (the caller decodes a whole line at once, not each
        cell), oldest first across buckets, a sorted batch at a time, for an export of millions:
        XRANGE with COUNT per bucket, the buckets that ran dry read again together (one round trip),
        only the named fields kept, never a record read (flat memory, a handful of round trips)."""
        return iter(_RegisterMerge(self, names, events, batch))

    def entry(self, gid: str) -> LogEntry | None:
        """One log entry by its global id."""
        from .entries import read_entry

        return read_entry(self.client, self.prefix, gid)

    def register_page(self, cursor: str | None, since: float, limit: int) -> tuple[list[LogEntry], str | None]:
        """One page of consent changes after `cursor` and from `since` (unix s), and the cursor
        that continues exactly where it stopped in every bucket (clocks may differ in a Cluster),
        or None when this page holds the last of them."""
        positions = decode_cursor(cursor)
        floor = f"{int(since * 1000)}-0" if since else "-"
        starts = [_later(p, floor) for p in positions]
        readers = [_Reader(self, "register", b, starts[b], newest_first=False) for b in range(BUCKETS)]
        _prefetch(self, readers)
        page: list[LogEntry] = []
        for gid, entry in heapq.merge(*readers, key=lambda item: order_key(item[0])):
            bucket, sid = split_id(gid)
            positions[bucket] = sid
            if entry["event"] in REGISTER_EVENTS:
                page.append(entry)
                if len(page) == limit:
                    break
        return page, encode_cursor(positions) if len(page) == limit else None

    def count(self, stream: str = "log") -> int:
        """Entries kept in every bucket of a stream."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.xlen(self.key(stream, bucket))
        return sum(pipe.execute())

    def pending_reviews(self) -> int:
        """Decisions waiting for a verdict: the review queue's size (one small read per bucket)."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.zcard(self.key("pending", bucket))
        return sum(pipe.execute())

    def trim(self, now: float | None = None, limit: int = 10_000) -> int:
        """Drop log lines past their retention, at most `limit` per bucket per call (a cron job
        or `flask trim-log`, never a webhook request). Returns how many lines were dropped."""
        oldest = max(0, int((time.time() if now is None else now) * 1000) - self.retention_ms)
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.xrange(self.key("log", bucket), min="-", max=f"({oldest}-0", count=limit)
        expired = pipe.execute()
        pipe = self.client.pipeline(transaction=False)
        for bucket, rows in enumerate(expired):
            if rows:
                ms, seq = rows[-1][0].decode().split("-")
                pipe.xtrim(self.key("log", bucket), minid=f"{ms}-{int(seq) + 1}", approximate=False)
        return sum(pipe.execute()) if any(expired) else 0

    def days(self, count: int, now: float | None = None) -> dict[str, Counter[str]]:
        """{day: counters} for the last `count` UTC days, oldest first, summed over buckets."""
        now = time.time() if now is None else now
        days = [day_of(now - d * 86400) for d in range(count - 1, -1, -1)]
        pipe = self.client.pipeline(transaction=False)
        for day in days:
            for bucket in range(BUCKETS):
                pipe.hgetall(key_for(self.prefix, "stats", bucket=bucket, day=day))
        results = iter(pipe.execute())
        totals: dict[str, Counter[str]] = {}
        for day in days:
            totals[day] = Counter()
            for _ in range(BUCKETS):
                totals[day].update({k.decode(): int(v) for k, v in next(results).items()})
        return totals


class _Reader:
    """One bucket's stream read lazily in batches, as (global id, entry)."""

    def __init__(self, log: IntentLog, stream: str, bucket: int, start: str, newest_first: bool) -> None:
        self.log, self.stream, self.bucket = log, stream, bucket
        self.start, self.newest_first = start, newest_first
        self.buffer: list[tuple[str, LogEntry]] = []
        self.done = False

    def command(self, pipe: Any, count: int) -> None:
        """Queue the next batch's read on a pipeline."""
        key = self.log.key(self.stream, self.bucket)
        if self.newest_first:
            pipe.xrevrange(key, max=self.start, min="-", count=count)
        else:
            pipe.xrange(key, min=self.start, max="+", count=count)

    def take(self, rows: list[tuple[bytes, Any]], count: int, entries: list[tuple[str, LogEntry]]) -> None:
        """Keep a batch read (already resolved to entries) and where the next one starts."""
        self.done = len(rows) < count
        if rows:
            self.start = "(" + rows[-1][0].decode()
        self.buffer = entries

    def __iter__(self) -> _Reader:
        return self

    def __next__(self) -> tuple[str, LogEntry]:
        while not self.buffer:
            if self.done:
                raise StopIteration
            pipe = self.log.client.pipeline(transaction=False)
            self.command(pipe, NEXT_BATCH)
            rows = pipe.execute()[0]
            self.take(rows, NEXT_BATCH, _entries(self.log, self.stream, self.bucket, rows))
        return self.buffer.pop(0)


class _RegisterMerge:
    """Every bucket's register read in batches and merged in commit order a batch at a time:
    what every bucket has read up to the earliest last row of a bucket that may hold more is
    final, sorted in C and handed out; then the buckets that ran dry are read again."""

    def __init__(self, log: IntentLog, names: Sequence[str], events: Collection[str], batch: int) -> None:
        self.width = len(names)  # an "event" picked only to filter on is dropped
        picked = list(names) if "event" in names else [*names, "event"]
        self.log, self.batch, self.picked, self.event = log, batch, picked, picked.index("event")
        self.pick_all = many_picker(picked)
        self.wanted = frozenset(str(e).encode() for e in events)
        self.keys = [log.key("register", b) for b in range(BUCKETS)]
        self.starts: list[bytes] = [b"-"] * BUCKETS
        self.buffers: list[list[Row]] = [[] for _ in range(BUCKETS)]
        self.taken = [0] * BUCKETS  # rows of each buffer already handed out (no copy per batch)
        self.live = set(range(BUCKETS))  # buckets whose stream may hold more

    def __iter__(self) -> Iterator[list[Row]]:
        """Sorted batches; while the caller writes one out, the buckets it emptied are read in a
        thread (the server's work and the wire overlap ours: a round trip is not waited for)."""
        with ThreadPoolExecutor(max_workers=1) as reader:
            ahead = reader.submit(self.read, self.dry())
            while True:
                self.refill(ahead.result())
                if not any(self.buffers):
                    return
                batch = self.ready()
                ahead = reader.submit(self.read, self.dry())
                yield batch

    def dry(self) -> list[tuple[int, bytes]]:
        """The live buckets whose rows are all handed out, and where each reads on."""
        return [(b, self.starts[b]) for b in self.live if not self.buffers[b]]

    def read(self, buckets: list[tuple[int, bytes]]) -> list[tuple[int, Any]]:
        """The next batch of each bucket, in one round trip."""
        if not buckets:
            return []
        pipe = self.log.client.pipeline(transaction=False)
        pipe.response_callbacks = {}  # replies as sent: no dict per entry (a Cluster's still parses)
        for bucket, start in buckets:
            pipe.xrange(self.keys[bucket], min=start, max="+", count=self.batch)
        return list(zip((bucket for bucket, _ in buckets), pipe.execute()))

    def refill(self, replies: list[tuple[int, Any]]) -> None:
        """Keep the batches read; read again, at once, any bucket still dry (a batch of other
        events only), until each has rows or is done."""
        while replies:
            for bucket, rows in replies:
                self.take(bucket, rows)
            replies = self.read(self.dry())

    def take(self, bucket: int, rows: list[tuple[bytes, Raw]] | list[list[Any]]) -> None:
        """Keep a batch's rows of the wanted events, as sortable tuples of the named fields, a
        column at a time (map and zip in C: a Python step per row costs a second a million)."""
        if len(rows) < self.batch:
            self.live.discard(bucket)
        if not rows:
            return
        self.starts[bucket] = b"(" + rows[-1][0]
        ids, raws = zip(*rows)
        sids: Sequence[bytes] = ids
        values = self.pick_all(raws)
        if not self.wanted.issuperset(map(itemgetter(self.event), values)):  # another event: drop its rows
            sids, values = _kept(sids, values, self.event, self.wanted)
        if len(self.picked) != self.width:
            values = [row[: self.width] for row in values]
        parts = list(map(int, b"-".join(sids).split(b"-")))  # every id's ms and seq, in turn
        gids = map((b"%d-" % bucket).__add__, sids)
        self.buffers[bucket].extend(zip(parts[::2], parts[1::2], repeat(bucket), gids, values))

    def ready(self) -> list[Row]:
        """The rows no later read can precede, in commit order ((ms, seq, bucket) is unique:
        sorting never compares further)."""
        last = min((self.buffers[b][-1][:3] for b in self.live), default=None)
        out: list[Row] = []
        for bucket, rows in enumerate(self.buffers):
            start = self.taken[bucket]
            # rows before (ms, seq, bucket + 1): those up to `last`, compared in C (no key function)
            cut = len(rows) if last is None else bisect.bisect_left(rows, (last[0], last[1], last[2] + 1), lo=start)
            if cut > start:
                out += rows[start:cut]
                self.buffers[bucket], self.taken[bucket] = (rows, cut) if cut < len(rows) else ([], 0)
        out.sort()
        return out


def _kept(
    sids: Sequence[bytes], values: Sequence[tuple[bytes, ...]], event: int, wanted: frozenset[bytes]
) -> tuple[list[bytes], list[tuple[bytes, ...]]]:
    """The ids and values of the rows whose event is wanted."""
    pairs = [(sid, row) for sid, row in zip(sids, values) if row[event] in wanted]
    return [sid for sid, _ in pairs], [row for _, row in pairs]


def _prefetch(log: IntentLog, readers: list[_Reader]) -> None:
    """Every bucket's first batch in one round trip (two when log lines point at the register)."""
    pipe = log.client.pipeline(transaction=False)
    for reader in readers:
        reader.command(pipe, FIRST_BATCH)
    for reader, rows in zip(readers, pipe.execute()):
        reader.take(rows, FIRST_BATCH, _entries(log, reader.stream, reader.bucket, rows))


def _entries(log: IntentLog, stream: str, bucket: int, rows: list[tuple[bytes, Any]]) -> list[tuple[str, LogEntry]]:
    """Rows as (global id, entry): log lines resolved, register rows unpacked."""
    if stream == "log":
        return resolve(log.client, log.prefix, bucket, rows)
    return [(global_id(bucket, sid), unpack(fields, global_id(bucket, sid))) for sid, fields in rows]


def _below(before: str | None) -> list[str]:
    """Per bucket, the stream id bound for reading newest first below a global id."""
    if not before:
        return ["+"] * BUCKETS
    bucket, sid = split_id(before)
    return [sid if b < bucket else f"({sid}" for b in range(BUCKETS)]


def _later(position: str, floor: str) -> str:
    """The exclusive start after `position`, or `floor` when that is later."""
    if not position:
        return floor
    if floor == "-":
        return f"({position}"
    return f"({position}" if tuple(map(int, position.split("-"))) >= tuple(map(int, floor.split("-"))) else floor


def encode_cursor(positions: list[str]) -> str:
    """A URL-safe cursor: every bucket's last stream id read, base 36, dot-separated."""
    return ".".join(short_id(p) if p else "" for p in positions)


def decode_cursor(cursor: str | None) -> list[str]:
    """The positions a cursor holds; ValueError for one this API never gave out."""
    if not cursor:
        return [""] * BUCKETS
    if not CURSOR.fullmatch(cursor):
        raise ValueError("cursor is not one this API gave out")
    return [long_id(p) if p else "" for p in cursor.split(".")]


POSITION = r"[0-9a-z]{1,12}-[0-9a-z]{1,12}"  # below 2**64: a stream id part
CURSOR_PATTERN = rf"^({POSITION})?(\.({POSITION})?){{{BUCKETS - 1}}}$"
CURSOR = re.compile(CURSOR_PATTERN)
