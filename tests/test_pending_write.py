"""Issue #27 point 5: an opt-out waiting in the journal (the store was away when it came) is
opted out in every view, marked 'pending write' with its evidence, and shown once replayed
only as the stored change it then is."""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from jsonschema import Draft202012Validator

from domain.times import iso
from tests.conftest import BUSINESS, SUBSCRIBER, make_app
from tests.test_api import AUTH, TOKEN
from tests.test_journal import STOP, stop
from tests.test_ops import PASSWORD, look_up, register_of, signed_in
from web.openapi import spec

EVIDENCE = {"text": "STOP", "message_sid": "SMstop", "channel": "sms", "decided_by": "keyword:stop"}


@pytest.fixture
def app(tmp_path, redis_url, prefix):
    app = make_app(
        redis_url,
        prefix,
        INSTANCE_PATH=str(tmp_path),
        ASK_REASON=False,
        API_TOKENS=TOKEN,
        TWILIO_FROM=BUSINESS,
        OPS_PASSWORD=PASSWORD,
        SECRET_KEY="pending-test-secret",
    )
    yield app
    with app.app_context():
        app.service().stop_replaying()


@pytest.fixture
def sent(app) -> float:
    """A STOP journalled while the store was away (the app already running: no boot replay)."""
    now = time.time() - 5
    with app.app_context():
        app.service().journal.append(stop(now=now), STOP, "ConnectionError")
    return now


def conforms(body: dict, path: str, method: str) -> None:
    """The answer is what the OpenAPI description says (schemathesis never sees a journal)."""
    answer = spec()["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
    Draft202012Validator(answer).validate(body)


def replay(app) -> None:
    with app.app_context():
        assert app.service().replay_journal() == 1


def test_the_api_status_shows_a_journalled_opt_out_pending_write_with_its_evidence(app, sent):
    api = app.test_client()
    body = api.post("/api/v1/optouts/status", headers=AUTH, json={"number": SUBSCRIBER}).get_json()
    assert body["opted_out"] is True and body["pending_write"] is True and body["known"] is True
    assert body["since"] == iso(sent) and body["channel"] == "sms"
    assert body["evidence"] == {**EVIDENCE, "time": iso(sent)}
    conforms(body, "/api/v1/optouts/status", "post")
    assert api.get(f"/api/v1/optouts/{SUBSCRIBER}", headers=AUTH).get_json() == body
    replay(app)
    stored = api.post("/api/v1/optouts/status", headers=AUTH, json={"number": SUBSCRIBER}).get_json()
    assert stored["opted_out"] is True and stored["pending_write"] is False and stored["evidence"] is None


def test_the_register_feed_lists_a_pending_opt_out_once_before_and_after_replay(app, sent):
    api = app.test_client()
    page = api.get("/api/v1/optouts", headers=AUTH).get_json()
    assert page["items"] == []
    assert [(p["number"], p["event"], p["message_sid"], p["pending_write"], p["source"]) for p in page["pending"]] == [
        (SUBSCRIBER, "opted_out", "SMstop", True, "keyword")
    ]
    conforms(page, "/api/v1/optouts", "get")
    assert api.get(f"/api/v1/optouts?since={sent + 1}", headers=AUTH).get_json()["pending"] == []
    replay(app)
    page = api.get("/api/v1/optouts", headers=AUTH).get_json()
    assert [(i["message_sid"], i["pending_write"]) for i in page["items"]] == [("SMstop", False)]
    assert page["pending"] == []


def test_the_subscriber_command_prints_a_journal_only_opt_out_not_never_seen(app, sent):
    runner = app.test_cli_runner()
    every = runner.invoke(args=["subscriber", SUBSCRIBER])
    assert every.exit_code == 0, every.output
    [record] = json.loads(every.output)
    assert record["scope"] == BUSINESS and record["opted_out"] is True and record["pending_write"] is True
    assert record["evidence"] == {**EVIDENCE, "time": iso(sent)}
    one = runner.invoke(args=["subscriber", SUBSCRIBER, "--scope", BUSINESS])
    assert one.exit_code == 0 and json.loads(one.output) == record
    elsewhere = runner.invoke(args=["subscriber", SUBSCRIBER, "--scope", "MG" + "1" * 32])
    assert elsewhere.exit_code == 3  # the journal decides nothing there


def test_the_console_shows_a_journalled_opt_out_as_opted_out_pending_write(app, sent):
    page = look_up(signed_in(app), SUBSCRIBER, BUSINESS).data.decode()
    assert "opted out — pending write</strong>" in page and "(in the journal, not yet in the store)" in page
    assert "SMstop" in page and "keyword:stop" in page and "“STOP”" in page
    assert "State: <strong>subscribed" not in page
    replay(app)
    page = look_up(signed_in(app), SUBSCRIBER, BUSINESS).data.decode()
    assert "pending write" not in page and "State: <strong>opted_out</strong>" in page


def test_the_register_export_appends_pending_opt_outs_marked_by_their_entry_id(app, sent):
    [row] = register_of(app)
    assert row == {
        "number": SUBSCRIBER,
        "scope": BUSINESS,
        "time": iso(sent),
        "event": "opted_out",
        "channel": "sms",
        "text": "STOP",
        "message_sid": "SMstop",
        "decided_by": "keyword:stop",
        "confidence": "1.0",
        "reason": "",
        "reason_category": "",
        "entry_id": "journal:SMstop",
        "campaign": "",
    }
    cli = app.test_cli_runner().invoke(args=["export", "optouts", "-o", "-"])
    assert cli.exit_code == 0 and "journal:SMstop" in cli.stdout
    replay(app)
    rows = register_of(app)
    assert [(r["message_sid"], r["entry_id"].startswith("journal:")) for r in rows] == [("SMstop", False)]
    assert list(csv.DictReader(io.StringIO(cli.stdout)))[0] == row


def test_the_dashboard_counts_opt_outs_pending_write(app, sent):
    page = signed_in(app).get("/ops/dashboard").data.decode()
    assert '<strong id="pending-write">1</strong> opt-out(s) pending write' in page
    replay(app)
    assert "pending write" not in signed_in(app).get("/ops/dashboard").data.decode()
