"""Campaign sends (#31): `flask send --campaign` records each number's last campaign message and
counts it, carries a StatusCallback, and /twilio/status counts final statuses and records a
later 21610 as a carrier opt-out; an opt-out soon after is the campaign's. Real Redis, Twilio's
REST client against a local fake, callbacks signed with twilio's RequestValidator."""

from __future__ import annotations

import time

import pytest

from domain.campaigns import LastSend
from service import Inbound
from tests.conftest import PUBLIC_URL, make_app, sign
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, sending_settings

FROM = "+14155550199"
ALICE, BOB = "+14155550101", "+14155550123"
STATUS_URL = PUBLIC_URL + "/twilio/status?campaign=spring+sale"


@pytest.fixture
def app(redis_url, prefix, twilio):
    return make_app(
        redis_url,
        prefix,
        **sending_settings(twilio.url, FROM),
    )


def send(app, number: str, *options: str):
    return app.test_cli_runner().invoke(args=["send", *options, number, "Boots 20% off"])


def totals(app, name: str = "spring sale"):
    with app.app_context():
        return app.service().store.repositories.campaigns.one(name)


def record(app, number: str):
    with app.app_context():
        return app.service().store.load(FROM, number)


def status(client, number: str, sid: str, state: str, url: str = STATUS_URL, **extra: str):
    form = {"MessageSid": sid, "MessageStatus": state, "To": number, "From": FROM, "AccountSid": ACCOUNT_SID, **extra}
    return client.post(url.removeprefix(PUBLIC_URL), data=form, headers={"X-Twilio-Signature": sign(form, url, AUTH_TOKEN)})


def test_a_campaign_send_is_counted_and_remembered_for_the_number(app, twilio):
    for number in (ALICE, BOB):
        assert send(app, number, "--campaign", "spring sale").exit_code == 0
    assert send(app, ALICE).exit_code == 0  # no campaign: counted nowhere, remembered as before
    found = totals(app)
    assert (found.sent, found.opted_out, found.first_sent <= found.last_sent) == (2, 0, True)
    last, sent = record(app, ALICE).last_send, send(app, BOB, "--campaign", "autumn")
    assert last.campaign == "spring sale" and len(last.sid) == 34 and abs(last.at - time.time()) < 60
    assert sent.output.split()[-1] == record(app, BOB).last_send.sid  # the sid Twilio gave, kept whole
    assert record(app, BOB).last_send.campaign == "autumn" and totals(app).sent == 2
    assert twilio.sent[0]["StatusCallback"] == STATUS_URL
    assert twilio.sent[2]["StatusCallback"] == PUBLIC_URL + "/twilio/status"


def test_an_opt_out_soon_after_is_the_campaigns_and_its_reason_counts_there(app):
    send(app, ALICE, "--campaign", "spring sale")
    with app.app_context():
        service = app.service()
        stop = service.handle(Inbound(FROM, ALICE, "stop texting me", "SM" + "1" * 32))
        reason = service.handle(Inbound(FROM, ALICE, "way too many texts", "SM" + "2" * 32))
    assert (stop.entry["event"], stop.entry["campaign"]) == ("opted_out", "spring sale")
    assert (reason.entry["event"], reason.entry["campaign"]) == ("reason_recorded", "spring sale")
    found = totals(app)
    assert (found.sent, found.opted_out, found.opt_out_rate) == (1, 1, 1.0)
    assert sum(found.reasons.values()) == 1


def test_an_opt_out_outside_the_window_or_after_an_opt_in_is_nobodys(app):
    with app.app_context():
        service = app.service()
        old = LastSend("spring sale", time.time() - 8 * 86400, "SM" + "3" * 32)
        service.store.repositories.campaigns.record_send(FROM, BOB, old)
        late = service.handle(Inbound(FROM, BOB, "STOP", "SM" + "4" * 32))
        back = service.handle(Inbound(FROM, BOB, "START", "SM" + "5" * 32))
    assert late.entry["campaign"] == "" and back.entry["campaign"] == ""
    assert totals(app).opted_out == 0 and record(app, BOB).campaign == ""


def test_final_statuses_count_for_the_campaign_and_others_do_not(app):
    client = app.test_client()
    for state in ("queued", "sent", "delivered", "undelivered", "failed"):
        assert status(client, ALICE, "SM" + "6" * 32, state).status_code == 204
    found = totals(app)
    assert (found.delivered, found.failed) == (1, 2)


def test_a_later_21610_is_a_carrier_opt_out_with_its_evidence_once(app):
    client = app.test_client()
    for _ in range(2):  # Twilio may call twice: one opt-out
        assert status(client, BOB, "SM" + "7" * 32, "failed", ErrorCode="21610").status_code == 204
    stored = record(app, BOB)
    assert stored.opted_out and stored.channel == "carrier"
    with app.app_context():
        entries = [e for e in app.service().intent_log.recent(20) if e["number"] == BOB and e["event"] == "opted_out"]
    assert len(entries) == 1 and "21610" in entries[0]["text"] and entries[0]["source"] == "carrier"


@pytest.mark.parametrize("headers", [{}, {"X-Twilio-Signature": "bad"}])
def test_an_unsigned_status_callback_changes_nothing(app, headers):
    form = {"MessageSid": "SM" + "8" * 32, "MessageStatus": "failed", "To": BOB, "ErrorCode": "21610"}
    answer = app.test_client().post("/twilio/status?campaign=spring+sale", data=form, headers=headers)
    assert answer.status_code == 403 and not record(app, BOB).opted_out and totals(app) is None


@pytest.mark.parametrize("name", ["", "x" * 33, "spring|sale", "-leading", "new\nline"])
def test_a_bad_campaign_name_is_one_line_and_sends_nothing(app, twilio, name):
    result = send(app, ALICE, "--campaign", name)
    if name == "":  # no campaign at all
        assert result.exit_code == 0
        return
    assert result.exit_code != 0 and "campaign name" in result.output and "Traceback" not in result.output
    assert twilio.sent == []
