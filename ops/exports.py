"""Streamed exports: the opt-out register (CSV) and the log (CSV, JSONL), row by row."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from domain.times import iso
from store.intent_log import IntentLog
from store.subscribers import SubscriberStore

REGISTER_COLUMNS = ("number", "scope", "time", "channel", "text", "message_sid", "decided_by",
                    "confidence", "reason")
LOG_COLUMNS = ("time", "scope", "number", "channel", "text", "message_sid", "intent",
               "confidence", "language", "source", "detail", "flagged", "state_before",
               "state_after", "event", "reply")
BATCH = 500



FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: Any) -> Any:
    """A text a spreadsheet would run as a formula ('=HYPERLINK(…)', '+SUM(1)', '-1+1 STOP')
    gets a leading apostrophe, as OWASP recommends; numbers stay numbers."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")  # '+14155550100' is a phone number, not a formula


def _csv_lines(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """CSV text, one line at a time (never the whole file in memory), formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([neutralised(cell) for cell in row])
        yield buffer.getvalue()


def register_rows(log: IntentLog, store: SubscriberStore) -> Iterator[list[Any]]:
    """Every opt-out ever recorded, oldest first, with the subscriber's reason (batched reads)."""
    batch: list[dict[str, Any]] = []
    for entry in log.register():
        if entry["event"] == "opted_out":
            batch.append(entry)
        if len(batch) == BATCH:
            yield from _with_reasons(batch, store)
            batch = []
    yield from _with_reasons(batch, store)


def _with_reasons(batch: list[dict[str, Any]], store: SubscriberStore) -> Iterator[list[Any]]:
    records = store.records([(entry["scope"], entry["number"]) for entry in batch])
    for entry, reason in zip(batch, (r.reason.encode() for r in records)):
        yield [entry["number"], entry["scope"], iso(entry["time"]), entry["channel"],
               entry["text"], entry["message_sid"], f"{entry['source']}:{entry['detail']}",
               entry["confidence"], (reason or b"").decode()]


def register_csv(log: IntentLog, store: SubscriberStore) -> Iterator[str]:
    return _csv_lines(REGISTER_COLUMNS, register_rows(log, store))


def log_csv(entries: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[str]:
    rows = ([iso(e["time"]) if c == "time" else e.get(c, "") for c in LOG_COLUMNS]
            for _, e in entries)
    return _csv_lines(LOG_COLUMNS, rows)


def log_jsonl(entries: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[str]:
    return (json.dumps(e, ensure_ascii=False) + "\n" for _, e in entries)
