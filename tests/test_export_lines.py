"""The register export's fast path writes exactly what csv.writer and neutralised() write."""

from __future__ import annotations

import csv
import io
import random
import time

import pytest

from domain.times import iso, iso_fast
from ops import exports
from store.entries import FIELDS, pack
from store.intent_log import IntentLog
from store.keys import key_for
from tests.conftest import store_client

AWKWARD = [
    "STOP",
    "",
    "a,b",
    'say "hi"',
    "line\nbreak",
    "cr\rx",
    "crlf\r\n",
    '=HYPERLINK("x")',
    "+SUM(1)",
    "-1+1 STOP",
    "@cmd",
    "\tTAB",
    "+14155550100",
    "-5",
    "+1.5",
    "-2.25",
    "+1.",
    "+",
    "-",
    "+1e5",
    "=",
    ",",
    '"',
    " leading",
    "trailing ",
    "1,000",
    "+12\n",
    "-5,",
    "+1.5\n",
    "a\x00b",
    "\r",
    "Stoppen ü",
    "停止",
    "😀 stop",
    "+١٢٣",
    "+12,=1",
    "ACME",
    "12345",
    "2026-01-01T00:00:00+00:00",
    "keyword:stop",
    "17-1764900012345-0",
]


def written(row: list[str]) -> str:
    """The line csv.writer writes for the neutralised row: what the export must equal."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([exports.neutralised(cell) for cell in row])
    return buffer.getvalue()


def plain_row() -> list[str]:
    return [
        "+12000012345",
        "+14155550199",
        iso(1764900012.345),
        "opted_out",
        "sms",
        "STOP",
        "SM" + "0" * 30,
        "keyword:stop",
        "1.0",
        "",
        "",
        "17-1764900012345-0",
        "spring sale",
    ]


@pytest.mark.parametrize("cell", AWKWARD)
def test_every_awkward_cell_in_every_column_is_written_as_the_csv_module_writes_it(cell):
    for column in range(len(exports.REGISTER_COLUMNS)):
        row = plain_row()
        row[column] = cell
        assert exports._register_line(row) == written(row), (column, cell)


def test_random_rows_of_awkward_cells_are_written_as_the_csv_module_writes_them():
    chance = random.Random(27)
    for _ in range(5000):
        row = [chance.choice(AWKWARD) for _ in exports.REGISTER_COLUMNS]
        assert exports._register_line(row) == written(row), row


def test_iso_fast_is_iso_to_the_microsecond():
    chance = random.Random(27)
    edges = [
        0.0,
        1.0,
        0.9999995,
        1.9999995,
        1.0000005,
        1765000000.9999995,
        1765000000.0000005,
        1.5e-6,
        2.5e-6,
        -0.5,
        -1e-7,
        -0.9999996,
        253402300799.4,
    ]
    stamps = edges + [chance.uniform(-3e10, 3e10) for _ in range(20000)]
    stamps += [chance.randrange(0, 2**33) + (k + 0.5) / 1e6 for k in range(0, 1_000_000, 97)]
    assert [iso_fast(t) for t in stamps] == [iso(t) for t in stamps]


def test_the_register_csv_is_the_csv_module_over_its_rows(redis_url, prefix):
    """Stored rows with awkward texts, read back in batches: the same bytes as csv.writer."""
    client = store_client(redis_url)
    pipe = client.pipeline(transaction=False)
    now = time.time()
    for i in range(900):
        text = AWKWARD[i % len(AWKWARD)]
        entry = {
            "time": now + i / 1000,
            "scope": "+14155550199",
            "number": f"+1{2000000000 + i}",
            "channel": "sms",
            "text": text,
            "message_sid": f"SM{i:032x}",
            "confidence": 0.9,
            "source": "keyword",
            "detail": "keyword:stop",
            "seq": 1,
            "event": "reason_recorded" if i % 3 else "opted_out",
        }
        pipe.execute_command("XADD", key_for(prefix, "register", entry["number"]), "*", *pack(entry))
    pipe.execute()
    log = IntentLog(client, prefix, 30)
    expected = written(list(exports.REGISTER_COLUMNS)) + "".join(map(written, exports.register_rows(log)))
    assert expected.count("\r\n") >= 901
    assert "".join(exports.register_csv(log)) == expected
    assert "".join(exports.in_chunks(exports.register_csv(log), size=1000)) == expected


def stored_values(cells: dict[str, str]) -> tuple[bytes, ...]:
    """An entry's REGISTER_FIELDS as the store sends them."""
    return tuple(cells.get(name, "").encode() for name in exports.REGISTER_FIELDS)


def plain_values(i: int, at: str) -> tuple[bytes, ...]:
    return stored_values(
        {
            "number": f"+1{2000000000 + i}",
            "scope": "+14155550199",
            "time": at,
            "event": "opted_out",
            "channel": "sms",
            "text": "STOP",
            "message_sid": f"SM{i:032x}",
            "source": "keyword",
            "detail": "keyword:stop",
            "confidence": "1.0",
        }
    )


def one_at_a_time(batch) -> str:
    """What the export wrote before it built a batch column by column: a line per row."""
    return b"".join(exports._raw_line(exports._register_cells(gid, values)) for *_, gid, values in batch).decode()


def batch_of(values: list[tuple[bytes, ...]]):
    return [(1764900012345 + i, 0, 3, b"3-%d-0" % (1764900012345 + i), v) for i, v in enumerate(values)]


@pytest.mark.parametrize("column", range(len(exports.REGISTER_FIELDS)))
def test_one_awkward_cell_in_a_long_batch_is_written_as_the_csv_module_writes_it(column):
    """A block of plain lines is checked at once: an awkward cell anywhere (the first cell of a
    line, of the block, included) is still found, and only its line is written by csv.writer."""
    name = exports.REGISTER_FIELDS[column]
    for cell in AWKWARD:
        if name == "time":
            continue  # a time is a number: test_times_of_every_kind_are_iso_fast
        for awkward in ((137,), (0,), (0, 137)):  # one among plain halves; a block's very first cell
            rows = [list(plain_values(i, str(1764900012.345 + i / 7))) for i in range(300)]
            for i in awkward:
                rows[i][column] = cell.encode()
            batch = batch_of([tuple(row) for row in rows])
            assert exports._batch_text(batch) == one_at_a_time(batch), (name, cell, awkward)


def test_times_of_every_kind_are_iso_fast():
    """Column by column, a time is what iso_fast writes: whole seconds, a microsecond rounded
    up into the next second, none, negative, the last second datetime writes, long and short
    fractions, in a batch of their own and among ordinary times."""
    odd = ["1765000000", "1765000000.0", "1765000000.9999996", "", "-1.5", "0.000001", "253402300799.4", "1.5e9"]
    odd += ["1765000000.1234565", "1765000000.12345", "1765000000.5", "1e-7", "2147483648.0000015", "1765000000.000000"]
    ordinary = [str(1764900012.0 + i / 3) for i in range(64)]
    for times in ([at] for at in odd):
        batch = batch_of([plain_values(0, at) for at in times])
        assert exports._batch_text(batch) == one_at_a_time(batch), times
    mixed = ordinary[:32] + odd + ordinary[32:]
    batch = batch_of([plain_values(i, at) for i, at in enumerate(mixed)])
    assert exports._batch_text(batch) == one_at_a_time(batch)
    batch = batch_of([plain_values(i, at) for i, at in enumerate(ordinary)])
    assert exports._batch_text(batch) == one_at_a_time(batch)


def test_a_reply_with_an_entry_not_in_packs_order_is_read_by_name(redis_url, prefix):
    """Entries the store wrote in pack's order are read by position, a reply at a time; one in
    another order, or lacking fields (an older entry), in the same reply is read by name."""
    client = store_client(redis_url)
    key = key_for(prefix, "register", "+12000000001")
    entry = {"time": 1764900012.5, "scope": "+14155550199", "number": "+12000000001", "event": "opted_out"}
    entry |= {"text": "STOP", "source": "keyword", "detail": "keyword:stop", "confidence": 1.0, "campaign": "spring"}
    client.execute_command("XADD", key, "*", *pack(entry))
    fields = pack(entry)
    pairs = list(zip(fields[::2], fields[1::2]))
    client.execute_command("XADD", key, "*", *[part for pair in reversed(pairs) for part in pair])
    client.execute_command("XADD", key, "*", *[part for pair in pairs[:-1] for part in pair])  # no campaign
    client.execute_command("XADD", key, "*", *pack({**entry, "text": "third"}))
    client.execute_command("XADD", key, "*", *pack({**entry, "text": "START", "event": "opt_in_requested"}))  # not in it
    # in a reply of its own (another bucket), after one in pack's order: 20 names whose
    # NUL-joined text is pack's (a name holding a NUL, so no field called time)
    other = key_for(prefix, "register", "+12000000003")
    assert other != key
    client.execute_command("XADD", other, "*", *pack({**entry, "time": 1764900013.5, "text": "fourth"}))
    joined = ["time\0scope", "x", *[part for pair in pairs[2:] for part in pair]]
    client.execute_command("XADD", other, "*", *joined)
    log = IntentLog(client, prefix, 30)
    rows = list(exports.register_rows(log))
    got = sorted((row[5], row[12], row[2], row[1]) for row in rows)  # one ms: buckets interleave by seq
    at, later, scope = iso(1764900012.5), iso(1764900013.5), "+14155550199"
    assert got == sorted(
        [
            ("STOP", "spring", at, scope),
            ("STOP", "spring", at, scope),  # read by name: in another order
            ("STOP", "", at, scope),  # read by name: no campaign field
            ("third", "spring", at, scope),
            ("fourth", "spring", later, scope),
            ("STOP", "spring", iso(0), ""),  # read by name: no time or scope field
        ]
    )


def test_a_parsed_reply_is_picked_by_name_as_a_flat_one():
    """A Cluster client parses a reply (a dict per entry): picked as picker() picks it."""
    from store.entries import many_picker, picker

    flat = [[part.encode() for part in pack({"number": f"+1{i}", "time": i, "text": "STOP"})] for i in range(3)]
    parsed = [dict(zip(fields[::2], fields[1::2])) for fields in flat]
    names = list(exports.REGISTER_FIELDS)
    assert many_picker(names)(parsed) == many_picker(names)(flat) == [picker(names)(fields) for fields in flat]
    assert many_picker(names)(parsed)[2][:3] == (b"+12", b"", b"2")
    other = {b"f%d" % i: b"x" for i in range(2 * len(FIELDS))}  # as many fields as a flat entry has items
    assert many_picker(names)([other]) == [(b"",) * len(names)]
