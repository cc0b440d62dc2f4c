"""Benchmark: what the web framework costs the webhook, in process, without HTTP or gunicorn.

Usage: python benchmarks/webhook_overhead.py [N]   (a throwaway redis-server)
Times N/2 signed requests through the whole Flask app (WSGI call), then N/2 others as the
same work done directly: parse the body, check the signature with Twilio's validator, parse
the fields, classify, handle, build the TwiML. Prints CPU µs per request for both: their
difference is Flask's and werkzeug's share (request context, form parsing, response), the
part a leaner /sms path could save (see the performance issue).
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


def through_flask(app, requests: list[tuple[bytes, str]]) -> float:
    """CPU µs per request for the WSGI call (after a warm-up)."""
    environs = [EnvironBuilder(path="/sms", method="POST", data=body, headers={"X-Twilio-Signature": sig},
                               content_type="application/x-www-form-urlencoded").get_environ()
                for body, sig in requests]

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
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    with ThrowawayRedis() as url:
        app = make_app(url, "overhead", TESTING=False)
        requests = signed_bodies(count)
        flask_us = through_flask(app, requests[:count // 2])
        direct_us = direct(app, requests[count // 2:])
    print(f"through Flask: {flask_us:.0f} µs CPU a request; the same work called directly: {direct_us:.0f} µs "
          f"(Flask and werkzeug: {flask_us - direct_us:.0f} µs, {1 - direct_us / flask_us:.0%})")


if __name__ == "__main__":
    main()
