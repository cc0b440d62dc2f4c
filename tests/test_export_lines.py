"""The register export's fast path writes exactly what csv.writer and neutralised() write."""

from __future__ import annotations

import csv
import io
import random
import time

import pytest

from domain.times import iso, iso_fast
from ops import exports
from store.entries import pack
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
