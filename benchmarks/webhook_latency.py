"""Benchmark: signed webhook requests end to end (signature, intent layer, Redis transaction).

Usage: python benchmarks/webhook_latency.py [N]   (REDIS_URL, else a throwaway redis-server)
Prints median and p99 milliseconds per request (Twilio allows 15 s).
"""

from __future__ import annotations

import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import make_app, post_sms  # noqa: E402
from tests.redis_server import ThrowawayRedis, redis_url_or_none  # noqa: E402

BODIES = [
    "STOP",
    "please stop texting me",
    "I'll stop by tomorrow",
    "HELP",
    "too many texts",
    "START",
    "where is my order?",
    "wrong number",
]


def run(url: str, count: int) -> None:
    app = make_app(url, f"bench-{uuid.uuid4().hex[:8]}")
    client = app.test_client()
    timings = []
    for i in range(count):
        sender = f"+1415555{i % 1000:04d}"
        start = time.perf_counter()
        response = post_sms(client, BODIES[i % len(BODIES)], sender=sender)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    timings.sort()
    print(
        f"{count} signed webhook requests: median {statistics.median(timings):.2f} ms, "
        f"p99 {timings[int(0.99 * len(timings))]:.2f} ms, max {timings[-1]:.2f} ms"
    )
    client_redis = app.service().store.client
    keys = list(client_redis.scan_iter(f"{app.config['REDIS_PREFIX']}:*"))
    if keys:
        client_redis.delete(*keys)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    given = redis_url_or_none()
    if given:
        run(given, count)
        return
    with ThrowawayRedis() as url:
        run(url, count)


if __name__ == "__main__":
    main()
