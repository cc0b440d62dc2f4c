"""Operability: liveness, readiness, Prometheus metrics, JSON logs, the start-up summary."""
from __future__ import annotations

import json
import logging

from tests.conftest import make_app, post_sms
from tests.redis_server import ThrowawayRedis

TOKEN = "metrics-token-for-tests"


def test_liveness_needs_nothing(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer.data == b"ok\n"


def ready_body(store: str, pending: int, breaker: str = "closed") -> dict:
    return {"ready": True, "store": store, "breaker": breaker, "replication": "closed",
            "journal": {"writable": True, "pending": pending, "damaged": 0}}


def test_readiness_shows_the_store_and_the_journal_and_stays_ready_while_it_can_journal(tmp_path, prefix):
    with ThrowawayRedis() as url:
        server = ThrowawayRedis.last
        app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), REDIS_TIMEOUT_SECONDS=0.3)
        client = app.test_client()
        assert client.get("/readyz").get_json() == ready_body("ok", 0)
        server.stop()
        try:
            assert post_sms(client, "STOP").status_code == 200  # journalled
            down = client.get("/readyz")  # the message is safe: every instance can still take them
            assert down.status_code == 200 and down.get_json() == ready_body("unreachable", 1, "open")
        finally:
            server.start()
        with app.app_context():
            service = app.service()
            service.stop_replaying()
            service.replay_journal()
        assert client.get("/readyz").get_json() == ready_body("ok", 0)


def test_readiness_is_503_when_the_journal_cannot_be_written(tmp_path, redis_url, prefix):
    (tmp_path / "journal.sqlite3").mkdir()  # not a database
    answer = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path)).test_client().get("/readyz")
    assert answer.status_code == 503
    assert answer.get_json()["reason"].startswith("journal unwritable: ")


def test_metrics_are_off_without_a_token_and_need_it(redis_url, prefix):
    assert make_app(redis_url, prefix).test_client().get("/metrics").status_code == 404
    client = make_app(redis_url, prefix, METRICS_TOKEN=TOKEN).test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": TOKEN}).status_code == 401  # no scheme


def test_metrics_count_todays_decisions_for_every_worker(redis_url, prefix):
    app = make_app(redis_url, prefix, METRICS_TOKEN=TOKEN)
    client = app.test_client()
    for n, body in enumerate(["STOP", "please stop texting me", "hello", "HELP"]):
        post_sms(client, body, sender=f"+1415555{n:04d}")
    other_worker = make_app(redis_url, prefix, METRICS_TOKEN=TOKEN).test_client()  # another process's view
    text = other_worker.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).data.decode()
    samples = dict(line.rsplit(" ", 1) for line in text.splitlines() if not line.startswith("#"))
    assert samples['optout_messages_today{intent="opt_out"}'] == "2"
    assert samples['optout_messages_today{intent="help"}'] == "1"
    assert samples['optout_events_today{event="opted_out"}'] == "2"
    assert int(samples['optout_opt_outs_today{source="keyword"}']) >= 1
    assert samples["optout_journal_pending"] == "0" and "optout_review_pending" in samples
    assert samples["optout_journal_damaged"] == "0" and samples["optout_journal_writable"] == "1"
    assert samples["optout_store_up"] == "1" and samples["optout_store_breaker_open"] == "0"
    assert 0 < float(samples["optout_store_ping_seconds"]) < 1
    assert "# TYPE optout_messages_today gauge" in text


def test_metrics_with_the_store_away_still_report_the_journal_and_the_breaker(tmp_path, prefix):
    app = make_app("redis://127.0.0.1:1/0", prefix, INSTANCE_PATH=str(tmp_path), METRICS_TOKEN=TOKEN,
                   REDIS_TIMEOUT_SECONDS=0.2)
    client = app.test_client()
    assert post_sms(client, "STOP").status_code == 200  # journalled
    answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    samples = dict(line.rsplit(" ", 1) for line in answer.data.decode().splitlines() if not line.startswith("#"))
    assert answer.status_code == 200 and samples["optout_store_up"] == "0"
    assert samples["optout_store_breaker_open"] == "1" and samples["optout_journal_pending"] == "1"
    with app.app_context():
        app.service().stop_replaying()


def test_json_logs_and_a_start_up_summary(redis_url, prefix, capsys):
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        make_app(redis_url, prefix, LOG_FORMAT="json", OPS_PASSWORD="x" * 12, SECRET_KEY="s" * 32,
                 TWILIO_AUTH_TOKEN="secret-token-value")
        line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    finally:
        root.handlers, root.level = saved
    assert line["level"] == "WARNING" and line["logger"] == "web.health"
    assert line["message"].startswith("optout starting: store: redis://…, webhook: signed requests only, "
                                      "ops console: on")
    assert "secret-token-value" not in line["message"] and "127.0.0.1" not in line["message"]


def test_a_bad_log_format_is_one_line(redis_url, prefix):
    import pytest

    from domain.errors import ConfigError

    with pytest.raises(ConfigError, match="LOG_FORMAT must be one of text, json"):
        make_app(redis_url, prefix, LOG_FORMAT="xml")
