"""Benchmark: the opt-out register export streams (memory stays flat as rows grow).

Usage: python benchmarks/export_memory.py [ROWS ...]   (a throwaway redis-server)
"""

from __future__ import annotations

import sys
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ops.exports import register_csv  # noqa: E402
from store.entries import pack  # noqa: E402
from store.keys import key_for  # noqa: E402
from tests.conftest import make_app  # noqa: E402
from tests.redis_server import ThrowawayRedis  # noqa: E402


def fill(service, rows: int) -> None:
    """`rows` opt-out events in the register, written in pipelined batches."""
    pipe = service.store.client.pipeline(transaction=False)
    for i in range(rows):
        entry = {
            "time": time.time(),
            "scope": "+14155550199",
            "number": f"+1415{i:07d}",
            "channel": "sms",
            "text": "STOP",
            "message_sid": f"SM{i:032d}",
            "intent": "opt_out",
            "confidence": 1.0,
            "source": "keyword",
            "detail": "keyword:stop",
            "event": "opted_out",
        }
        fields = pack(entry)
        pipe.xadd(key_for(service.store.prefix, "register", entry["number"]), dict(zip(fields[::2], fields[1::2])))
        if i % 5000 == 4999:
            pipe.execute()
    pipe.execute()


def measure(url: str, rows: int) -> None:
    app = make_app(url, f"bench-{uuid.uuid4().hex[:8]}")
    with app.app_context():
        service = app.service()
    fill(service, rows)
    tracemalloc.start()
    start, size = time.perf_counter(), 0
    for line in register_csv(service.intent_log):
        size += len(line)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{rows:>8} rows: {size / 1e6:6.1f} MB of CSV in {elapsed:5.1f} s, peak Python memory {peak / 1e6:5.2f} MB")
    service.store.client.flushdb()


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    with ThrowawayRedis() as url:
        for rows in sizes:
            measure(url, rows)


if __name__ == "__main__":
    main()
