"""Benchmark: the webhook's CPU a request counted in instructions (load-independent), in process.

Usage: valgrind --tool=callgrind --zero-before='*getppid*' --dump-before='*getpgrp*' \\
           python benchmarks/webhook_instructions.py {new,known,tutorial} [N]
       python benchmarks/webhook_instructions.py {new,known,tutorial} [N]   (CPU µs, no valgrind)
Sends N signed POST /sms requests through the app's WSGI call against a throwaway redis-server
(the Redis server's own work is not counted), after a warm-up: `new` from N numbers never seen
(a number's first message), `known` over 100 numbers that already have a record, `tutorial`
through Twilio's tutorial app (benchmarks/reference_apps.py) for scale. The measured loop sits
between os.getppid() and os.getpgrp(), so callgrind's counters are zeroed when it starts and
dumped when it ends: the dump's total divided by N is the instructions a request.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from twilio.request_validator import RequestValidator  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from benchmarks.webhook_throughput import twilio_forms  # noqa: E402
from tests.redis_server import ThrowawayRedis  # noqa: E402

TOKEN = "benchmark-auth-token"
PUBLIC = "http://127.0.0.1:8000"
KNOWN_NUMBERS = 100
WARM_UP = 200
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def environs(count: int, first_number: int, numbers: int) -> list[dict[str, Any]]:
    """Signed WSGI environs as Twilio posts them, `numbers` senders from `first_number` on."""
    validator, out = RequestValidator(TOKEN), []
    for form in twilio_forms(count, numbers, first_number):
        signature = validator.compute_signature(PUBLIC + "/sms", form)
        out.append(
            EnvironBuilder(
                path="/sms",
                method="POST",
                data=urllib.parse.urlencode(form),
                headers={"X-Twilio-Signature": signature},
                content_type="application/x-www-form-urlencoded",
            ).get_environ()
        )
    return out


def send(app: WsgiApp, requests: list[dict[str, Any]]) -> None:
    """Each request through the WSGI call; every answer must be a 200."""

    def start_response(status: str, headers: list[Any], exc_info: object = None) -> None:
        assert status.startswith("200"), status

    for environ in requests:
        b"".join(app(environ, start_response))


def build(kind: str, redis_url: str, instance: str) -> WsgiApp:
    """The project's app as the throughput benchmark configures it, or the tutorial app."""
    os.environ.update(TWILIO_AUTH_TOKEN=TOKEN, REDIS_URL=redis_url, PUBLIC_URL=PUBLIC)
    if kind == "tutorial":
        from benchmarks.reference_apps import tutorial

        return tutorial()
    from app import create_app

    config = {"INSTANCE_PATH": instance, "REDIS_URL": redis_url, "REDIS_PREFIX": "instr", "ASK_REASON": False}
    return create_app({**config, "TWILIO_AUTH_TOKEN": TOKEN, "PUBLIC_URL": PUBLIC})


def plan(kind: str, count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(warm-up, measured) requests: `known` warms every number up first."""
    if kind == "known":
        return environs(WARM_UP, 0, KNOWN_NUMBERS), environs(count, 0, KNOWN_NUMBERS)
    return environs(WARM_UP, 0, WARM_UP), environs(count, 1_000_000, count)


def main() -> None:
    kind = sys.argv[1] if len(sys.argv) > 1 else "new"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    with ThrowawayRedis() as url, tempfile.TemporaryDirectory() as instance:
        app = build(kind, url, instance)
        warm, measured = plan(kind, count)
        send(app, warm)
        os.getppid()  # callgrind: --zero-before
        started = time.process_time()
        send(app, measured)
        spent = time.process_time() - started
        os.getpgrp()  # callgrind: --dump-before
    print(f"{kind}: {count} requests, {spent / count * 1e6:.0f} µs CPU a request")


if __name__ == "__main__":
    main()
