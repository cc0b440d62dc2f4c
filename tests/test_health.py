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
    return {
        "ready": True,
        "store": store,
        "breaker": breaker,
        "replication": "closed",
        "journal": {"writable": True, "pending": pending, "damaged": 0},
    }


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


def scraped(text: str) -> dict[str, float]:
    """Sample name and labels -> value (prometheus_client writes 2 as 2.0)."""
    return {
        name: float(value)
        for name, value in (line.rsplit(" ", 1) for line in text.splitlines() if line and not line.startswith("#"))
    }


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
    samples = scraped(text)
    assert samples['optout_messages_today{intent="opt_out"}'] == 2
    assert samples['optout_messages_today{intent="help"}'] == 1
    assert samples['optout_events_today{event="opted_out"}'] == 2
    assert samples['optout_opt_outs_today{source="keyword"}'] >= 1
    assert samples["optout_journal_pending"] == 0 and "optout_review_pending" in samples
    assert samples["optout_journal_damaged"] == 0 and samples["optout_journal_writable"] == 1
    assert samples["optout_store_up"] == 1 and samples["optout_store_breaker_open"] == 0
    assert 0 < samples["optout_store_ping_seconds"] < 1
    assert "# TYPE optout_messages_today gauge" in text


def test_metrics_with_the_store_away_still_report_the_journal_and_the_breaker(tmp_path, prefix):
    app = make_app("redis://127.0.0.1:1/0", prefix, INSTANCE_PATH=str(tmp_path), METRICS_TOKEN=TOKEN, REDIS_TIMEOUT_SECONDS=0.2)
    client = app.test_client()
    assert post_sms(client, "STOP").status_code == 200  # journalled
    answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    samples = scraped(answer.data.decode())
    assert answer.status_code == 200 and samples["optout_store_up"] == 0
    assert samples["optout_store_breaker_open"] == 1 and samples["optout_journal_pending"] == 1
    with app.app_context():
        app.service().stop_replaying()


def test_json_logs_and_a_start_up_summary(redis_url, prefix, capsys):
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        app = make_app(
            redis_url,
            prefix,
            LOG_FORMAT="json",
            OPS_PASSWORD="x" * 12,
            SECRET_KEY="s" * 32,
            TWILIO_AUTH_TOKEN="secret-token-value",
        )
        assert "optout starting" not in capsys.readouterr().err  # not for a CLI command
        app.test_client().get("/healthz")
        app.test_client().get("/healthz")
        lines = [json.loads(text) for text in capsys.readouterr().err.strip().splitlines()]
        line = next(line for line in lines if line["message"].startswith("optout starting"))
        assert sum(line["message"].startswith("optout starting") for line in lines) == 1
        assert sum(line["message"].startswith("PRIVACY_URL is not set") for line in lines) == 1
    finally:
        root.handlers, root.level = saved
    assert line["level"] == "WARNING" and line["logger"] == "web.health"
    assert line["message"].startswith("optout starting: store: redis://…, webhook: signed requests only, ops console: on")
    assert "secret-token-value" not in line["message"] and "127.0.0.1" not in line["message"]
    assert line["message"].endswith("revoke all: off, opt-out feed: off, status callbacks: on")


def test_the_start_up_summary_names_the_feeds_receiver_host_and_deliverer_only(redis_url, prefix):
    from web.health import summary

    url = "https://crm.example.com/hooks/optout?token=abc123"
    threaded = make_app(redis_url, prefix, OPTOUT_WEBHOOK_URL=url, OPTOUT_WEBHOOK_SECRET="w" * 32)
    apart = make_app(redis_url, prefix, OPTOUT_WEBHOOK_URL=url, OPTOUT_WEBHOOK_SECRET="w" * 32, FEED_DELIVERER="off")
    assert "opt-out feed: to crm.example.com by a thread in each worker," in summary(threaded)
    assert "opt-out feed: to crm.example.com by flask deliver," in summary(apart)
    assert "abc123" not in summary(threaded) + summary(apart) and "/hooks" not in summary(threaded)


def test_a_bad_log_format_is_one_line(redis_url, prefix):
    import pytest

    from domain.errors import ConfigError

    with pytest.raises(ConfigError, match="LOG_FORMAT must be one of text, json"):
        make_app(redis_url, prefix, LOG_FORMAT="xml")


def test_metrics_count_requests_decisions_and_store_errors_of_this_process(tmp_path, redis_url, prefix):
    client = make_app(redis_url, prefix, METRICS_TOKEN=TOKEN).test_client()
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    before = scraped(client.get("/metrics", headers=bearer).data.decode())
    assert post_sms(client, "STOP", sender="+14155550177").status_code == 200
    assert client.get("/no-such-page").status_code == 404
    after = scraped(client.get("/metrics", headers=bearer).data.decode())

    def grew(sample: str) -> float:
        return after.get(sample, 0) - before.get(sample, 0)

    assert grew('optout_decisions_total{intent="opt_out",source="keyword"}') == 1
    assert grew('optout_http_requests_total{method="POST",route="/sms",status="200"}') == 1
    assert grew('optout_http_requests_total{method="GET",route="unmatched",status="404"}') == 1
    assert grew('optout_http_request_duration_seconds_count{method="POST",route="/sms"}') == 1
    away = make_app("redis://127.0.0.1:1/0", prefix, METRICS_TOKEN=TOKEN, INSTANCE_PATH=str(tmp_path))
    with away.app_context():
        assert post_sms(away.test_client(), "STOP", sender="+14155550178").status_code == 200
        away.service().stop_replaying()
    final = scraped(client.get("/metrics", headers=bearer).data.decode())
    outages = 'optout_store_errors_total{kind="outage"}'
    assert final.get(outages, 0) - after.get(outages, 0) == 1


def test_every_answer_carries_a_request_id_and_a_caller_id_is_kept_only_when_safe(redis_url, prefix):
    client = make_app(redis_url, prefix).test_client()
    fresh = client.get("/healthz").headers["X-Request-Id"]
    assert len(fresh) == 32 and fresh != client.get("/healthz").headers["X-Request-Id"]
    assert client.get("/healthz", headers={"X-Request-Id": "req-1234-abcd"}).headers["X-Request-Id"] == "req-1234-abcd"
    for unsafe in ["id+14155550100", "a b c d e f g h", "x" * 65]:
        assert client.get("/healthz", headers={"X-Request-Id": unsafe}).headers["X-Request-Id"] != unsafe


def test_json_logs_carry_the_request_id_and_message_sid(redis_url, prefix):
    import io
    import json
    import logging

    from web.logs import use_json

    stream = io.StringIO()
    root = logging.getLogger("test-json-logs")
    handler = use_json(root)
    handler.setStream(stream)  # type: ignore[attr-defined]
    app = make_app(redis_url, prefix)
    with app.test_request_context("/sms", method="POST", data={"MessageSid": "SM" + "a" * 32}):
        app.preprocess_request()
        root.warning("store unavailable for %s", "SM" + "a" * 32, extra={"kind": "outage"})
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["level"] == "WARNING" and line["logger"] == "test-json-logs" and "time" in line
    assert line["message_sid"] == "SM" + "a" * 32 and len(line["request_id"]) == 32 and line["kind"] == "outage"


def test_a_privacy_url_set_is_not_warned_about(redis_url, prefix, caplog):
    app = make_app(redis_url, prefix, PRIVACY_URL="https://example.com/privacy")
    app.test_client().get("/healthz")
    assert "optout starting" in caplog.text and "PRIVACY_URL is not set" not in caplog.text


def test_each_label_sets_child_is_looked_up_once_not_per_request(redis_url, prefix, monkeypatch):
    """prometheus_client's .labels() validates and locks on every call: the webhook's counters
    and histograms find their child once per label set, and still count every request."""
    from web import metrics

    looked_up: list[tuple[str, ...]] = []
    for metric in (metrics.DECISIONS, metrics.REQUESTS, metrics.LATENCY):
        real = metric.labels
        monkeypatch.setattr(metric, "labels", lambda *values, real=real: looked_up.append(values) or real(*values))
    for cached in (metrics._decisions, metrics._requests, metrics._latency):
        cached.cache_clear()
    client = make_app(redis_url, prefix).test_client()
    assert post_sms(client, "ok thanks", sender="+14155550160").status_code == 200
    decided = next(values for values in looked_up if values[0] != "/sms")  # (intent, source)
    before = metrics.DECISIONS.labels(*decided)._value.get()
    looked_up.clear()
    for n in range(3):
        assert post_sms(client, "ok thanks", sender=f"+1415555016{n + 1}").status_code == 200
    assert looked_up == [] and metrics.DECISIONS.labels(*decided)._value.get() == before + 3
