"""A durable local journal of messages the store could not take, replayed once it is back.

Each line is appended and fsync'd (file mode 0600) before the subscriber gets an answer.
Replay runs in one process at a time (a file lock), first moves the journal aside so that
lines appended meanwhile go to a fresh file and are never lost, and applies the messages in
their original order with their original times.
"""
from __future__ import annotations

import contextlib
import fcntl
import fnmatch
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from intents import Intent
from service.optout import Inbound

log = logging.getLogger(__name__)
JOURNAL_FILE = "journal.jsonl"
REPLAYING_GLOB = "journal.replaying-*.jsonl"


@dataclass(frozen=True)
class Journalled:
    """One journalled message with the intent decided when it arrived."""

    message: Inbound
    intent: Intent | None  # None: the intent layer itself failed; the replay classifies again
    received: float

    def to_json(self, error: str = "") -> str:
        intent = self.intent.to_dict() if self.intent is not None else None
        return json.dumps({"message": asdict(self.message), "intent": intent,
                           "received": self.received, "error": error}, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> Journalled:
        data = json.loads(line)
        if data["intent"] is None:
            return cls(Inbound(**data["message"]), None, data["received"])
        intent = dict(data["intent"])
        intent["name"] = intent.pop("intent")
        return cls(Inbound(**data["message"]), Intent(**intent), data["received"])


class Journal:
    """instance/journal.jsonl and the replay lock beside it."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self.path = self.folder / JOURNAL_FILE

    def append(self, message: Inbound, intent: Intent | None, error: str) -> None:
        """Write one line durably (raises OSError when the disk cannot take it)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        line = Journalled(message, intent, time.time()).to_json(error) + "\n"
        with self._appending(fcntl.LOCK_SH):  # a replay cannot move the file mid-write
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode())
                os.fsync(fd)
            finally:
                os.close(fd)

    @contextlib.contextmanager
    def _appending(self, mode: int) -> Iterator[None]:
        """Writers share this lock; moving the journal aside takes it alone."""
        fd = os.open(self.folder / "journal.append.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, mode)
            yield
        finally:
            os.close(fd)

    def has_pending(self) -> bool:
        """Anything not yet applied to the store (asked on every webhook request). The journal
        first, then the files a replay moved it to: a rename between the two looks is still seen
        (one snapshot of the folder could miss a file renamed while it was read)."""
        return _size(self.path) > 0 or any(_size(path) for path in self._replaying())

    def entries(self) -> list[Journalled]:
        """Every journalled message, in the order it was sent (original time, then arrival)."""
        if not self.folder.is_dir():
            return []
        with self._appending(fcntl.LOCK_SH):  # a replay moving the file aside would show it twice
            texts = [_text(path) for path in self._files()]
        found = [Journalled.from_json(line) for text in texts for line in text.splitlines() if line.strip()]
        return sorted(found, key=lambda j: (j.message.now, j.received))

    def consent(self, scope: str, number: str) -> bool | None:
        """The newest journalled consent decision for this number: True opted out, False opted in."""
        decided = None
        for journalled in self.entries():
            message, intent = journalled.message, journalled.intent
            if intent is None:
                continue  # not classified yet: the replay decides
            if message.number != number or not (message.scope == scope or intent.all_scopes):
                continue
            if intent.name == "opt_out":
                decided = True
            elif intent.name == "opt_in" and intent.source in ("keyword", "carrier"):
                decided = False
        return decided

    def replay(self, apply: Callable[[Journalled], Any]) -> int:
        """Apply every journalled message once, in order; False when another process replays."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "journal.lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return 0
            with self._appending(fcntl.LOCK_EX):  # no write is half-way into the old file
                if _size(self.path):
                    os.replace(self.path, self.folder / f"journal.replaying-{time.time_ns()}.jsonl")
            done = 0
            for path in self._replaying():
                done += self._replay_file(path, apply)
            return done

    def _replay_file(self, path: Path, apply: Callable[[Journalled], Any]) -> int:
        """Apply one moved-aside file; on failure keep what is left and stop."""
        entries = sorted((Journalled.from_json(line) for line in
                          path.read_text(encoding="utf-8").splitlines() if line.strip()),
                         key=lambda j: (j.message.now, j.received))
        for index, journalled in enumerate(entries):
            try:
                apply(journalled)
            except Exception:
                if index:  # keep what is left, replacing the file in one step (readers never see it empty)
                    partial = path.with_suffix(".partial")
                    partial.write_text("".join(j.to_json() + "\n" for j in entries[index:]), encoding="utf-8")
                    os.replace(partial, path)
                log.warning("journal replay stopped with %d message(s) left", len(entries) - index)
                raise
        path.unlink()
        return len(entries)

    def _files(self) -> Iterator[Path]:
        if self.path.exists():
            yield self.path
        yield from self._replaying()

    def _replaying(self) -> list[Path]:
        """The files replays moved the journal to, oldest first (one directory read, no glob)."""
        try:
            with os.scandir(self.folder) as entries:
                return sorted(Path(e.path) for e in entries if fnmatch.fnmatchcase(e.name, REPLAYING_GLOB))
        except FileNotFoundError:
            return []


def _size(path: Path) -> int:
    """A journal file's size; 0 once a replay has applied and removed it."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _text(path: Path) -> str:
    """A journal file's lines; none once a replay has applied them to the store and removed it."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
