"""Subscriber records in Redis: one hash per number (every scope's record, the message
markers, the history's entry ids), changed with its log, register and counters in one script."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import redis

from domain.events import Event
from domain.log_entry import LogEntry
from domain.records import Subscriber

from . import commit
from .breaker import Breaker, State, Verdict
from .commit import HISTORY_CAP
from .connection import Client, store_pipeline
from .entries import global_id, long_id, resolve, unpack
from .keys import bucket_of, key_for
from .repositories import Repositories
from .revocation import newest_opt_out

Decide = Callable[[Subscriber], tuple[Subscriber, LogEntry, bool]]
Grader = Callable[[LogEntry], commit.Grade]  # a log entry -> what it counts as (service policy)
MAX_ATTEMPTS = 50  # optimistic writes retried while other messages for the number commit
MAX_MARKERS = 16  # message ids remembered per number (retries come within minutes)
REPLICA_PROBE_SECONDS = 3.0  # while replicas are missing, INFO replication at most this often
START_RETRY_SECONDS = 30.0  # a start refused (no replicas, read-only): tried again no sooner, not on every message
READ_FIRST_SHARE = 0.2  # above this share of recent messages from numbers with a record, writes read it first
MIX_WEIGHT = 0.1  # one message's weight in that share (an average over about the last twenty)


@dataclass(frozen=True)
class Applied:
    """The result of one atomic change: the log entry written, or the earlier one replayed."""

    entry: LogEntry
    replayed: bool


class SenderMix:
    """How many recent messages came from numbers that already have a record: it decides whether
    a write guesses "no record yet" (a number's first message: one round trip, refused and
    answered with the record otherwise) or reads the record first (HGETALL, then one script).
    A share of messages, never a record: what a write decides on is always read from the store."""

    def __init__(self) -> None:
        self.known_share = 0.0  # a fresh process guesses, as for a fresh store

    @property
    def read_first(self) -> bool:
        """Do enough recent senders have a record that reading first saves a refused script?"""
        return self.known_share > READ_FIRST_SHARE

    def note(self, known: bool) -> None:
        """One message's sender had a record (True) or not (an unlocked update: a heuristic)."""
        self.known_share += MIX_WEIGHT * (float(known) - self.known_share)


class SubscriberStore:
    """Reads and atomically changes one subscriber's record."""

    def __init__(
        self,
        client: Client,
        prefix: str,
        idempotency_ttl: int,
        min_replicas: int = 0,
        wait_ms: int = 500,
        *,
        grade: Grader,
        feed_retention_ms: int = 0,
    ) -> None:
        self.client = client
        self.grade = grade  # the service's policy (required: a store that graded nothing would queue no review)
        self.prefix = prefix
        self.feed_retention_ms = feed_retention_ms  # > 0: every consent change also goes to the opt-out feed
        self.idempotency_ttl = idempotency_ttl
        self.min_replicas, self.wait_ms = min_replicas, wait_ms
        self._commit = client.register_script(commit.SCRIPT)
        self._layout_checked = False
        self._started = False  # fresh buckets' counts started (SubscriberStore.started)
        self._next_start = 0.0  # monotonic time of the next try, after a refused start
        # the client's breaker (one per store, shared with the intent log), or one of our own
        self.breaker: Breaker = getattr(client, "breaker", None) or Breaker(self._ping)
        # open while too few replicas confirm writes: writes fail at once, no WAIT each request
        self.replication = Breaker(self._replicas_back, "replication", REPLICA_PROBE_SECONDS, NotReplicated)
        self._replica_key = ""
        self.repositories = Repositories(client, prefix)  # sessions, links, reviews, … on this store
        self.senders = SenderMix()  # read the record before the write, or guess there is none

    @property
    def breaker_state(self) -> State:
        """'open' while the store is known to be away (every call fails at once), else 'closed'."""
        return self.breaker.state

    @property
    def replication_state(self) -> State:
        """'open' while writes are known not to reach enough replicas, else 'closed'."""
        return self.replication.state

    def _ping(self) -> str | None:
        """The probe of a breaker of our own (a client given without one)."""
        self.client.ping()
        return None

    def _check_layout(self) -> None:
        """Refuse to read or write over data of the old layout: a new, empty record there would
        hide an opt-out (the webhook journals the message; `flask migrate-store` then replays)."""
        if not self._layout_checked:
            from .migrate import OldLayout, needs_migration

            if self.breaker.call(needs_migration, self.client, self.prefix):
                raise OldLayout("the store holds the layout before buckets: run `flask migrate-store`")
            self._layout_checked = True
        if not self._started:
            self._started = self.started()

    def started(self) -> bool:
        """What each process does before its first read or write: a fresh bucket's opt-out count
        starts at 0 (an old store's is backfilled: `flask count-opt-outs`), and the store notes
        when it began keeping number indexes. Best effort (False: tried again next time): a
        primary refusing writes must not turn a read or a journalled write into an error, and a
        bucket left uncounted meanwhile is only shown as not counted yet, never miscounted."""
        if time.monotonic() < self._next_start:
            return False
        try:
            self.breaker.call(self._start_counts)
        except redis.RedisError:  # the breaker knows of an outage; a refused write waits its turn
            self._next_start = time.monotonic() + START_RETRY_SECONDS
            return False
        return True

    def _start_counts(self) -> None:
        """The counts' and the number indexes' first-use start (started())."""
        self.repositories.opted_out.start()
        self.repositories.number_index.start()

    def key(self, kind: str, number: str = "", bucket: int | None = None, day: str = "") -> str:
        """This store's keys (see store.keys.key_for)."""
        return key_for(self.prefix, kind, number, bucket, day=day)

    def load(self, scope: str, number: str, now: float | None = None) -> Subscriber:
        """The record as it stands now (an expired 'why?' reads as opted out), or a fresh one."""
        self._check_layout()
        raw = self.breaker.call(self.client.hgetall, self.key("number", number))
        return self.from_hash(raw, scope, number).as_of(time.time() if now is None else now)

    @staticmethod
    def from_hash(raw: dict[bytes, bytes], scope: str, number: str) -> Subscriber:
        """One scope's record out of the number's hash, with the number's newest opt-out in any
        scope (REVOKE_ALL: the service decides whether that blocks this scope too)."""
        record = Subscriber.from_dict(commit.record_fields(raw, scope), scope, number)
        return record.evolve(opted_out_anywhere_at=newest_opt_out(raw)) if raw else record

    def scopes_of(self, number: str) -> list[str]:
        """Every scope this number has a record in (for STOPALL)."""
        return commit.scopes_in(self.breaker.call(self.client.hgetall, self.key("number", number)))

    def records(self, pairs: list[tuple[str, str]]) -> list[Subscriber]:
        """Many (scope, number) records in one round trip (exports)."""
        pipe = self.client.pipeline(transaction=False)
        for _, number in pairs:
            pipe.hgetall(self.key("number", number))
        return [
            self.from_hash(raw, scope, number)
            for (scope, number), raw in zip(pairs, self.breaker.call(pipe.execute) if pairs else [])
        ]

    def apply(self, scope: str, number: str, sid: str, decide: Decide, deadline: float | None = None) -> Applied:
        """Run `decide` on the current record and write its result in one atomic, single-slot
        script, once per (scope, sid). While most recent senders are new, the first attempt
        decides on a new record, what a number's first message finds: the script refuses it when
        the record is another and answers with it, so the next attempt is right (a round trip
        saved); while more than one in five have a record, the record is read first (HGETALL),
        saving the refused script. Either way the script writes only onto the record the decision
        was made on. Retried while other messages commit in between, until `deadline` (time.monotonic())
        has passed: then OverBudget, and nothing was written. An open breaker (store away,
        replicas missing) raises at once: the caller journals without waiting on the store."""
        self.breaker.check()
        self.replication.check()
        self._check_layout()
        bucket = bucket_of(number)
        keys = [self.key("number", number, bucket), self.key("index", number, bucket)]  # once a message
        guessed = not self.senders.read_first
        raw: dict[bytes, bytes] = {} if guessed else self.breaker.call(self.client.hgetall, keys[0])
        if not guessed:
            self.senders.note(bool(raw))
        for attempt in range(MAX_ATTEMPTS):
            if deadline is not None and time.monotonic() > deadline:
                raise OverBudget("the webhook's time budget ran out before the write")
            current = self.from_hash(raw, scope, number)
            record, entry, evidence = decide(current)
            record = record.evolve(seq=current.seq + 1, updated_at=entry["time"])  # commit order
            entry = {**entry, "seq": record.seq}
            answer = commit.ScriptReply.of(self.breaker.call(self._write, keys, bucket, raw, record, entry, evidence, sid))
            if guessed and attempt == 0:  # refused: the number had a record
                self.senders.note(answer.outcome != b"ok")
            if answer.outcome == b"ok":
                return Applied({**entry, "id": global_id(bucket, answer.log_id)}, replayed=False)
            raw = answer.record
            if answer.outcome == b"replayed":  # a retry: the entry its first delivery wrote
                stored = self.from_hash(raw, scope, number)
                return Applied(self._replayed(stored, global_id(bucket, answer.first_id), answer.first_fields), replayed=True)
        raise redis.exceptions.WatchError(f"record kept changing under {MAX_ATTEMPTS} attempts")

    def _write(
        self,
        keys: list[str],
        bucket: int,
        raw: dict[bytes, bytes],
        record: Subscriber,
        entry: LogEntry,
        evidence: bool,
        sid: str,
    ) -> list[Any]:
        """The script on the number's keys (its hash, its index) and its bucket's log, register,
        day's counters and review queue: ['ok', id], or the number's hash to decide again on
        ('conflict', 'replayed')."""
        shared = _bucket_keys(self.prefix, bucket, commit.day_of(entry["time"]))
        opted_in = entry["event"] == commit.PEOPLE_EVENTS[1]  # the day's people: untouched unless a change
        number_key, index_key = keys
        keys = [number_key, *shared[:8], index_key, shared[9 if opted_in else 8]]
        drop, grade = self._expired_markers(raw), self.grade(entry)
        args = commit.arguments(raw, record, entry, evidence, sid, drop, HISTORY_CAP, grade, self.feed_retention_ms)
        return self._run(keys, args)

    def _run(self, keys: list[str], args: commit.ScriptArgs) -> list[Any]:
        """The script; with STORE_MIN_REPLICAS, then WAIT on the same connection (the key's
        node in a Cluster: a slot a failover moved is followed once, as the Cluster client
        would), and a write the replicas did not confirm in time is an outage (journalled,
        replayed idempotently)."""
        self._replica_key = keys[0]
        try:
            return self._run_once(keys, args)
        except redis.ResponseError as error:
            if not str(error).startswith("NOREPLICAS"):
                raise
            self.replication.trip(f"the primary refuses writes: {error}")
            raise NoReplicas(f"replication: {error}") from error
        except NotReplicated as error:
            self.replication.trip(str(error))
            raise

    def _run_once(self, keys: list[str], args: commit.ScriptArgs) -> list[Any]:
        """The script alone, or (STORE_MIN_REPLICAS) with its WAIT, following one moved slot."""
        if not self.min_replicas:
            answer: list[Any] = self._commit(keys=keys, args=args)
            return answer
        try:
            return self._run_and_wait(keys, args)
        except redis.exceptions.MovedError as moved:
            self.client.nodes_manager.move_slot(moved)
            return self._run_and_wait(keys, args)

    def _run_and_wait(self, keys: list[str], args: commit.ScriptArgs) -> list[Any]:
        """Script and WAIT on one connection; WAIT's reply awaited the whole WAIT (cut short, it answered the next command)."""
        pipe = store_pipeline(_node_of(self.client, keys[0]), self.wait_ms)
        self._commit(keys=keys, args=args, client=pipe)
        pipe.execute_command("WAIT", self.min_replicas, self.wait_ms)
        result, acknowledged = self.breaker.call(pipe.execute)  # unguarded pipeline: one breaker call
        if result[0] == b"ok" and acknowledged < self.min_replicas:
            raise NotReplicated(f"{acknowledged} of {self.min_replicas} replicas confirmed the write")
        return list(result)

    def _replicas_back(self) -> str | None:
        """The replication breaker's probe: None once enough replicas are online (INFO replication
        on the key's primary), else how many are; a primary's own min-replicas-to-write counts."""
        info = _node_of(self.client, self._replica_key or self.key("number")).info("replication")
        online = sum(
            1
            for name, value in info.items()
            if name.startswith("slave") and isinstance(value, dict) and value.get("state") == "online"
        )
        needed = max(self.min_replicas, self._server_min_replicas())
        return None if online >= needed else f"{online} of {needed} replicas online"

    def _server_min_replicas(self) -> int:
        """The primary's min-replicas-to-write (1 when CONFIG is disabled: it refused a write)."""
        node = _node_of(self.client, self._replica_key or self.key("number"))
        try:
            return int(node.config_get("min-replicas-to-write").get("min-replicas-to-write", 1))
        except redis.ResponseError:
            return 1

    def _expired_markers(self, raw: dict[bytes, bytes]) -> list[str]:
        """Markers past the idempotency window, and the oldest beyond MAX_MARKERS."""
        markers = sorted(
            (int(long_id(v.decode()).split("-")[0]) / 1000, k.decode()) for k, v in raw.items() if k.startswith(b"m|")
        )
        cutoff = time.time() - self.idempotency_ttl
        old = [k for t, k in markers if t < cutoff]
        kept = [k for t, k in markers if t >= cutoff]
        return old + kept[: max(0, len(kept) - MAX_MARKERS + 1)]

    @staticmethod
    def _replayed(current: Subscriber, gid: str, fields: Sequence[Any]) -> LogEntry:
        """The entry a retried message produced; once the log has dropped it (past
        LOG_RETENTION_DAYS), only that it was processed: a late retry gets no reply."""
        if fields:
            flat = fields[0]
            return unpack(dict(zip(flat[::2], flat[1::2])), gid)
        return {
            "id": gid,
            "event": Event.REPLAYED,
            "reply": None,
            "state_after": current.state.value,
            "number": current.number,
            "scope": current.scope,
        }

    def history(self, scope: str, number: str) -> list[LogEntry]:
        """Everything still kept for one subscriber, in commit order: evidence plus recent log."""
        bucket = bucket_of(number)
        fields = commit.record_fields(self.breaker.call(self.client.hgetall, self.key("number", number)), scope)
        log_ids, evidence_ids = (
            [long_id(i) for i in v.decode().split()] if v else [] for v in (fields.get(b"h"), fields.get(b"e"))
        )
        recent = resolve(self.client, self.prefix, bucket, self._rows("log", bucket, log_ids))
        kept = [
            (global_id(bucket, sid), unpack(fields, global_id(bucket, sid)))
            for sid, fields in self._rows("register", bucket, evidence_ids)
        ]
        merged = {_identity(e): e for _, e in kept}
        merged.update({_identity(e): e for _, e in recent})
        return sorted(merged.values(), key=lambda e: (e["seq"], e["time"], e["id"]))

    def _rows(self, stream: str, bucket: int, ids: list[str]) -> list[tuple[bytes, Any]]:
        """Rows of one bucket's stream by stream id, in one round trip; trimmed ones skipped."""
        pipe = self.client.pipeline(transaction=False)
        for sid in ids:
            pipe.xrange(self.key(stream, bucket=bucket), min=sid, max=sid)
        return [hit[0] for hit in self.breaker.call(pipe.execute) if hit]


@lru_cache(maxsize=256)  # 64 buckets, today's and a retry's yesterday
def _bucket_keys(prefix: str, bucket: int, day: str) -> tuple[str, ...]:
    """A bucket's keys the script takes after the number's hash, in its KEYS order (log, register,
    the day's stats, pending reviews, campaigns, feed, opted-out count, counting set), then the
    day's people who opted out and who opted in: built once, not a dozen key_for calls a write."""
    kinds = ("log", "register", "stats", "pending", "campaigns", "feed", "opted-out", "counting")
    keys = [key_for(prefix, kind, bucket=bucket, day=day if kind == "stats" else "") for kind in kinds]
    return (*keys, *(key_for(prefix, "people", bucket=bucket, day=f"{day}-{event}") for event in commit.PEOPLE_EVENTS))


class OverBudget(Verdict, redis.exceptions.TimeoutError):
    """WEBHOOK_BUDGET_MS is spent: journal and answer rather than keep Twilio waiting."""


class NotReplicated(Verdict, redis.exceptions.TimeoutError):
    """Not (known to be) on enough replicas, a failover now could lose it: an outage (journalled,
    replayed idempotently), raised at once while the replication breaker is open."""


class NoReplicas(NotReplicated):
    """The primary itself refused the write (NOREPLICAS: min-replicas-to-write not met)."""


def _node_of(client: Any, key: str) -> Any:
    """The client whose one connection reaches the key's primary (a Cluster node's own client)."""
    if hasattr(client, "get_node_from_key"):
        return client.get_redis_connection(client.get_node_from_key(key))
    return client


def _identity(entry: LogEntry) -> tuple[int, float, str, str]:
    """The same decision read from the log and from the register."""
    return entry["seq"], entry["time"], entry["message_sid"], entry["event"]
