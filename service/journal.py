"""A durable local journal of messages the store could not take, replayed once it is back.

SQLite (standard library) is the queue: WAL, synchronous=FULL and one transaction a message,
so a message is on disk whole or not at all (a full disk or a file-size limit is a clean
error, nothing half-written), an index on the number gives every view its pending decisions,
and replay order is a query. The file is created 0600. An entry that cannot be read back
(a torn line of the old JSONL journal, a body that no longer parses) is set aside in the
`damaged` table for inspection, logged and counted: it never blocks the rest.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, NamedTuple

from domain.consent import overrides
from domain.messages import Inbound
from intents import Intent
from service.journal_migration import migrate_jsonl, old_journals

log = logging.getLogger(__name__)
JOURNAL_FILE = "journal.sqlite3"
BUSY_TIMEOUT_MS = 2000  # workers wait this long for each other's one-row transactions
BATCH = 200  # messages a replay reads at a time
MIN_FREE_BYTES = 1024 * 1024  # below this the journal is called unwritable (a message is ~2 KB)
SCHEMA = """
CREATE TABLE IF NOT EXISTS pending (
  id INTEGER PRIMARY KEY AUTOINCREMENT, scope TEXT NOT NULL, number TEXT NOT NULL,
  sent REAL NOT NULL, received REAL NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS pending_by_number ON pending (number, sent, received, id);
CREATE INDEX IF NOT EXISTS pending_by_time ON pending (sent, received, id);
CREATE TABLE IF NOT EXISTS damaged (
  id INTEGER PRIMARY KEY AUTOINCREMENT, found REAL NOT NULL, origin TEXT NOT NULL,
  body TEXT NOT NULL, error TEXT NOT NULL);
"""


class Waiting(NamedTuple):
    """What the journal holds for one live message: messages of its number (it must queue
    behind them) and messages of any number (the store answers again: replay them)."""

    number: bool = False
    anyone: bool = False


NOTHING_WAITING = Waiting()


class JournalUnwritable(OSError):
    """The journal cannot take a message (disk full, file-size limit, locked too long)."""


@dataclass(frozen=True)
class Journalled:
    """One journalled message with the intent decided when it arrived."""

    message: Inbound
    intent: Intent | None  # None: the intent layer itself failed; the replay classifies again
    received: float

    def to_json(self, error: str = "") -> str:
        intent = self.intent.to_dict() if self.intent is not None else None
        return json.dumps(
            {"message": asdict(self.message), "intent": intent, "received": self.received, "error": error}, ensure_ascii=False
        )

    @classmethod
    def from_json(cls, line: str) -> Journalled:
        """Raises ValueError (or KeyError/TypeError) for a body that is not a whole entry."""
        data = json.loads(line)
        if data["intent"] is None:
            return cls(Inbound(**data["message"]), None, float(data["received"]))
        intent = dict(data["intent"])
        intent["name"] = intent.pop("intent")
        return cls(Inbound(**data["message"]), Intent(**intent), float(data["received"]))

    @property
    def consent(self) -> bool | None:
        """What this message decides about consent once applied: True opted out, False opted
        in (an explicit keyword or the carrier only), None for anything else."""
        if self.intent is None:
            return None
        if self.intent.name == "opt_out":
            return True
        if self.intent.name == "opt_in" and self.intent.source in ("keyword", "carrier"):
            return False
        return None

    def concerns(self, scope: str, number: str) -> bool:
        """Does this message speak for (scope, number)? STOPALL speaks for every scope."""
        return self.message.number == number and (
            self.message.scope == scope or (self.intent is not None and self.intent.all_scopes)
        )


UNREADABLE = (ValueError, KeyError, TypeError)  # json.JSONDecodeError is a ValueError


class Journal:
    """instance/journal.sqlite3: append, read pending decisions, replay in order."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self.path = self.folder / JOURNAL_FILE
        self._local = threading.local()
        self._ready = False
        self._no_old_journals = False  # the folder was seen without old JSONL journals
        self._ready_lock = threading.Lock()

    # -- writing -------------------------------------------------------------------------

    def append(self, message: Inbound, intent: Intent | None, error: str) -> None:
        """Commit one message durably, whole or not at all (JournalUnwritable otherwise)."""
        body = Journalled(message, intent, time.time()).to_json(error)
        try:
            with self._transaction() as db:
                db.execute(
                    "INSERT INTO pending (scope, number, sent, received, body) VALUES (?, ?, ?, ?, ?)",
                    (message.scope, message.number, message.now, time.time(), body),
                )
        except sqlite3.Error as failure:
            raise JournalUnwritable(f"journal {self.path}: {failure}") from failure

    def unwritable(self) -> str | None:
        """Why this instance could not journal a message now (/readyz), or None: the file opens
        for writing, no other writer holds it past the busy timeout, and the disk has room."""
        try:
            with self._transaction():
                pass
            room = os.statvfs(self.folder)
        except OSError as error:  # JournalUnwritable included
            return str(error)
        if room.f_bavail * room.f_frsize < MIN_FREE_BYTES:
            return f"less than {MIN_FREE_BYTES // 1024} KiB free under {self.folder}"
        return None

    # -- reading -------------------------------------------------------------------------

    def has_pending(self) -> bool:
        """Anything not yet applied to the store (asked on every webhook request)."""
        if self._absent():
            return False
        return bool(self._query("SELECT EXISTS (SELECT 1 FROM pending)")[0][0])

    def depth(self) -> int:
        """Messages waiting for the store (/metrics, /readyz)."""
        return int(self._query("SELECT COUNT(*) FROM pending")[0][0]) if not self._absent() else 0

    def damaged(self) -> int:
        """Entries set aside because they could not be read back (/metrics, /readyz)."""
        return int(self._query("SELECT COUNT(*) FROM damaged")[0][0]) if not self._absent() else 0

    def entries(self) -> list[Journalled]:
        """Every journalled message, in the order it was sent (original time, then arrival)."""
        if self._absent():
            return []
        return self._readable(self._query("SELECT id, body FROM pending ORDER BY sent, received, id"))

    def waiting(self, number: str) -> Waiting:
        """Both questions a live message asks (its number's messages, anyone's) in one query."""
        if self._absent():
            return NOTHING_WAITING
        sql = "SELECT EXISTS (SELECT 1 FROM pending WHERE number = ?), EXISTS (SELECT 1 FROM pending)"
        held, anyone = self._query(sql, (number,))[0]
        return Waiting(bool(held), bool(anyone))

    def for_number(self, number: str) -> list[Journalled]:
        """This number's journalled messages in sending order (the index on the number)."""
        if self._absent():
            return []
        rows = self._query("SELECT id, body FROM pending WHERE number = ? ORDER BY sent, received, id", (number,))
        return self._readable(rows)

    def decision(self, scope: str, number: str, tie: float = 0.0) -> Journalled | None:
        """The journalled consent decision that stands for (scope, number), or None: each one
        in sending order against the one standing before it, as the replay will apply them
        (within `tie` seconds the opt-out stands: domain.consent.overrides)."""
        decided = None
        for journalled in self.for_number(number):
            if journalled.concerns(scope, number):
                decided = _standing(decided, journalled, tie)
        return decided

    def consent(self, scope: str, number: str, tie: float = 0.0) -> bool | None:
        """The standing journalled consent decision: True opted out, False opted in."""
        decided = self.decision(scope, number, tie)
        return decided.consent if decided is not None else None

    def opted_out_numbers(self, tie: float = 0.0) -> list[Journalled]:
        """Journalled opt-outs whose (scope, number) ends opted out by the journal alone."""
        last: dict[tuple[str, str], Journalled | None] = {}
        for journalled in self.entries():
            key = (journalled.message.scope, journalled.message.number)
            last[key] = _standing(last.get(key), journalled, tie)
        return [j for j in last.values() if j is not None and j.consent]

    # -- replaying -----------------------------------------------------------------------

    def replay(self, apply: Callable[[Journalled], Any]) -> int:
        """Apply every journalled message once, in sending order, removing each once applied;
        0 when another process replays. A failing `apply` stops the replay and keeps the rest."""
        if self._absent():
            return 0
        with self._replay_lock() as mine:
            if not mine:
                return 0
            done = 0
            while batch := self._query("SELECT id, body FROM pending ORDER BY sent, received, id LIMIT ?", (BATCH,)):
                for row_id, journalled in self._parsed(batch):
                    apply(journalled)
                    with self._transaction() as db:
                        db.execute("DELETE FROM pending WHERE id = ?", (row_id,))
                    done += 1
            return done

    @contextlib.contextmanager
    def _replay_lock(self) -> Iterator[bool]:
        """One replaying process at a time (other processes and threads skip)."""
        with open(self.folder / "journal.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True

    # -- rows and damage -----------------------------------------------------------------

    def _readable(self, rows: list[tuple[Any, ...]]) -> list[Journalled]:
        return [journalled for _, journalled in self._parsed(rows)]

    def _parsed(self, rows: list[tuple[Any, ...]]) -> list[tuple[int, Journalled]]:
        """Rows read back as messages; one that cannot be is moved to `damaged`, never raised."""
        parsed = []
        for row_id, body in rows:
            try:
                parsed.append((row_id, Journalled.from_json(body)))
            except UNREADABLE as error:
                self._set_aside(f"pending #{row_id}", body, error, row_id)
        return parsed

    def _set_aside(self, origin: str, body: str, error: Exception, row_id: int | None = None) -> None:
        log.error("journal entry set aside (%s): %r", origin, error)
        with self._transaction() as db:
            db.execute(
                "INSERT INTO damaged (found, origin, body, error) VALUES (?, ?, ?, ?)", (time.time(), origin, body, repr(error))
            )
            if row_id is not None:
                db.execute("DELETE FROM pending WHERE id = ?", (row_id,))

    # -- the database --------------------------------------------------------------------

    def _query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return list(self._connection().execute(sql, parameters).fetchall())

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE), committed or rolled back."""
        db = self._connection()
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as failure:
            raise JournalUnwritable(f"journal {self.path}: {failure}") from failure
        try:
            yield db
        except BaseException:
            db.rollback()
            raise
        db.commit()

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections are not shared across threads or forks)."""
        held = getattr(self._local, "held", None)
        if held is not None and held[0] == os.getpid():
            return held[1]  # type: ignore[no-any-return]
        self._prepare()
        db = _open(self.path)
        self._local.held = (os.getpid(), db)
        return db

    def close(self) -> None:
        """This thread's connection closed (a journal opened only to look, as at start)."""
        held = getattr(self._local, "held", None)
        if held is not None:
            held[1].close()
            self._local.held = None

    def _prepare(self) -> None:
        """Once a process: the folder, the 0600 file, the schema, and an old JSONL journal moved in."""
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as failure:
                raise JournalUnwritable(f"journal {self.path}: {failure}") from failure
            with _exclusive(self.folder / "journal.migrate.lock"), contextlib.closing(_open(self.path)) as db:
                _owner_only(self.path)
                db.executescript(SCHEMA)
                migrate_jsonl(self.folder, db)
            self._ready = True

    def _absent(self) -> bool:
        """Nothing journalled on disk at all (no database, no old JSONL journal to move in). Asked
        on every webhook request: a stat of the database, the folder listed only until it was
        once seen without old journals (only earlier versions wrote them, and a ready journal
        never looks for them again either: they move in once, in _prepare)."""
        if self._ready or os.path.exists(self.path):
            return False
        if self._no_old_journals:
            return True
        self._no_old_journals = not old_journals(self.folder)
        return self._no_old_journals


def _owner_only(path: Path) -> None:
    """0600 (phone numbers inside), set by path: the file is never opened outside SQLite, since
    closing any other descriptor of it drops every POSIX lock this process's connections hold
    (SQLite's own warning: corruption, lost commits); its -wal and -shm copy this mode."""
    try:
        os.chmod(path, 0o600)
    except OSError as failure:
        raise JournalUnwritable(f"journal {path}: {failure}") from failure


@contextlib.contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """A blocking lock across processes (the schema and the migration, once)."""
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _open(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, fsync on commit."""
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
    except sqlite3.Error as failure:
        raise JournalUnwritable(f"journal {path}: {failure}") from failure
    return db


def _standing(before: Journalled | None, journalled: Journalled, tie: float) -> Journalled | None:
    """The consent decision that stands once `journalled` is taken after `before`."""
    if journalled.consent is None:
        return before
    if before is None or overrides(journalled.message.now, journalled.consent, before.message.now, tie):
        return journalled
    return before
