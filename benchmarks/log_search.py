"""Benchmark: the ops log searched by one number at 1M log entries, from the number's own log
(its index, store/number_index.py) against the old scan of the whole log.

Usage: python benchmarks/log_search.py [--count 1000000] [--numbers 20] [--rounds 10]

A throwaway redis-server; `count` log lines written as the store writes them (store/entries.py
`pack`, per-bucket streams, pipelined XADDs; one in four an opt-out whose line points at its
register entry, as consent changes do), from 200,000 other numbers. Between `rounds` slices of
them, each of the `numbers` searched texts once through the real service (the commit script:
its index), so its lines are spread through the whole log. Then, for each number, the first
page of /ops/log's query (ops/queries.page, 50 rows) timed 5 times: median and p99; the same
page through the signed-in console (HTTP, template included); and the old way for two numbers:
the first page of the scan (20,000 entries looked at) and the whole search (every entry)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents import Intent  # noqa: E402
from ops.queries import LogFilter, matching, page  # noqa: E402
from service import Inbound  # noqa: E402
from store.entries import REF, pack  # noqa: E402
from store.keys import bucket_of, key_for  # noqa: E402
from tests.conftest import make_app  # noqa: E402
from tests.redis_server import ThrowawayRedis  # noqa: E402
from tests.test_ops import PASSWORD, signed_in  # noqa: E402

SCOPE = "+14155550199"
OTHERS = 200_000
BATCH = 10_000
HELLO = Intent("other", 0.9, "en", "model", "model")


def line(i: int, now: float) -> dict[str, object]:
    """One decision of another number: every fourth an opt-out, the others a message."""
    stop = i % 4 == 0
    return {
        "time": now,
        "scope": SCOPE,
        "number": f"+1628{i % OTHERS:07d}",
        "channel": "sms",
        "text": "STOP" if stop else f"message {i}",
        "message_sid": f"SM{i:032x}",
        "intent": "opt_out" if stop else "other",
        "confidence": 1.0 if stop else 0.9,
        "language": "en",
        "source": "keyword" if stop else "model",
        "detail": "keyword:stop" if stop else "model",
        "state_before": "subscribed",
        "state_after": "opted_out" if stop else "subscribed",
        "event": "opted_out" if stop else "ignored",
        "seq": 1,
    }


def fill(client, prefix: str, start: int, count: int) -> None:
    """`count` lines in pipelined batches, ids of the clock (an opt-out's register entry and its
    line share the id, as the commit script writes them)."""
    for first in range(start, start + count, BATCH):
        seconds, micros = client.time()  # the server's clock, a millisecond on: after every id so far
        pipe, ms = client.pipeline(transaction=False), seconds * 1000 + micros // 1000 + 1
        for seq, i in enumerate(range(first, min(first + BATCH, start + count))):
            entry = line(i, ms / 1000)
            bucket, sid = bucket_of(str(entry["number"])), f"{ms}-{seq}"
            if entry["event"] == "opted_out":
                pipe.execute_command("XADD", key_for(prefix, "register", bucket=bucket), sid, *pack(entry))
                pipe.execute_command("XADD", key_for(prefix, "log", bucket=bucket), sid, REF, sid)
            else:
                pipe.execute_command("XADD", key_for(prefix, "log", bucket=bucket), sid, *pack(entry))
        pipe.execute()
        time.sleep(0.002)  # the next batch's ids start on a later millisecond


def timed(call, times: int = 1) -> list[float]:
    """Milliseconds of each call."""
    found = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        found.append((time.perf_counter() - started) * 1000)
    return found


def p99(samples: list[float]) -> float:
    return sorted(samples)[max(0, int(len(samples) * 0.99) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--numbers", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    with ThrowawayRedis() as url:
        prefix = f"bench{uuid.uuid4().hex[:6]}"
        app = make_app(url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="benchmark-secret-" * 2)
        numbers = [f"+1650555{n:04d}" for n in range(args.numbers)]
        with app.app_context():
            service = app.service()
            client, log, index = service.store.client, service.intent_log, service.store.repositories.number_index
            started, per_round = time.perf_counter(), args.count // args.rounds
            for r in range(args.rounds):
                fill(client, prefix, r * per_round, per_round)
                for number in numbers:
                    service.handle(Inbound(SCOPE, number, f"round {r}", f"SM{uuid.uuid4().hex}"), HELLO)
            took = time.perf_counter() - started
            print(f"filled {log.count('log'):,} log and {log.count('register'):,} register entries in {took:.0f} s")
            search(log, index, numbers)
            old_scan(log, numbers[:2])
        console(app, service, numbers)


def search(log, index, numbers: list[str]) -> None:
    """The first page of a whole number's search, from its own log."""
    samples, rows = [], 0
    for number in numbers:
        wanted = LogFilter.from_args({"number": number}, "US")
        samples += timed(lambda wanted=wanted: page(log, wanted, None, 50, index), 5)
        rows = len(page(log, wanted, None, 50, index)[0])
    print(
        f"search by number, its own log:   median {statistics.median(samples):6.2f} ms, p99 {p99(samples):6.2f} ms "
        f"({len(numbers)} numbers x 5, first page: {rows} rows each)"
    )


def old_scan(log, numbers: list[str]) -> None:
    """The old way: the scan with the number as a text filter (its first page, the whole search)."""
    for number in numbers:
        wanted = LogFilter.from_args({"number": number})  # no region: the scan, as before
        first = timed(lambda wanted=wanted: page(log, wanted, None, 50))
        whole = timed(lambda wanted=wanted: sum(1 for _ in matching(log, wanted)))
        print(f"old scan, {number[:-4]}xxxx: first page {first[0]:8.0f} ms (20,000 entries), whole log {whole[0] / 1000:.1f} s")


def console(app, service, numbers: list[str]) -> None:
    """The same search through the signed-in console page (who= a reference, as the form makes it)."""
    web = signed_in(app)
    with app.app_context():
        refs = [service.store.repositories.refs for _ in numbers]
    samples = []
    for number, store in zip(numbers, refs):
        token = uuid.uuid4().hex[:16]
        store.put(token, number, 3600)
        samples += timed(lambda token=token: web.get(f"/ops/log?who={token}"), 5)
    median, worst = statistics.median(samples), p99(samples)
    print(f"/ops/log page for one number:    median {median:6.2f} ms, p99 {worst:6.2f} ms (HTTP, rendered)")


if __name__ == "__main__":
    main()
