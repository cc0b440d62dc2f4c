"""Benchmark: what the web framework costs the webhook, in process, without HTTP or gunicorn.

Usage: python benchmarks/webhook_overhead.py [N]   (a throwaway redis-server)
Times N/2 signed requests through the app's WSGI call (the Flask view: request context,
werkzeug's form parsing, hooks, response object) and N/2 as the same work called directly
(parse the body, Twilio's validator, parse the fields, classify, handle, TwiML).
Prints CPU µs per request for each: what Flask and werkzeug cost beyond the work itself.
"""

from __future__ import annotations

import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from twilio.request_validator import RequestValidator  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from benchmarks.webhook_throughput import bodies  # noqa: E402
from tests.conftest import AUTH_TOKEN, PUBLIC_URL, make_app, sign, twilio_form  # noqa: E402
from tests.redis_server import ThrowawayRedis  # noqa: E402
from web.webhook import parse_inbound, twiml  # noqa: E402

WARM_UP = 300


def signed_bodies(count: int) -> list[tuple[bytes, str]]:
    """(form body, signature) pairs over 500 numbers, as Twilio would post them."""
    out = []
    for i, text in enumerate(bodies(count)):
        form = twilio_form(text, sender=f"+1628{i % 500:07d}")
        out.append((urllib.parse.urlencode(form).encode(), sign(form)))
    return out


def through(app, requests: list[tuple[bytes, str]]) -> float:
    """CPU µs per request for a WSGI call (after a warm-up)."""
    environs = [
        EnvironBuilder(
            path="/sms",
            method="POST",
            data=body,
            headers={"X-Twilio-Signature": sig},
            content_type="application/x-www-form-urlencoded",
        ).get_environ()
        for body, sig in requests
    ]

    def start_response(status: str, headers: list, exc_info: object = None) -> None:
        assert status.startswith("200"), status

    for environ in environs[:WARM_UP]:
        b"".join(app(environ, start_response))
    start = time.process_time()
    for environ in environs[WARM_UP:]:
        b"".join(app(environ, start_response))
    return (time.process_time() - start) / (len(environs) - WARM_UP) * 1e6


def direct(app, requests: list[tuple[bytes, str]]) -> float:
    """CPU µs per request for the same steps called directly, inside one app context."""
    validator, url, service = RequestValidator(AUTH_TOKEN), PUBLIC_URL + "/sms", app.service()
    with app.app_context():
        start = time.process_time()
        for body, signature in requests:
            form = dict(urllib.parse.parse_qsl(body.decode()))
            assert validator.compute_signature(url, form) == signature
            message = parse_inbound(form, app.config)
            twiml(service.handle(message, service.intent_for(message)).reply)
        return (time.process_time() - start) / len(requests) * 1e6


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
    with ThrowawayRedis() as url:
        app = make_app(url, "overhead", TESTING=False)
        requests = signed_bodies(count)
        half = count // 2
        flask_us = through(app, requests[:half])
        direct_us = direct(app, requests[half:])
    print(
        f"through the Flask view: {flask_us:.0f} µs CPU a request; the same work called directly: "
        f"{direct_us:.0f} µs (Flask and werkzeug: {flask_us - direct_us:.0f} µs)"
    )


if __name__ == "__main__":
    main()
