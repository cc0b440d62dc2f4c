"""The opt-out feed end to end: real Redis (single, Cluster, Sentinel: make test-topologies), a real
HTTP receiver that fails, hangs past the timeout, then takes events; the webhook meanwhile."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from domain.errors import ConfigError
from outbound.feed import FeedSettings
from outbound.feed_runner import EXTENSION, stop_for
from store.keys import BUCKETS, key_for
from tests.conftest import AUTH_TOKEN, SUBSCRIBER, make_app, post_sms, sign, store_client, twilio_form
from tests.fake_http import FakeServer
from tests.processes import wait_until
from tests.redis_server import free_port
from tests.test_gunicorn import ROOT, wait_for_http
from tests.test_ops import PASSWORD, signed_in

SECRET = "feed-test-secret"
TIMEOUT = 1.0  # FEED_TIMEOUT_SECONDS: a hanging receiver is given up on after this
RETRY = 0.2  # FEED_RETRY_SECONDS: the first retry's wait
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def readme_check() -> Callable[[bytes, str, str], bool]:
    """The receiver's check exactly as the README shows it (so the README's code works)."""
    section = README.split("## Opt-out feed", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code, "the README's feed section shows a receiver's check in Python"
    scope: dict[str, Any] = {}
    exec(code.group(1), scope)  # noqa: S102 - our own README
    check: Callable[[bytes, str, str], bool] = scope["valid"]
    return check


class Receiver:
    """A real receiver on 127.0.0.1:0 answering by a script: 'fail' (500), 'hang' (no answer
    until released, past the deliverer's timeout), then 200 for everything after."""

    def __init__(self, script: list[str]) -> None:
        self.script, self.requests = script, []  # each: body, signature, action, arrival time
        self.release, self.lock = threading.Event(), threading.Lock()
        self.on_arrival: Callable[[], None] = lambda: None
        self.server = FakeServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}/optouts"

    def handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    n = len(receiver.requests)
                    action = receiver.script[n] if n < len(receiver.script) else "ok"
                    receiver.requests.append((body, self.headers.get("X-Optout-Signature", ""), action, time.monotonic()))
                receiver.on_arrival()
                if action == "hang":
                    receiver.release.wait(30)
                self.send_response(500 if action == "fail" else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def taken(self) -> list[dict[str, Any]]:
        """The payloads answered 200 (and so acknowledged by the deliverer)."""
        with self.lock:
            return [json.loads(body) for body, _, action, _ in self.requests if action == "ok"]

    def __enter__(self) -> Receiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def feed_app(redis_url: str, prefix: str, url: str, **overrides: Any) -> Any:
    """The app with the feed on, a short timeout and short retries."""
    settings = {"OPTOUT_WEBHOOK_SECRET": SECRET, "FEED_TIMEOUT_SECONDS": TIMEOUT, "FEED_RETRY_SECONDS": RETRY}
    return make_app(redis_url, prefix, OPTOUT_WEBHOOK_URL=url, **{**settings, **overrides})


def register_ids(redis_url: str, prefix: str) -> dict[str, str]:
    """Every consent change in the register: global id -> event (read without the app)."""
    client = store_client(redis_url)
    pipe = client.pipeline(transaction=False)
    for bucket in range(BUCKETS):
        pipe.xrange(key_for(prefix, "register", bucket=bucket))
    rows = pipe.execute()
    return {f"{b}-{sid.decode()}": fields[b"event"].decode() for b, hits in enumerate(rows) for sid, fields in hits}


def test_every_consent_change_reaches_a_receiver_that_fails_then_hangs_signed_one_id_each(redis_url, prefix):
    valid = readme_check()
    with Receiver(["fail", "hang"]) as receiver:
        app = feed_app(redis_url, prefix, receiver.url)
        client = app.test_client()
        try:
            assert post_sms(client, "STOP").status_code == 200  # its first request starts the thread
            wait_until(lambda: len(receiver.requests) == 2, "the retry reaching the receiver, which hangs")
            started = time.monotonic()
            assert post_sms(client, "too many texts").status_code == 200
            assert post_sms(client, "START").status_code == 200
            assert time.monotonic() - started < TIMEOUT / 2  # answered while the deliverer waits
            assert len(receiver.requests) == 2 and not receiver.release.is_set()  # it still waits
            wait_until(lambda: len(receiver.taken()) >= 3, "every event delivered")
        finally:
            assert stop_for(app) and app.extensions[EXTENSION] is None
    events = register_ids(redis_url, prefix)
    taken = {p["id"]: p for p in receiver.taken()}
    assert set(taken) == set(events) and sorted(events.values()) == ["opted_in", "opted_out", "reason_recorded"]
    first, hung, *_ = [json.loads(body)["id"] for body, *_ in receiver.requests]
    assert first == hung and events[first] == "opted_out"  # redelivered with the same id
    assert all(valid(body, header, SECRET) for body, header, *_ in receiver.requests)
    assert not any(valid(body, header, SECRET + "x") for body, header, *_ in receiver.requests)
    by_event = {p["event"]: p for p in taken.values()}
    assert by_event["reason_recorded"]["reason_text"] == "too many texts" and by_event["reason_recorded"]["reason"]
    assert by_event["opted_out"]["reason"] == "" and by_event["opted_out"]["decided_by"].startswith("keyword")
    assert {p["number"] for p in taken.values()} == {SUBSCRIBER}
    assert all(datetime.fromisoformat(p["time"]).utcoffset().total_seconds() == 0 for p in taken.values())
    assert app.service().store.repositories.feed.backlog().unacknowledged == 0


def test_deliver_once_acknowledges_only_after_a_2xx_and_waits_longer_each_time(redis_url, prefix):
    with Receiver(["fail", "hang"]) as receiver:
        app = feed_app(redis_url, prefix, receiver.url, FEED_DELIVERER="off", ASK_REASON=False)
        assert post_sms(app.test_client(), "STOP").status_code == 200
        feed = app.service().store.repositories.feed
        seen: list[int] = []
        receiver.on_arrival = lambda: seen.append(feed.backlog().unacknowledged)
        runner = app.test_cli_runner()
        failed = runner.invoke(args=["deliver", "--once"])
        assert failed.exit_code == 1 and "delivered 0, failed 1, waiting 1" in failed.output
        assert feed.backlog().unacknowledged == 1  # a 500 acknowledges nothing
        wait_until(lambda: runner.invoke(args=["deliver", "--once"]) and receiver.taken(), "a retry taken")
    assert seen == [1, 1, 1]  # every attempt, the last one too, arrives unacknowledged
    ids = {json.loads(body)["id"] for body, *_ in receiver.requests}
    assert len(receiver.requests) == 3 and ids == set(register_ids(redis_url, prefix))
    arrivals = [at for *_, at in receiver.requests]
    assert arrivals[1] - arrivals[0] >= RETRY * 0.9 and arrivals[2] - arrivals[1] >= 2 * RETRY * 0.9
    backlog = feed.backlog()
    assert (backlog.unacknowledged, backlog.unread, backlog.oldest) == (0, 0, 0.0)
    assert runner.invoke(args=["deliver", "--once"]).output.strip() == "delivered 0, failed 0, waiting 0"


def scrape(app: Any) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """The /metrics samples by name and labels."""
    text = app.test_client().get("/metrics", headers={"Authorization": "Bearer t"}).get_data(as_text=True)
    return {(s.name, tuple(sorted(s.labels.items()))): s.value for f in text_string_to_metric_families(text) for s in f.samples}


def test_failed_and_pending_deliveries_show_in_metrics_and_on_the_console(redis_url, prefix):
    with Receiver(["fail"] * 10) as receiver:
        app = feed_app(redis_url, prefix, receiver.url, FEED_DELIVERER="off", METRICS_TOKEN="t")
        before = scrape(app).get(("optout_feed_failed_attempts_total", (("why", "status"),)), 0)
        assert post_sms(app.test_client(), "STOP").status_code == 200
        assert app.test_cli_runner().invoke(args=["deliver", "--once"]).exit_code == 1
        after = scrape(app)
    assert after[("optout_feed_failed_attempts_total", (("why", "status"),))] == before + 1
    assert after[("optout_feed_pending", (("state", "unacknowledged"),))] == 1
    assert after[("optout_feed_pending", (("state", "unread"),))] == 0
    assert after[("optout_feed_oldest_unacknowledged_seconds", ())] >= 0


def test_the_dashboard_says_how_many_events_wait(redis_url, prefix):
    with Receiver(["fail"] * 10) as receiver:
        app = feed_app(redis_url, prefix, receiver.url, FEED_DELIVERER="off", OPS_PASSWORD=PASSWORD, SECRET_KEY="s")
        assert post_sms(app.test_client(), "STOP").status_code == 200
        app.test_cli_runner().invoke(args=["deliver", "--once"])
        page = signed_in(app).get("/ops/dashboard").get_data(as_text=True)
    assert 'id="feed-unacknowledged">1<' in page and 'id="feed-unread">0<' in page


def test_an_event_a_deliverer_took_and_never_acknowledged_goes_to_another(redis_url, prefix):
    """A worker that died mid-POST: its event is claimed by the next deliverer once due."""
    app = feed_app(redis_url, prefix, "http://127.0.0.1:9/", FEED_DELIVERER="off", ASK_REASON=False)
    assert post_sms(app.test_client(), "STOP").status_code == 200
    feed = app.service().store.repositories.feed
    feed.ensure_groups()
    feed.ensure_groups()  # a group that exists is left as it is
    (taken,) = feed.read_new("dead-worker", 10)
    assert feed.read_new("other-worker", 10) == [] and feed.claim_due("other-worker", lambda n: 60_000, 10) == []
    wait_until(lambda: feed.claim_due("other-worker", lambda n: 50 * n, 10), "the event due again")
    assert feed.backlog().unacknowledged == 1 and taken.entry and taken.entry["event"] == "opted_out"


def test_ended_deliverers_names_leave_the_group_unless_they_hold_events(redis_url, prefix):
    """Every worker ever started is a consumer name: quiet ones with nothing pending are dropped,
    one still holding an unacknowledged event stays (dropping it would lose the event)."""
    app = feed_app(redis_url, prefix, "http://127.0.0.1:9/", FEED_DELIVERER="off", ASK_REASON=False)
    assert post_sms(app.test_client(), "STOP").status_code == 200
    feed = app.service().store.repositories.feed
    feed.ensure_groups()
    (held,) = feed.read_new("crashed-worker", 10)  # took the event, never acknowledged it
    client = store_client(redis_url)
    for bucket in (3, 40, held.bucket):
        for name in ("ended-worker", "live-worker"):
            client.xgroup_createconsumer(key_for(prefix, "feed", bucket=bucket), "deliverers", name)
    assert feed.prune_consumers("live-worker", 60_000) == 0  # nobody quiet that long yet
    gone: list[int] = []
    wait_until(lambda: gone.append(feed.prune_consumers("live-worker", 50)) or sum(gone) == 3, "3 quiet names dropped")
    names = {
        c["name"].decode()
        for b in range(BUCKETS)
        for c in client.xinfo_consumers(key_for(prefix, "feed", bucket=b), "deliverers")
    }
    assert names == {"crashed-worker", "live-worker"}  # the holder stays; the caller keeps its name
    assert feed.backlog().unacknowledged == 1 and held.entry and held.entry["event"] == "opted_out"


def test_the_wait_doubles_up_to_an_hour():
    settings = FeedSettings("https://r.example", "s", 5.0, 2.0)
    assert [settings.wait_ms(n) for n in (1, 2, 3, 4)] == [2000, 4000, 8000, 16000]
    assert settings.wait_ms(40) == 3600_000


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"OPTOUT_WEBHOOK_URL": "https://crm.example/optouts"}, "OPTOUT_WEBHOOK_URL needs OPTOUT_WEBHOOK_SECRET"),
        ({"OPTOUT_WEBHOOK_URL": "ftp://crm.example", "OPTOUT_WEBHOOK_SECRET": "s"}, "OPTOUT_WEBHOOK_URL must start with http"),
        ({"FEED_DELIVERER": "cron"}, "FEED_DELIVERER must be one of thread, off"),
        ({"FEED_TIMEOUT_SECONDS": 0}, "FEED_TIMEOUT_SECONDS must be a number from 0.1 to 30"),
    ],
)
def test_a_feed_that_cannot_work_is_refused_at_start_in_one_line(redis_url, prefix, overrides, message):
    with pytest.raises(ConfigError, match=message) as refused:
        make_app(redis_url, prefix, **overrides)
    assert "\n" not in str(refused.value)


def test_each_gunicorn_worker_delivers_and_stops_cleanly_on_sigterm(redis_url, prefix, tmp_path):
    """gunicorn.conf.py starts a deliverer in each worker (two consumers of one group) and stops it."""
    port, log = free_port(), tmp_path / "gunicorn.log"
    base = f"http://127.0.0.1:{port}"
    with Receiver(["fail"]) as receiver:
        env = {
            **os.environ,
            "REDIS_URL": redis_url,
            "REDIS_PREFIX": prefix,
            "PUBLIC_URL": base,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
        }
        env.update(TWILIO_AUTH_TOKEN=AUTH_TOKEN, OPTOUT_WEBHOOK_URL=receiver.url, OPTOUT_WEBHOOK_SECRET=SECRET)
        env.update(FEED_RETRY_SECONDS=str(RETRY), GUNICORN_WORKERS="2", ASK_REASON="false")
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            f"app:create_app({{'INSTANCE_PATH': {str(tmp_path)!r}}})",
        ]
        with open(log, "w") as stderr:
            server = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
            )
        try:
            wait_for_http(base + "/healthz")
            for n in range(4):
                form = twilio_form("STOP", sender=f"+1415555{n:04d}")
                answer = requests.post(
                    base + "/sms", data=form, headers={"X-Twilio-Signature": sign(form, url=base + "/sms")}, timeout=10
                )
                assert answer.status_code == 200
            wait_until(lambda: len({p["id"] for p in receiver.taken()}) == 4, "four events through two workers")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            exited = server.wait(timeout=30)
    assert exited == 0 and "Traceback" not in log.read_text()
    assert {p["id"] for p in receiver.taken()} == set(register_ids(redis_url, prefix))
