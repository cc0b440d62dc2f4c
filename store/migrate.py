"""`flask migrate-store`: from the layout before buckets (a hash, a stream, a list and a set per
subscriber, one global log and register) to one hash per number and per-bucket streams.
Idempotent: every step is a single-slot script that remembers what it did in the number's hash,
so a run stopped anywhere can simply be started again."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import redis

from domain.log_entry import LogEntry
from domain.records import Subscriber

from .commit import HISTORY_CAP, LUA_IDS, REGISTER_EVENTS, alias_of, compact
from .connection import Client
from .entries import REF, pack
from .keys import bucket_of, key_for, old_key
from .standing import OptedOutCounts

if TYPE_CHECKING:
    from .subscribers import SubscriberStore

LAYOUT = "2"
DONE = "x|"  # number-hash fields naming what was migrated, removed at the end

# declare the scope's alias in the number's hash (see commit.alias_of), or fail with -1
LUA_ALIAS = """
local function declare(hash, alias, scope)
  local declared = redis.call('HGET', hash, '@' .. alias)
  if declared and declared ~= scope then return false end
  redis.call('HSET', hash, '@' .. alias, scope)
  return true
end
"""
# KEYS: number hash, stream. ARGV: done field, wanted id, alias, scope, ids field, cap, entry pairs...
APPEND = (
    LUA_IDS
    + LUA_ALIAS
    + """
local done = redis.call('HGET', KEYS[1], ARGV[1])
if done then return done end
if not declare(KEYS[1], ARGV[3], ARGV[4]) then return -1 end
local ok, id = pcall(redis.call, 'XADD', KEYS[2], ARGV[2], unpack(ARGV, 7))
if not ok then id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 7)) end
push(KEYS[1], ARGV[3] .. '|' .. ARGV[5], id, tonumber(ARGV[6]))
redis.call('HSET', KEYS[1], ARGV[1], id)
return id
"""
)
# KEYS: number hash. ARGV: alias, scope, field/value pairs. Only where no newer record was written.
RECORD = (
    LUA_ALIAS
    + """
if redis.call('HEXISTS', KEYS[1], ARGV[1] .. '|seq') == 1 then return 0 end
if not declare(KEYS[1], ARGV[1], ARGV[2]) then return -1 end
for i = 3, #ARGV, 2 do
  if ARGV[i + 1] ~= '' then redis.call('HSET', KEYS[1], ARGV[1] .. '|' .. ARGV[i], ARGV[i + 1]) end
end
return 1
"""
)


class OldLayout(redis.exceptions.BusyLoadingError):
    """The store still holds the layout before buckets: run `flask migrate-store` first. Like a
    store still loading: messages are journalled and answered, and replayed after the migration."""


@dataclass
class Report:
    """What one run moved."""

    records: int = 0
    register: int = 0
    log: int = 0
    evidence: int = 0
    verdicts: int = 0
    numbers: set[str] = field(default_factory=set)


def needs_migration(client: Client, prefix: str) -> bool:
    """Old data that no migration has finished with (new records would hide old opt-outs)."""
    if client.hget(key_for(prefix, "meta"), "layout") == LAYOUT.encode():
        return False
    # every message of the old layout wrote its global log, every consent change its register
    return bool(client.exists(old_key(prefix, "old-register")) or client.exists(old_key(prefix, "old-log")))


def total(client: Client, prefix: str) -> int:
    """Steps a run takes (for the progress bar)."""
    subscribers = sum(1 for _ in client.scan_iter(f"{prefix}:subscriber:*", count=1000))
    return int(subscribers * 2 + client.xlen(old_key(prefix, "old-register")) + client.xlen(old_key(prefix, "old-log")))


class Migration:
    """One run over the old keys, reporting each step to `tick`."""

    def __init__(
        self,
        client: Client,
        prefix: str,
        tick: Callable[[], None] = lambda: None,
        priority: Callable[[LogEntry], str] = lambda entry: "",
    ) -> None:
        """`priority`: the service's review priority of an old entry ('' queues it for no review)."""
        self.client, self.prefix, self.tick, self.priority = client, prefix, tick, priority
        self.append = client.register_script(APPEND)
        self.record = client.register_script(RECORD)
        self.report = Report()

    @classmethod
    def of(cls, store: SubscriberStore, priority: Callable[[LogEntry], str]) -> Migration:
        """A run on a SubscriberStore's client and prefix (set `tick` before running it)."""
        return cls(store.client, store.prefix, priority=priority)

    def steps(self) -> int:
        """Steps this run takes (for the progress bar)."""
        return total(self.client, self.prefix)

    def run(self) -> Report:
        """Move everything (unless an earlier run finished), then drop the step markers."""
        if self.client.hget(key_for(self.prefix, "meta"), "layout") != LAYOUT.encode():
            self._move()
            OptedOutCounts(self.client, self.prefix).recount()  # records written directly: counted again
            self.client.hset(key_for(self.prefix, "meta"), "layout", LAYOUT)
        for key in self.client.scan_iter(f"{self.prefix}:number:*", count=1000):
            steps = [f for f in self.client.hkeys(key) if f.startswith(DONE.encode())]
            if steps:
                self.client.hdel(key, *steps)
        return self.report

    def _move(self) -> None:
        subscribers = list(self._old_subscribers())
        for scope, number in subscribers:
            self._record(scope, number)
        register_ids = self._stream("old-register", "register", "e")
        self._stream("old-log", "log", "h", register_ids)
        for scope, number in subscribers:
            self._evidence(scope, number)
        self._verdicts()

    def _old_subscribers(self) -> Iterator[tuple[str, str]]:
        for key in self.client.scan_iter(f"{self.prefix}:subscriber:*", count=1000):
            scope, number = key.decode().split("{", 1)[1].rstrip("}").split("|", 1)
            yield scope, number

    def _record(self, scope: str, number: str) -> None:
        raw = self.client.hgetall(old_key(self.prefix, "subscriber", scope, number))
        pairs = compact(Subscriber.from_dict(raw, scope, number))
        self.report.records += self._aliased(self.record, number, scope, lambda alias: [alias, scope, *pairs])
        self.report.numbers.add(number)
        self.tick()

    def _aliased(self, script: Any, number: str, scope: str, args: Callable[[str], list[Any]], stream: str = "") -> Any:
        """Run a step under the scope's alias (read again if a new record took it meanwhile)."""
        key = key_for(self.prefix, "number", number)
        keys = [key, key_for(self.prefix, stream, number)] if stream else [key]
        while True:
            result = script(keys=keys, args=args(alias_of(self.client.hgetall(key), scope)))
            if result != -1:
                return result

    def _stream(self, old: str, new: str, kept: str, refs: dict[str, str] | None = None) -> dict[str, str]:
        """Copy one old global stream in order, each entry into its number's bucket."""
        moved: dict[str, str] = {}
        start = "-"
        while rows := self.client.xrange(old_key(self.prefix, old), min=start, count=500):
            for stream_id, fields in rows:
                entry: LogEntry = json.loads(fields[b"entry"])  # the old layout kept entries as JSON
                body = [REF, refs[entry["id"]]] if refs and entry["id"] in refs else pack(entry)
                moved[entry["id"]] = self._append(new, entry, stream_id.decode(), kept, body)
                if new == "log":
                    self._queue_for_review(entry, stream_id, moved[entry["id"]])
                self.tick()
            start = "(" + rows[-1][0].decode()
        setattr(self.report, new, len(moved))
        return moved

    def _append(self, stream: str, entry: LogEntry, wanted: str, kept: str, body: list[str]) -> str:
        number, scope = entry["number"], entry["scope"]
        self.report.numbers.add(number)
        cap = 0 if kept == "e" else HISTORY_CAP
        done = f"{DONE}{stream}|{entry['id']}"
        moved: bytes = self._aliased(
            self.append, number, scope, lambda alias: [done, wanted, alias, scope, kept, cap, *body], stream
        )
        return moved.decode()

    def _queue_for_review(self, entry: LogEntry, old_id: bytes, new_id: str) -> None:
        """A decision that waited for review, and still has no verdict, waits in the new queue."""
        priority = self.priority(entry)
        if priority and not self.client.hexists(old_key(self.prefix, "old-reviews"), old_id):
            self.client.zadd(key_for(self.prefix, "pending", entry["number"]), {new_id: float(priority)})

    def _evidence(self, scope: str, number: str) -> None:
        """Evidence that was never in the old register (e.g. a START asked for in words)."""
        for raw in self.client.lrange(old_key(self.prefix, "evidence", scope, number), 0, -1):
            entry: LogEntry = json.loads(raw)
            if entry["event"] not in REGISTER_EVENTS:
                self._append("register", entry, "*", "e", pack(entry))
                self.report.evidence += 1
        self.tick()

    def _verdicts(self) -> None:
        """Review verdicts follow their log entry into its bucket (bucket 0 when it has expired)."""
        old = self.client.hgetall(old_key(self.prefix, "old-reviews"))
        for stream_id, verdict in old.items():
            rows = self.client.xrange(old_key(self.prefix, "old-log"), min=stream_id, max=stream_id)
            bucket = bucket_of(json.loads(rows[0][1][b"entry"])["number"]) if rows else 0
            new_id = self._moved_log_id(rows, bucket) or stream_id.decode()
            self.client.hset(key_for(self.prefix, "reviews", bucket=bucket), f"{bucket}-{new_id}", verdict)
            self.report.verdicts += 1

    def _moved_log_id(self, rows: list[Any], bucket: int) -> str | None:
        if not rows:
            return None
        entry = json.loads(rows[0][1][b"entry"])
        found = self.client.hget(key_for(self.prefix, "number", entry["number"]), f"{DONE}log|{entry['id']}")
        return found.decode() if found else None
