"""Streamed exports: the opt-out register (CSV) and the log (CSV, JSONL), row by row."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import repeat
from typing import Any

from domain.decided import decided_by
from domain.events import Event
from domain.log_entry import LogEntry
from domain.times import iso, iso_fast
from service.journal import Journalled
from store.intent_log import IntentLog, Row

REGISTER_COLUMNS = (
    "number",
    "scope",
    "time",
    "event",
    "channel",
    "text",
    "message_sid",
    "decided_by",
    "confidence",
    "reason",
    "reason_category",
    "entry_id",
    "campaign",  # last, so that a reader of the columns before it by position still reads them
)
LOG_COLUMNS = (
    "time",
    "scope",
    "number",
    "channel",
    "text",
    "message_sid",
    "intent",
    "confidence",
    "language",
    "source",
    "detail",
    "flagged",
    "state_before",
    "state_after",
    "event",
    "reply",
    "campaign",  # last, as in the register: the campaign an opt-out or its reason is attributed to
)
CHUNK_CHARS = 64 * 1024  # a streamed download's piece: one socket write each
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
        # neutralised() only for a text that may be a formula: a million rows, twelve cells each
        writer.writerow([neutralised(cell) if isinstance(cell, str) and cell[:1] in FORMULA_FIRST else cell for cell in row])
        yield buffer.getvalue()


FORMULA_FIRST = frozenset(start[0] for start in FORMULA_STARTS)


def register_rows(log: IntentLog) -> Iterator[list[str]]:
    """One row per consent event, oldest first, every cell read from that event's own entry.

    A reason is a row of its own (event 'reason_recorded', its text in `reason`), not a cell
    filled into the opt-out row before it: the register is evidence of what each message said
    and when, so a row is never rewritten by a later one (two opt-outs keep their own reasons,
    an opt-in between them stays visible), and pairing rows would mean holding opt-outs back
    until their answer came (up to REASON_TIMEOUT_SECONDS later) or reading back per row:
    neither streams in flat memory. The number column ties a reason to the opt-out before it."""
    for batch in log.register_batches(REGISTER_FIELDS):
        yield from ([cell.decode() for cell in _register_cells(gid, values)] for *_, gid, values in batch)


def _register_cells(gid: bytes, values: tuple[bytes, ...]) -> tuple[bytes, ...]:
    """One event's cells, from its own fields only, as bytes (a line is decoded once, not 13 cells)."""
    number, scope, at, event, channel, text, sid, source, detail, confidence, category, campaign = values
    reason = _reason(text) if event == REASON else b""
    at, rule = iso_fast(float(at or 0)).encode(), _decided(source, detail)
    return (number, scope, at, event, channel, text, sid, rule, confidence, reason, category, gid, campaign)


@lru_cache(maxsize=4096)  # a handful of rules decide nearly every row
def _decided(source: bytes, detail: bytes) -> bytes:
    """decided_by() of raw fields."""
    return decided_by(source.decode(), detail.decode()).encode()


def _reason(text: bytes) -> bytes:
    """A reason as the subscriber record keeps it: REASON_LIMIT characters (not bytes)."""
    return text if len(text) <= REASON_LIMIT else text.decode()[:REASON_LIMIT].encode()


REGISTER_FIELDS = (
    "number",
    "scope",
    "time",
    "event",
    "channel",
    "text",
    "message_sid",
    "source",
    "detail",
    "confidence",
    "reason_category",
    "campaign",
)
REASON = Event.REASON_RECORDED.value.encode()
REASON_LIMIT = 500  # as the subscriber record keeps a reason (handlers/actions.py handle_reason)


def pending_rows(pending: Iterable[Journalled]) -> list[list[str]]:
    """Journalled opt-outs as register rows, so the register never hides one the store lacks."""
    return [_pending_row(journalled) for journalled in pending]


def _pending_row(journalled: Journalled) -> list[str]:
    """One journalled opt-out in REGISTER_COLUMNS; entry_id 'journal:<MessageSid>' marks it pending
    (no campaign yet: the store decides that when it takes the message)."""
    m, intent = journalled.message, journalled.intent
    rule = decided_by(intent.source, intent.detail) if intent is not None else ""
    confidence = str(round(intent.confidence, 4)) if intent is not None else ""
    return [
        m.number,
        m.scope,
        iso(m.now),
        Event.OPTED_OUT.value,
        m.channel,
        m.text,
        m.message_sid,
        rule,
        confidence,
        "",
        "",
        f"journal:{m.message_sid}",
        "",  # attributed when it is replayed into the store
    ]


def register_csv(log: IntentLog, pending: Iterable[Journalled] = ()) -> Iterator[str]:
    """The register as CSV, formulas neutralised, a piece per batch read (hundreds of lines: one
    string each, not a million); no row needs a record. `pending` (read before the register: a
    replay meanwhile repeats a row, never loses one) follows the stored rows, the opt-outs still
    in the journal (OptOutService.pending_opt_outs)."""
    yield _careful_line(REGISTER_COLUMNS)
    for batch in log.register_batches(REGISTER_FIELDS):
        yield "".join([_batch_text(batch[start : start + LINES]) for start in range(0, len(batch), LINES)])
    yield "".join([_register_line(row) for row in pending_rows(pending)])


def _batch_text(batch: list[Row]) -> str:
    """A batch's lines, built a column at a time (map and zip run in C: a Python step per row
    costs about a second a million rows), then checked as one block (_plain_block)."""
    if not batch:
        return ""
    _, _, _, gids, values = zip(*batch)
    number, scope, at, event, channel, text, sid, source, detail, confidence, category, campaign = zip(*values)
    reasons = [_reason(t) if e == REASON else b"" for e, t in zip(event, text)] if REASON in event else repeat(b"")
    rules = list(map(_decided, source, detail))
    columns = [number, scope, _times(at), event, channel, text, sid, rules, confidence, reasons, category, gids, campaign]
    block = b"\r\n".join(map(b",".join, zip(*columns))) + b"\r\n"  # zip reuses its tuple: none kept per row
    if _plain_block(block, len(batch), len(columns)):
        return block.decode()
    return _checked(list(zip(*columns))).decode()


def _checked(rows: list[tuple[bytes, ...]]) -> bytes:
    """Rows (not a plain block) as csv.writer writes them once neutralised(): halved while one
    half is a plain block, to find the few lines that need the writer (_raw_line); when both
    halves hold such lines, they are many, and every line is written on its own at once."""
    if len(rows) <= FEW_LINES:
        return _one_at_a_time(rows)
    half = len(rows) // 2
    first, second = _plain(rows[:half]), _plain(rows[half:])
    if first is None and second is None:
        return _one_at_a_time(rows)
    return (first if first is not None else _checked(rows[:half])) + (second if second is not None else _checked(rows[half:]))


def _plain(rows: list[tuple[bytes, ...]]) -> bytes | None:
    """The rows' block when it is plain (_plain_block), else None."""
    block = b"\r\n".join(map(b",".join, rows)) + b"\r\n"
    return block if _plain_block(block, len(rows), len(rows[0])) else None


def _one_at_a_time(rows: list[tuple[bytes, ...]]) -> bytes:
    """Each row as _raw_line writes it."""
    return b"".join(map(_raw_line, rows))


LINES = 256  # rows built column by column at once: their cells stay in the CPU cache from column to column
FEW_LINES = 16  # a block this short that is not plain is written a line at a time


def _plain_block(block: bytes, lines: int, width: int) -> bool:
    """Whether every line of a block is plain (as _raw_line tells of one line): its commas and
    line breaks are only the separators, no quote, no cell neutralised() changes. Each test is
    a pass over the block in C looking for one byte (a regex that tries every comma costs
    more than the rest of the line together)."""
    if len(block) - len(block.translate(None, SPECIAL)) != lines * (width + 1):  # a cell holds one
        return False
    if FIRST_FORMULA.match(block) or PLUS_CELL.search(block) or MINUS_CELL.search(block):
        return False
    return not any(start in block for start in OTHER_STARTS) or not OTHER_CELL.search(block)


SPECIAL = b',"\r\n'  # separators: width - 1 commas, a CR and a LF a line; a quote only in a cell
OTHER_STARTS = (b"=", b"@", b"\t")  # rare anywhere: the search for them at a cell comes after


def _times(raw: tuple[bytes, ...]) -> list[bytes]:
    """iso_fast() of each time field, a column at a time: the date and time of day once per
    distinct second (rows in time order share them), the microseconds as iso_fast rounds them
    (a field that is empty, negative or out of range, or a whole second: iso_fast itself)."""
    try:
        stamps = list(map(float, raw))
    except ValueError:  # an entry without a time (b''): 0, as iso_fast reads it
        return [iso_fast(float(t or 0)).encode() for t in raw]
    seconds = list(map(int, stamps))
    micros = list(map(round, map(MICRO.__mul__, map(float.__sub__, stamps, seconds))))
    if not (0 <= min(stamps) and max(stamps) < LAST_SECOND and 0 < min(micros) and max(micros) < 1_000_000):
        return [iso_fast(t).encode() for t in stamps]
    heads = {second: iso_fast(second)[:-6].encode() for second in set(seconds)}
    return list(map(bytes.__add__, map(heads.__getitem__, seconds), map(b".%06d+00:00".__mod__, micros)))


MICRO = 1e6
LAST_SECOND = 253402300800  # 10000-01-01: iso_fast (and datetime) refuse it


def _register_line(row: list[str]) -> str:
    """A row as csv.writer writes it once neutralised()."""
    return _raw_line([cell.encode() for cell in row]).decode()


def _raw_line(cells: Sequence[bytes]) -> bytes:
    """_register_line() of raw cells: the writer costs a list of checked cells and a call per row
    (seconds, a million rows), so a plain row (no comma, quote or line break in a cell, no cell
    neutralised() changes) is only joined; any other takes the writer."""
    line = b",".join(cells)
    plain = line.count(b",") == len(cells) - 1 and len(line.translate(None, QUOTED)) == len(line)
    if plain and not FORMULA_CELL.search(b"," + line):
        return line + b"\r\n"
    return _careful_line([neutralised(cell.decode()) for cell in cells]).encode()


QUOTED = b'"\r\n'  # a cell holding one is quoted (a comma too: counted apart)
# a cell neutralised() changes, found at the comma before it (a line searched with one put in
# front): FORMULA_STARTS not followed by a PLAIN_NUMBER (ASCII digits here: a cell this takes
# for a formula only goes to the writer, which decides exactly), as a search that stops only at
# commas (tests/test_export_lines.py checks it against csv.writer and neutralised())
FORMULA_CELL = re.compile(rb",(?:[=@\t\r]|[+-](?!\d+(?:\.\d+)?(?:,|\Z)))")
# the same of a block of lines (_plain_block: no CR or LF in a cell, so a CR ends a cell): the
# first cell of the first line, and any cell after a comma or a line's LF
FIRST_FORMULA = re.compile(rb"[=@\t]|[+-](?!\d+(?:\.\d+)?[,\r])")
# a '+' or '-' that starts a cell (after a comma or a line's LF; found by the sign itself, the
# rarer byte) and is not a plain number; one of the OTHER_STARTS at the start of a cell
PLUS_CELL, MINUS_CELL = (re.compile(sign + rb"(?<=[,\n]" + sign + rb")(?!\d+(?:\.\d+)?[,\r])") for sign in (rb"\+", b"-"))
OTHER_CELL = re.compile(rb"[,\n][=@\t]")


def _careful_line(row: Iterable[str]) -> str:
    """One CSV line, as csv.writer writes it."""
    lines: list[str] = []
    csv.writer(_Sink(lines)).writerow(row)
    return lines[0]


class _Sink:
    """A file whose every write is one CSV line kept in a list (csv.writer writes a row at once)."""

    def __init__(self, lines: list[str]) -> None:
        self.write = lines.append


def in_chunks(lines: Iterable[str], size: int = CHUNK_CHARS) -> Iterator[str]:
    """Lines joined into pieces of about `size` characters: one socket write per piece, not per
    row (a million sends would cost seconds), and still never more than a piece in memory."""
    piece: list[str] = []
    held = 0
    for line in lines:
        piece.append(line)
        held += len(line)
        if held >= size:
            yield "".join(piece)
            piece, held = [], 0
    if piece:
        yield "".join(piece)


def log_csv(entries: Iterable[tuple[str, LogEntry]]) -> Iterator[str]:
    rows = ([iso(e["time"]) if c == "time" else e.get(c, "") for c in LOG_COLUMNS] for _, e in entries)
    return _csv_lines(LOG_COLUMNS, rows)


def log_jsonl(entries: Iterable[tuple[str, LogEntry]]) -> Iterator[str]:
    return (json.dumps(e, ensure_ascii=False) + "\n" for _, e in entries)
