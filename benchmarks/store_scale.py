"""Benchmark: Redis memory per subscriber, and the ops dashboard's time as the register grows.

Usage: python benchmarks/store_scale.py [--subscribers N] [--register N]
(a throwaway redis-server; defaults 100,000 subscribers and 1,000,000 register entries)

Memory: N subscribers written through the real service (one atomic script per message), in
two shapes: one opt-out each (the record, its evidence, the log line, the message marker),
and an opt-out plus the reason given (two messages). Projected linearly to 10M subscribers.
Dashboard: the register filled with N entries in pipelined batches, 5,000 decisions waiting
for review, then the signed-in /ops/dashboard page timed (median of 5)."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intents import Intent  # noqa: E402
from service import Inbound  # noqa: E402
from service.grading import confidence_bucket  # noqa: E402
from store.commit import counters, day_of  # noqa: E402
from store.entries import pack  # noqa: E402
from store.keys import key_for  # noqa: E402
from tests.conftest import make_app  # noqa: E402
from tests.redis_server import ThrowawayRedis  # noqa: E402

SCOPE = "+14155550199"
STOP = Intent("opt_out", 1.0, "en", "keyword", "keyword:stop")
REASON = Intent("other", 0.9, "en", "model", "model")


def used_memory(client) -> int:
    return int(client.info("memory")["used_memory"])


def per_subscriber(url: str, subscribers: int, with_reason: bool) -> float:
    """Bytes of Redis per subscriber after one opt-out (and a reason) each."""
    app = make_app(url, f"bench{uuid.uuid4().hex[:6]}", ASK_REASON=with_reason)
    with app.app_context():
        service = app.service()
        client = service.store.client
        client.flushall()
        before = used_memory(client)
        for i in range(subscribers):
            number = f"+1628{i:07d}"
            service.handle(Inbound(SCOPE, number, "STOP", f"SM{uuid.uuid4().hex}"), STOP)
            if with_reason:
                service.handle(Inbound(SCOPE, number, "too many texts", f"SM{uuid.uuid4().hex}"), REASON)
        return (used_memory(client) - before) / subscribers


def fill_register(app, entries: int) -> None:
    """`entries` opt-outs spread over 30 days and every bucket, with their day counters."""
    service = app.service()
    client, prefix, now = service.store.client, service.store.prefix, time.time()
    pipe = client.pipeline(transaction=False)
    for i in range(entries):
        number = f"+1415{i:07d}"
        entry = {
            "time": now - (i % 30) * 86400,
            "scope": SCOPE,
            "number": number,
            "channel": "sms",
            "text": "STOP",
            "message_sid": f"SM{i:032d}",
            "intent": "opt_out",
            "confidence": 1.0,
            "language": "en",
            "source": "keyword",
            "detail": "keyword:stop",
            "event": "opted_out",
            "state_before": "subscribed",
            "state_after": "opted_out",
            "reply": "Unsubscribed.",
            "seq": 1,
        }
        pipe.xadd(key_for(prefix, "register", number), dict(zip(*[iter(pack(entry))] * 2)))
        for name in counters(entry, confidence_bucket(entry["confidence"])):
            pipe.hincrby(key_for(prefix, "stats", number, day=day_of(entry["time"])), name, 1)
        if i % 5000 == 4999:
            pipe.execute()
    pipe.execute()
    for i in range(5000):  # a full review queue to scan
        service.handle(Inbound(SCOPE, f"+1650{i:07d}", "hmm maybe", f"SMq{i}"), Intent("other", 0.6, "en", "model", "model"))


def dashboard_ms(url: str, entries: int) -> float:
    from tests.test_ops import PASSWORD, signed_in

    app = make_app(url, f"bench{uuid.uuid4().hex[:6]}", SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    with app.app_context():
        app.service().store.client.flushall()
        fill_register(app, entries)
    client = signed_in(app)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        assert client.get("/ops/dashboard").status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--register", type=int, default=1_000_000)
    args = parser.parse_args()
    with ThrowawayRedis() as url:
        for with_reason in (False, True):
            size = per_subscriber(url, args.subscribers, with_reason)
            shape = "opt-out + reason (2 messages)" if with_reason else "one opt-out (1 message)"
            print(
                f"{shape:<32} {size:7.0f} B per subscriber at {args.subscribers:,}; "
                f"10M subscribers ≈ {size * 10e6 / 2**30:5.1f} GiB"
            )
        print(
            f"dashboard at {args.register:,} register entries: {dashboard_ms(url, args.register):6.1f} ms "
            "(median of 5, signed-in /ops/dashboard page, 5,000 decisions waiting for review)"
        )


if __name__ == "__main__":
    main()
