"""Faults injected into real Redis servers the tests start: each one ends with the opt-out
stored, visible in every view, and a Twilio retry of the same MessageSid processed once."""

from __future__ import annotations

import os
import signal
import time

import pytest
import redis

from service.journal import Journal
from tests.conftest import BUSINESS, SUBSCRIBER, make_app, post_sms
from tests.redis_server import ThrowawayRedis
from tests.test_consent import wait_for
from tests.test_webhook import CONFIRMATION_NO_ASK, messages


class Fault:
    """Start and end one kind of trouble on a throwaway server (`url` is what the app uses):
    each kind is a method pair, `<kind>_start` and `<kind>_end`."""

    def __init__(self, kind: str, server: ThrowawayRedis, url: str) -> None:
        self.kind, self.server, self.url = kind.replace("-", "_"), server, url
        self.client = redis.Redis.from_url(url)

    def start(self) -> None:
        getattr(self, f"{self.kind}_start")()

    def end(self) -> None:
        getattr(self, f"{self.kind}_end")()

    def kill_start(self) -> None:
        self.server.stop()

    def kill_end(self) -> None:
        self.server.start()  # the same port, its data gone as after a crash

    def pause_start(self) -> None:
        os.kill(self.server.process.pid, signal.SIGSTOP)

    def pause_end(self) -> None:
        os.kill(self.server.process.pid, signal.SIGCONT)

    def writes_paused_start(self) -> None:
        self.client.execute_command("CLIENT", "PAUSE", 30_000, "WRITE")

    def writes_paused_end(self) -> None:
        self.client.execute_command("CLIENT", "UNPAUSE")

    def read_only_replica_start(self) -> None:  # the app's server became a replica (a failover)
        self.primary = ThrowawayRedis()
        port = self.primary.__enter__().rsplit(":", 1)[1].split("/")[0]
        self.client.replicaof("127.0.0.1", port)

    def read_only_replica_end(self) -> None:  # promoted back
        self.client.replicaof("NO", "ONE")
        self.primary.__exit__()


FAULTS = ["kill", "pause", "writes-paused", "read-only-replica"]


@pytest.mark.parametrize("kind", FAULTS)
def test_a_stop_during_a_fault_is_answered_kept_and_processed_once(tmp_path, prefix, kind):
    with ThrowawayRedis() as url:
        fault = Fault(kind, ThrowawayRedis.last, url)
        app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), REDIS_TIMEOUT_SECONDS=0.3, ASK_REASON=False)
        client = app.test_client()
        assert post_sms(client, "hello").status_code == 200  # connected before the fault
        fault.start()
        try:
            started = time.monotonic()
            during = post_sms(client, "STOP", sid="SMfault")
            assert time.monotonic() - started < 3  # well inside Twilio's 15 s
            assert during.status_code == 200 and messages(during) == [CONFIRMATION_NO_ASK]
            assert Journal(str(tmp_path)).consent(BUSINESS, SUBSCRIBER) is True
        finally:
            fault.end()
        with app.app_context():
            service = caught_up(app)
            retry = post_sms(client, "STOP", sid="SMfault")  # Twilio retries the same message
            assert retry.status_code == 200 and messages(retry) == [CONFIRMATION_NO_ASK]
            assert service.store.load(BUSINESS, SUBSCRIBER).opted_out
            logged = [e for _, e in service.intent_log.scan() if e["message_sid"] == "SMfault"]
            registered = [e for e in service.intent_log.register() if e["message_sid"] == "SMfault"]
            assert len(logged) == 1 and len(registered) == 1 and logged[0]["event"] == "opted_out"
            assert service.intent_log.days(1).popitem()[1]["opted_out:keyword"] == 1  # the dashboard


def caught_up(app):
    """The app's service once its journal is replayed (and the background replay stopped)."""
    service = app.service()
    wait_for(lambda: _replayed(service))
    service.stop_replaying()
    return service


def _replayed(service) -> bool:
    """Replay now (the background thread may be waiting out its poll); True once empty."""
    try:
        service.replay_journal()
    except redis.RedisError:
        return False
    return not service.journal.has_pending()


def test_a_request_out_of_time_is_journalled_and_answered(tmp_path, redis_url, prefix):
    """WEBHOOK_BUDGET_MS: a slow intent layer leaves no time to write: journal and answer."""
    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path), WEBHOOK_BUDGET_MS=150, ASK_REASON=False)
    with app.app_context():
        service = app.service()
    classify = service.classify

    def slow(text: str):
        time.sleep(0.3)  # a remote model taking its time
        return classify(text)

    service.classify = slow
    started = time.monotonic()
    answer = post_sms(app.test_client(), "STOP", sid="SMslow")
    assert time.monotonic() - started < 1.5
    assert answer.status_code == 200 and messages(answer) == [CONFIRMATION_NO_ASK]
    with app.app_context():
        assert not service.store.load(BUSINESS, SUBSCRIBER).opted_out  # not written in the request
        assert Journal(str(tmp_path)).consent(BUSINESS, SUBSCRIBER) is True  # but kept and guarded
        wait_for(lambda: _replayed(service))
        service.stop_replaying()
        assert service.store.load(BUSINESS, SUBSCRIBER).opted_out


def test_a_web_unsubscribe_while_writes_fail_is_journalled_and_confirmed(tmp_path, prefix):
    from tests.test_unsubscribe import NUMBER, SCOPE, SECRET, csrf, link_path

    with ThrowawayRedis() as url:
        app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), SECRET_KEY=SECRET, TWILIO_FROM=SCOPE, REDIS_TIMEOUT_SECONDS=0.3)
        client, path = app.test_client(), link_path(app)
        token = csrf(client.get(path).data)
        fault = Fault("writes-paused", ThrowawayRedis.last, url)
        fault.start()
        try:
            page = client.post(path, data={"csrf": token})
            assert page.status_code == 200 and "unsubscribed" in page.data.decode().lower()
            assert Journal(str(tmp_path)).consent(SCOPE, NUMBER) is True
            again = client.get(path).data.decode()  # the link is not spent, but the guard knows
            assert "You are unsubscribed" in again and 'name="csrf"' not in again
        finally:
            fault.end()
        with app.app_context():
            service = caught_up(app)
            record = service.store.load(SCOPE, NUMBER)
            assert record.opted_out and record.channel == "web"


def test_a_failing_intent_layer_keeps_the_message_and_the_replay_classifies_it(tmp_path, redis_url, prefix):
    """A 500 never leaves a message neither stored nor journalled, even when classifying fails."""
    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path), ASK_REASON=False)
    with app.app_context():
        service = app.service()
    classify = service.classify

    def broken(text: str):
        raise RuntimeError("model file unreadable")

    service.classify = broken
    answer = post_sms(app.test_client(), "please stop texting me", sid="SMbroken")
    assert answer.status_code == 500 and b"journalled" in answer.data and b"Traceback" not in answer.data
    journal = Journal(str(tmp_path))
    assert [j.message.message_sid for j in journal.entries()] == ["SMbroken"]
    assert journal.consent(BUSINESS, SUBSCRIBER) is None  # not decided yet
    service.classify = classify
    with app.app_context():
        service.stop_replaying()
        assert service.replay_journal() == 1
        assert service.store.load(BUSINESS, SUBSCRIBER).opted_out


def test_a_store_that_refuses_a_command_is_a_500_with_the_message_journalled(tmp_path, redis_url, prefix, monkeypatch):
    """Not an outage (Redis answered with an error): no offline confirmation pretends it worked."""
    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path), ASK_REASON=False)
    with app.app_context():
        service = app.service()
    monkeypatch.setattr(service, "replay_soon", lambda: None)

    def refused(*args: object, **kwargs: object) -> None:
        raise redis.ResponseError("ERR unknown command")

    monkeypatch.setattr(service.store, "apply", refused)
    answer = post_sms(app.test_client(), "STOP", sid="SMrefused")
    assert (answer.status_code, answer.data) == (500, b"recording failed (logged); message journalled for replay\n")
    assert [j.message.message_sid for j in Journal(str(tmp_path)).entries()] == ["SMrefused"]


def test_a_good_request_replays_what_another_process_journalled(tmp_path, redis_url, prefix):
    """A journal line this process did not write (another worker's, during its outage) is
    applied once a request finds the store answering."""
    from intents import Intent
    from service import Inbound

    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path), ASK_REASON=False)
    Journal(str(tmp_path)).append(
        Inbound(BUSINESS, "+14155550123", "STOP", "SMother"), Intent("opt_out", 1.0, "en", "keyword", "stop"), "ConnectionError()"
    )
    assert post_sms(app.test_client(), "hello", sid="SMgood").status_code == 200
    with app.app_context():
        service = app.service()
        wait_for(lambda: service.store.load(BUSINESS, "+14155550123").opted_out)
        service.stop_replaying()
