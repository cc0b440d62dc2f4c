"""A frozen store costs one request its socket timeout, then every answer is at once (the
breaker), inside WEBHOOK_BUDGET_MS; missing replicas are an outage, known and not waited on."""

from __future__ import annotations

import signal
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from service import Inbound
from store.connection import OUTAGES
from store.keys import BUCKETS
from tests.conftest import BUSINESS, SUBSCRIBER, make_app, post_sms, store_client
from tests.processes import ServerProcess, wait_until
from tests.redis_server import free_port, redis_binary
from tests.test_webhook import CONFIRMATION_NO_ASK, messages

BUDGET_MS = 5000


def start_redis(tmp_path: Path, *extra: str) -> tuple[ServerProcess, str]:
    """A throwaway redis-server with `extra` options, answering PING (deadline 60 s)."""
    port = free_port()
    folder = tmp_path / f"redis-{port}"
    folder.mkdir()
    server = ServerProcess(
        [redis_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder), *extra], folder / "log"
    )
    url = f"redis://127.0.0.1:{port}/0"
    probe = redis.Redis.from_url(url, socket_timeout=1)
    server.wait_ready(lambda: bool(probe.ping()), f"redis-server {' '.join(extra)}", 60)
    return server, url


@pytest.fixture
def primary(tmp_path):
    server, url = start_redis(tmp_path, "--appendonly", "no")
    yield server, url
    server.stop()


def message(text: str = "STOP") -> Inbound:
    return Inbound(scope=BUSINESS, number=SUBSCRIBER, text=text, message_sid=f"SM{uuid.uuid4().hex}")


def test_a_frozen_store_answers_every_message_inside_the_budget_and_the_breaker_closes_after(tmp_path, primary, prefix):
    server, url = primary
    app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), WEBHOOK_BUDGET_MS=BUDGET_MS, ASK_REASON=False)
    client = app.test_client()
    assert post_sms(client, "HELP").status_code == 200  # connected, breaker closed
    with app.app_context():
        service = app.service()
    took: list[float] = []
    server.signal(signal.SIGSTOP)
    try:
        for n in range(10):  # ten numbers: none queues behind another's journalled message
            started = time.monotonic()
            answer = post_sms(client, "STOP", sender=f"+1415555{n + 200:04d}")
            took.append(time.monotonic() - started)
            assert answer.status_code == 200 and messages(answer) == [CONFIRMATION_NO_ASK]
            assert took[-1] < BUDGET_MS / 1000, took  # never past the budget, the first one included
        assert service.store.breaker_state == "open"  # known away: every call fails at once
    finally:
        server.signal(signal.SIGCONT)
    print(f"\nanswers during the freeze (s): {' '.join(f'{t:.3f}' for t in took)}", file=sys.stderr)
    assert max(took[1:]) < 0.5, took  # the breaker: no waiting on a store known to be away
    assert service.journal is not None and service.journal.has_pending()

    def closed() -> bool:
        service.store.load(BUSINESS, SUBSCRIBER)  # a call, so that a probe runs
        return service.store.breaker_state == "closed"

    thawed = time.monotonic()
    wait_until(closed, "the breaker to close after SIGCONT", deadline=5)
    print(f"breaker closed {time.monotonic() - thawed:.3f} s after SIGCONT", file=sys.stderr)
    wait_until(lambda: not service.journal.has_pending(), "the journal replayed", deadline=30)
    service.stop_replaying()
    assert all(service.store.load(BUSINESS, f"+1415555{n + 200:04d}").opted_out for n in range(10))


def test_a_primary_refusing_writes_for_want_of_replicas_is_an_outage_not_an_error(tmp_path, prefix):
    server, url = start_redis(tmp_path, "--appendonly", "no", "--min-replicas-to-write", "1")
    try:
        app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), ASK_REASON=False)
        with app.app_context():
            service = app.service()
            with pytest.raises(OUTAGES) as refused:
                service.handle(message())
            from store.subscribers import NoReplicas

            assert isinstance(refused.value, NoReplicas) and not isinstance(refused.value, redis.ResponseError)
            assert service.store.replication_state == "open"
        answer = post_sms(app.test_client(), "STOP")  # journalled, confirmed: never a 500
        assert answer.status_code == 200 and messages(answer) == [CONFIRMATION_NO_ASK]
        service.stop_replaying()
    finally:
        server.stop()


def test_missing_replicas_are_waited_for_once_then_known_until_a_probe_sees_one(tmp_path, primary, prefix):
    server, url = primary
    wait_ms = 1000
    app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), STORE_MIN_REPLICAS=1, STORE_WAIT_MS=wait_ms)
    with app.app_context():
        service = app.service()
        from store.subscribers import NotReplicated

        started = time.monotonic()
        with pytest.raises(NotReplicated):
            service.handle(message())
        assert time.monotonic() - started >= wait_ms / 1000  # the WAIT, once
        started = time.monotonic()
        with pytest.raises(NotReplicated):
            service.handle(message())
        assert time.monotonic() - started < wait_ms / 1000 / 4  # known: no WAIT again
        assert service.store.replication_state == "open"
        port = url.rsplit(":", 1)[1].split("/")[0]
        replica, _ = start_redis(tmp_path, "--appendonly", "no", "--replicaof", "127.0.0.1", port)
        try:
            wait_until(lambda: _written(service), "a write confirmed once the replica is online", deadline=30)
            assert service.store.replication_state == "closed"
        finally:
            replica.stop()


def _written(service) -> bool:
    """One more message: True once it is written and replicated (a probe closed the breaker)."""
    try:
        service.handle(message("START"))
        return True
    except OUTAGES:
        return False


def test_a_refused_first_use_start_is_not_retried_on_every_message(tmp_path, prefix):
    """The opt-out count's first-use start writes; a primary refusing writes (NOREPLICAS) makes
    it fail, and it is then tried again after START_RETRY_SECONDS, not once a message."""
    server, url = start_redis(tmp_path, "--appendonly", "no", "--min-replicas-to-write", "1")
    try:
        app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), ASK_REASON=False)
        with app.app_context():
            service = app.service()
            client = store_client(url)
            client.config_resetstat()
            for _ in range(5):
                service.store.load(BUSINESS, SUBSCRIBER)
            calls = client.info("commandstats")
            assert calls.get("cmdstat_eval", {}).get("calls", 0) <= 2 * BUCKETS, calls.get("cmdstat_eval")
            assert calls.get("cmdstat_hget", {}).get("calls", 0) + calls.get("cmdstat_hgetall", {}).get("calls", 0) >= 5
            service.stop_replaying()
    finally:
        server.stop()
