"""The JSONL journal of earlier versions moved into the SQLite journal, once, on start.

Every whole line becomes a pending message (its original arrival kept); a torn or unreadable
line (a short write on a full disk left half a line) goes to `damaged`, never blocks the rest.
The old file is renamed first, so a crash half-way leaves it to be imported again: a message
seen twice is harmless (the store applies a MessageSid once).
"""

from __future__ import annotations

import fnmatch
import json
import logging
import os
import sqlite3
import time
from pathlib import Path

log = logging.getLogger(__name__)
OLD_JOURNAL_PATTERNS = ("journal.jsonl", "journal.replaying-*.jsonl", "journal.migrating-*.jsonl")


def old_journals(folder: Path) -> list[Path]:
    """JSONL journals left by an earlier version (oldest replay files first)."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if any(fnmatch.fnmatchcase(e.name, p) for p in OLD_JOURNAL_PATTERNS)]
    except FileNotFoundError:
        return []
    return [folder / name for name in sorted(names, key=lambda n: (n == "journal.jsonl", n))]


def migrate_jsonl(folder: Path, db: sqlite3.Connection) -> int:
    """Import every old journal file in one transaction each; the number of messages moved in."""
    moved = 0
    for path in old_journals(folder):
        claimed = (
            path
            if path.name.startswith("journal.migrating-")
            else path.rename(folder / f"journal.migrating-{time.time_ns()}.jsonl")
        )
        moved += _import(claimed, db)
        claimed.unlink()
    return moved


def _import(path: Path, db: sqlite3.Connection) -> int:
    """One file's lines: whole ones pending, the rest damaged (logged)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    db.execute("BEGIN IMMEDIATE")
    try:
        good = _insert_lines(path.name, text, db)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    log.warning("moved %d journalled message(s) from %s into the SQLite journal", good, path.name)
    return good


def _insert_lines(name: str, text: str, db: sqlite3.Connection) -> int:
    good = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = _row(line)
        except (ValueError, KeyError, TypeError) as error:
            log.error("old journal %s line %d set aside: %r", name, number, error)
            db.execute(
                "INSERT INTO damaged (found, origin, body, error) VALUES (?, ?, ?, ?)",
                (time.time(), f"{name}:{number}", line, repr(error)),
            )
            continue
        db.execute("INSERT INTO pending (scope, number, sent, received, body) VALUES (?, ?, ?, ?, ?)", row)
        good += 1
    return good


def _row(line: str) -> tuple[str, str, float, float, str]:
    """The columns of one old line (ValueError/KeyError/TypeError when it is not whole)."""
    data = json.loads(line)
    message = data["message"]
    if not isinstance(message, dict) or not isinstance(data.get("intent"), (dict, type(None))):
        raise TypeError("not a journal entry")
    return (str(message["scope"]), str(message["number"]), float(message["now"]), float(data["received"]), line)
