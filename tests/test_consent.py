"""Consent paths, on a real Redis with signed requests: nobody is resubscribed without asking."""

from __future__ import annotations

import json
import re
import time

import pytest
import redis

from service import Inbound
from tests.conftest import BUSINESS, SUBSCRIBER, make_app, post_sms
from tests.test_webhook import messages, record

OPT_OUT = "You are unsubscribed from Acme Shoes. No more messages will be sent. Reply START to resubscribe."
ASK = " Optional: reply with why you unsubscribed."
OPT_IN = "You are resubscribed to Acme Shoes messages. Reply STOP to opt out, HELP for help."
HOW_TO_OPT_IN = "Acme Shoes: to get our messages again, reply START."

# (text sent, expected reply or None, expected state afterwards, expected event)
CONSENT_PATHS = {
    "a reason that sounds like an opt-in is only a reason": [
        ("STOP", OPT_OUT + ASK, "awaiting_reason", "opted_out"),
        ("not relevant", None, "opted_out", "reason_recorded"),
        ("not relevant to me anymore", None, "opted_out", "ignored"),
    ],
    "stop, reason, start": [
        ("STOP", OPT_OUT + ASK, "awaiting_reason", "opted_out"),
        ("too many texts", None, "opted_out", "reason_recorded"),
        ("START", OPT_IN, "subscribed", "opted_in"),
    ],
    "a natural opt-in is asked to text START": [
        ("stop texting me", OPT_OUT + ASK, "awaiting_reason", "opted_out"),
        ("too many", None, "opted_out", "reason_recorded"),
        ("add me back to your texts", HOW_TO_OPT_IN, "opted_out", "opt_in_requested"),
        ("STAR", None, "opted_out", "ignored"),
        ("START", OPT_IN, "subscribed", "opted_in"),
    ],
    "while a reason is awaited, a natural opt-in is the reason": [
        ("STOP", OPT_OUT + ASK, "awaiting_reason", "opted_out"),
        ("sign me back up", None, "opted_out", "reason_recorded"),
    ],
    "START while awaiting a reason resubscribes": [
        ("STOP", OPT_OUT + ASK, "awaiting_reason", "opted_out"),
        ("start", OPT_IN, "subscribed", "opted_in"),
    ],
    "UNSTOP and YES resubscribe when opted out": [
        ("quit", OPT_OUT + ASK, "awaiting_reason", "opted_out"),
        ("meh", None, "opted_out", "reason_recorded"),
        ("UNSTOP", OPT_IN, "subscribed", "opted_in"),
        ("STOP", OPT_OUT + ASK, "awaiting_reason", "opted_out"),
        ("whatever", None, "opted_out", "reason_recorded"),
        ("Yes", OPT_IN, "subscribed", "opted_in"),
    ],
    "opt-in keywords change nothing while subscribed": [
        ("START", None, "subscribed", "ignored"),
        ("YES", None, "subscribed", "ignored"),
        ("sign me back up", None, "subscribed", "ignored"),
    ],
}


def last_event(app) -> str:
    with app.app_context():
        return app.service().intent_log.recent(1)[0]["event"]


@pytest.mark.parametrize("steps", CONSENT_PATHS.values(), ids=CONSENT_PATHS.keys())
def test_consent_path(client, app, steps):
    for text, reply, state, event in steps:
        response = post_sms(client, text)
        assert response.status_code == 200, text
        assert messages(response) == ([reply] if reply else []), text
        assert (record(app).state.value, last_event(app)) == (state, event), text


def test_program_opt_in_keyword_resubscribes_in_any_state(redis_url, prefix):
    app = make_app(redis_url, prefix, OPT_IN_KEYWORDS="JOINACME")
    client = app.test_client()
    for first in ("STOP", "STOP"):
        post_sms(client, first)
        assert record(app).state.value == "awaiting_reason"
        assert messages(post_sms(client, "join acme!")) == [OPT_IN]
        assert record(app).state.value == "subscribed"


def test_a_typo_of_start_is_not_consent(client, app):
    post_sms(client, "STOP")
    post_sms(client, "too many")
    assert messages(post_sms(client, "strat")) == [HOW_TO_OPT_IN]
    assert record(app).opted_out


# --- ops corrections ------------------------------------------------------------------


def review(app):
    from ops.reviews import Reviews

    return Reviews.for_service(app.service(), app.config)


def entry_for(app, text: str) -> tuple[str, dict]:
    with app.app_context():
        for stream_id, entry in app.service().intent_log.scan():
            if entry["text"] == text:
                return stream_id, entry
    raise AssertionError(text)


def test_a_correction_to_opt_out_opts_out_now_with_the_evidence(client, app):
    post_sms(client, "what is your list price", sid="SMmissed1")
    stream_id, _ = entry_for(app, "what is your list price")
    with app.app_context():
        assert review(app).effects(entry_for(app, "what is your list price")[1])["opt_out"].startswith("opts the number out now")
        verdict = review(app).decide(stream_id, "opt_out", operator="dana")
        history = app.service().store.history(BUSINESS, SUBSCRIBER)
    assert (verdict["state_before"], verdict["state_after"]) == ("subscribed", "opted_out")
    assert record(app).state.value == "opted_out" and record(app).channel == "ops"
    assert record(app).opted_out_by == "ops:correction:dana:of:SMmissed1"
    evidence = history[-1]
    assert (evidence["event"], evidence["channel"], evidence["reply"]) == ("opted_out", "ops", None)
    assert evidence["text"] == "what is your list price" and evidence["message_sid"] == f"OPS{stream_id}"


def test_a_correction_away_from_opt_out_never_resubscribes(client, app):
    post_sms(client, "piss off")  # a flagged dismissal
    assert record(app).opted_out
    stream_id, entry = entry_for(app, "piss off")
    with app.app_context():
        assert "stays opted out" in review(app).effects(entry)["other"]
        verdict = review(app).decide(stream_id, "other")
        assert "stays opted out" in review(app).decide(stream_id, "opt_in")["effect"]
    assert verdict["verdict"] == "corrected" and "START" in verdict["effect"]
    assert record(app).opted_out


def test_the_queue_shows_states_and_effects_and_confirms_what_it_did(redis_url, prefix):
    from tests.test_ops import PASSWORD, signed_in

    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    post_sms(app.test_client(), "what is your list price")
    client = signed_in(app)
    queue = client.get("/ops/review").data.decode()
    assert "subscribed → subscribed" in queue and "opts the number out now" in queue
    stream_id = re.search(r'/ops/review/(\d+-\d+-\d+)"', queue).group(1)
    token = re.search(r'name="csrf" value="([^"]+)"', queue).group(1)
    done = client.post(f"/ops/review/{stream_id}", data={"intent": "opt_out", "csrf": token}, follow_redirects=True).data.decode()
    assert "Corrected as opt_out: opts the number out now" in done
    assert "(state subscribed → opted_out)" in done
    assert record(app).opted_out


def test_cli_review_shows_what_each_choice_does(client, app):
    post_sms(client, "what is your list price")
    out = app.test_cli_runner().invoke(args=["review"], input="o\nq\n").output
    assert "opt_out: opts the number out now" in out and "now subscribed" in out
    assert "corrected: opt_out — opts the number out now" in out
    assert record(app).opted_out


# --- the web page -----------------------------------------------------------------------


@pytest.fixture
def web_app(redis_url, prefix):
    return make_app(redis_url, prefix, SECRET_KEY="k" * 32, TWILIO_FROM=BUSINESS)


def open_link(app):
    url = app.test_cli_runner().invoke(args=["unsubscribe-link", SUBSCRIBER]).output.strip()
    path = url.removeprefix("https://sms.example.com")
    client = app.test_client()
    token = re.search(rb'name="csrf" value="([0-9a-f]+)"', client.get(path).data).group(1).decode()
    return client, path, token


def test_the_web_reason_form_after_an_sms_start_changes_nothing(web_app):
    client, path, token = open_link(web_app)
    client.post(path, data={"csrf": token})
    assert record(web_app).opted_out
    post_sms(web_app.test_client(), "START")
    assert not record(web_app).opted_out
    client.post(path + "/reason", data={"csrf": token, "category": "not_relevant"})
    assert not record(web_app).opted_out
    assert last_event(web_app) == "reason_ignored"


def test_the_web_page_records_before_it_marks_the_link_used(redis_url, prefix, tmp_path, monkeypatch):
    from service.journal import Journal

    web_app = make_app(redis_url, prefix, SECRET_KEY="k" * 32, TWILIO_FROM=BUSINESS, INSTANCE_PATH=str(tmp_path))
    client, path, token = open_link(web_app)
    with web_app.app_context():
        service = web_app.service()
    real_apply = service.store.apply
    monkeypatch.setattr(service.store, "apply", lambda *a, **k: (_ for _ in ()).throw(redis.ConnectionError("down")))
    monkeypatch.setattr(service, "replay_soon", lambda: None)  # replayed by hand below
    down = client.post(path, data={"csrf": token})
    assert down.status_code == 200 and b"You are unsubscribed" in down.data  # journalled
    assert not record(web_app).opted_out and Journal(str(tmp_path)).consent(BUSINESS, SUBSCRIBER)
    assert b"You are unsubscribed" in client.get(path).data  # the journalled opt-out counts
    monkeypatch.setattr(service.store, "apply", real_apply)
    assert service.replay_journal() == 1 and record(web_app).opted_out
    done = client.post(path, data={"csrf": token})
    assert b"You are unsubscribed" in done.data and record(web_app).opted_out
    with web_app.app_context():
        assert [e["channel"] for e in service.store.history(BUSINESS, SUBSCRIBER)] == ["web"]  # once


# --- time-driven state, order, settings, store errors ----------------------------------


def test_an_expired_why_reads_as_opted_out_everywhere(redis_url, prefix):
    from tests.test_ops import PASSWORD, signed_in

    app = make_app(redis_url, prefix, REASON_TIMEOUT_SECONDS=60, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    with app.app_context():
        service = app.service()
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMold", now=time.time() - 3600))
        raw = service.store.client.hget(service.store.key("number", SUBSCRIBER), "0|state")  # the first scope: alias 0
    assert raw == b"awaiting_reason"  # as stored: nothing has written since
    assert record(app).state.value == "opted_out"
    cli = json.loads(app.test_cli_runner().invoke(args=["subscriber", SUBSCRIBER, "--scope", BUSINESS]).output)
    assert cli["state"] == "opted_out"
    from tests.test_ops import look_up

    page = look_up(signed_in(app), SUBSCRIBER, BUSINESS)
    assert "State: <strong>opted_out</strong>" in page.data.decode()


def test_evidence_is_shown_in_commit_order(client, app):
    now = time.time()
    with app.app_context():
        service = app.service()
        # a later clock first: arrival times disagree with the order of the writes
        for n, (text, at) in enumerate([("STOP", now + 5), ("START", now), ("STOP", now + 1)]):
            service.handle(Inbound(BUSINESS, SUBSCRIBER, text, f"SMo{n}", now=at))
        history = service.store.history(BUSINESS, SUBSCRIBER)
    assert [e["seq"] for e in history] == [1, 2, 3]
    assert [e["text"] for e in history] == ["STOP", "START", "STOP"]
    assert history[-1]["state_after"] == record(app).state.value


@pytest.mark.parametrize(
    "setting, value",
    [
        ("IDEMPOTENCY_TTL_SECONDS", 0),
        ("TRUSTED_PROXIES", -1),
        ("LOG_RETENTION_DAYS", -5),
        ("UNSUBSCRIBE_LINK_DAYS", 0),
        ("MAX_BODY_CHARS", 5000),
        ("DEFAULT_REGION", "XX"),
        ("REASON_TIMEOUT_SECONDS", 0),
        ("GREY_ZONE_POLICY", "maybe"),
        ("REDIS_PREFIX", "a:b"),
        ("BRAND_NAME", " "),
        ("HIGH_CONFIDENCE", 1.5),
        ("REDIS_URL", "localhost:6379"),
        ("RASA_NLU_URL", "rasa:5005"),
    ],
)
def test_every_bad_setting_stops_the_start_with_one_line(redis_url, prefix, setting, value):
    from domain.errors import ConfigError

    with pytest.raises(ConfigError) as raised:
        make_app(redis_url, prefix, **{setting: value})
    assert setting in str(raised.value) and "\n" not in str(raised.value)


def test_a_bad_setting_prints_one_line_and_no_traceback(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "IDEMPOTENCY_TTL_SECONDS": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "subscriber", "+14155550100"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "configuration error: IDEMPOTENCY_TTL_SECONDS must be a number from 60 to 7776000, not 0"
    ]


@pytest.mark.parametrize(
    "error, status",
    [
        (redis.ConnectionError("refused"), 200),
        (redis.TimeoutError("slow"), 200),
        (redis.ResponseError("ERR invalid expire time in 'set' command"), 500),
        (FileNotFoundError("a race in a helper"), 500),
    ],
)
def test_an_outage_is_answered_anything_else_is_a_500_and_both_are_journalled(
    redis_url, prefix, tmp_path, monkeypatch, error, status
):
    from service.journal import Journal

    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path))
    client = app.test_client()
    with app.app_context():
        service = app.service()
    real_apply = service.store.apply
    monkeypatch.setattr(service.store, "apply", lambda *a, **k: (_ for _ in ()).throw(error))
    try:
        response = post_sms(client, "STOP", sid="SMfault1")
        assert response.status_code == status
        if status == 200:  # the subscriber cannot tell: the confirmation, without "why?"
            assert messages(response) == [OPT_OUT]
        assert [j.message.message_sid for j in Journal(str(tmp_path)).entries()] == ["SMfault1"]
        assert service.opted_out(BUSINESS, SUBSCRIBER)  # guards see the journalled opt-out
    finally:
        monkeypatch.setattr(service.store, "apply", real_apply)
        service.replay_soon(poll_seconds=0.05)  # as the next good request would
        wait_for(lambda: not Journal(str(tmp_path)).has_pending())
        service.stop_replaying()
    assert record(app).opted_out


def wait_for(condition, seconds: float = 20.0) -> None:
    """Poll until `condition()` holds, failing after a deadline (never a fixed sleep)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not met before the deadline"
        time.sleep(0.02)
