"""Fixtures: a real Redis (REDIS_URL or a throwaway server), the app, signed requests."""

from __future__ import annotations

import logging
import os
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from twilio.request_validator import RequestValidator

from app import create_app
from tests.fake_twilio import FakeTwilioServer
from tests.redis_server import ThrowawayRedis, redis_url_or_none
from tests.redis_topologies import ThrowawayCluster, ThrowawaySentinel

AUTH_TOKEN = "test-auth-token-not-a-secret"
PUBLIC_URL = "https://sms.example.com"
SUBSCRIBER = "+14155550100"
BUSINESS = "+14155550199"


TOPOLOGIES = {"single": ThrowawayRedis, "cluster": ThrowawayCluster, "sentinel": ThrowawaySentinel}


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """REDIS_URL when given (tests use their own key prefix), else throwaway servers: one
    server, or with TEST_STORE=cluster|sentinel a real Redis Cluster or Sentinel set-up."""
    given = redis_url_or_none()
    if given:
        yield given
        return
    topology = os.environ.get("TEST_STORE", "single")
    if topology not in TOPOLOGIES:
        raise pytest.UsageError(f"TEST_STORE must be one of {', '.join(TOPOLOGIES)}")
    with TOPOLOGIES[topology]() as url:
        yield url


def store_client(url: str) -> redis.Redis:
    """A client for any of the store URLs (single, Cluster, Sentinel), as the app makes it."""
    from store.connection import connect

    return connect(url, "", 5.0)


@pytest.fixture
def prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of this test's own, deleted afterwards (the server may be shared)."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    yield name
    client = store_client(redis_url)
    pipe = client.pipeline(transaction=False)
    for key in client.scan_iter(f"{name}:*", count=1000):
        pipe.unlink(key)
    pipe.execute()


# This test's instance folder (its journal): Flask's default is the checkout's instance/, which
# every test would share, so a message one test journalled was replayed into another's prefix.
INSTANCE: dict[str, str] = {}


@pytest.fixture(autouse=True)
def own_instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Every test's apps journal in a folder of the test's own (apps of one test share it)."""
    INSTANCE["path"] = str(tmp_path_factory.mktemp("instance"))
    yield INSTANCE["path"]
    INSTANCE.clear()


def make_app(redis_url: str, prefix: str, **overrides: Any):
    """The real app on the test Redis with a known auth token and public URL."""
    config = {
        "INSTANCE_PATH": INSTANCE.get("path"),  # None outside a test (benchmarks): Flask's default
        "TESTING": True,
        "REDIS_URL": redis_url,
        "REDIS_PREFIX": prefix,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "PUBLIC_URL": PUBLIC_URL,
        "BRAND_NAME": "Acme Shoes",
        "HELP_CONTACT": "help@acme.test",
        "CONSENT_TIE_MS": 0,  # tests send STOP, START in a row within milliseconds; the tie has its own tests
    }
    return create_app({**config, **overrides})


@pytest.fixture
def app(redis_url: str, prefix: str):
    return make_app(redis_url, prefix)


@pytest.fixture
def twilio() -> Iterator[FakeTwilioServer]:
    """A local fake of Twilio's Messages API, for tests that send."""
    with FakeTwilioServer() as server:
        yield server


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def sign(params: dict[str, str], url: str = PUBLIC_URL + "/sms", token: str = AUTH_TOKEN) -> str:
    """The X-Twilio-Signature Twilio would send, computed by Twilio's own library."""
    return RequestValidator(token).compute_signature(url, params)


def twilio_form(body: str, sid: str | None = None, sender: str = SUBSCRIBER, **extra: str) -> dict[str, str]:
    """A realistic inbound-message form, as Twilio posts it."""
    form = {
        "MessageSid": sid or f"SM{uuid.uuid4().hex}",
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": BUSINESS,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
        "FromCountry": "US",
        "ApiVersion": "2010-04-01",
    }
    form.update(extra)
    return {k: v for k, v in form.items() if v is not None}


def post_sms(client, body: str, **kwargs: Any):
    """POST a correctly signed inbound message."""
    form = twilio_form(body, **kwargs)
    return client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form)})


class LiveServer:
    """The app on a real HTTP port (werkzeug, threaded), for browsers and API fuzzing."""

    def __init__(self, app) -> None:
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> LiveServer:
        import threading

        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()


# --- the access log of the whole run: no request line may carry a full phone number ----------
# (werkzeug's request lines from every live server the tests start; the deprecated API path is
# the one place a client may still put a number in a URL, and it is marked so)
ACCESS_LINES: list[str] = []
# the tests' numbers (+1 415/628/650 555 xxxx) in any spelling a URL could carry them
FULL_NUMBER = re.compile(r"(?:415|628|650)(?:%29|\))?(?:%20|\+|-|\.)?555(?:%20|\+|-|\.)?\d{4}")


class _AccessLog(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        ACCESS_LINES.append(record.getMessage())


def pytest_configure(config: pytest.Config) -> None:
    werkzeug = logging.getLogger("werkzeug")
    werkzeug.addHandler(_AccessLog(logging.INFO))
    werkzeug.setLevel(logging.INFO)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    leaked = [
        line
        for line in ACCESS_LINES  # a scope is the business's own sending number
        if FULL_NUMBER.search(SCOPE_ARG.sub("", line)) and not DEPRECATED_PATH.search(line)
    ]
    if leaked:
        print(f"\n{len(leaked)} access-log line(s) carry a phone number, e.g. {leaked[0][:160]!r}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


DEPRECATED_PATH = re.compile(r'"GET /api/v1/optouts/[^/?" ]*\d')
SCOPE_ARG = re.compile(r"scope=[^&\" ]*")
