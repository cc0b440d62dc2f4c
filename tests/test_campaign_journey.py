"""Issue #31's "Done when" as one story on real parts: `flask send --campaign` through the real
Twilio client to a fake Messages API, opt-outs through signed /sms, a real receiver that fails
once; the API, the CLI, the dashboard, the export and the receiver then tell the same story."""

from __future__ import annotations

import csv
import io
import json
import re
import time

from outbound.feed_runner import stop_for
from tests.conftest import BUSINESS, PUBLIC_URL, sign, twilio_form
from tests.fake_twilio import AUTH_TOKEN, sending_settings
from tests.processes import wait_until
from tests.test_feed import SECRET, Receiver, feed_app, readme_check, register_ids
from tests.test_ops import PASSWORD, signed_in

CAMPAIGN = "winter boots"
TOKEN = "journey-api-token"
NUMBERS = [f"+1415555020{i}" for i in range(5)]
LEAVER, QUIET_LEAVER = NUMBERS[1], NUMBERS[4]
BUDGET_MS = 2000


def test_five_sends_two_opt_outs_one_reason_and_a_receiver_that_fails_once(redis_url, prefix, twilio, tmp_path):
    valid = readme_check()
    with Receiver(["fail"]) as receiver:
        app = feed_app(
            redis_url,
            prefix,
            receiver.url,
            **sending_settings(twilio.url, BUSINESS),
            API_TOKENS=TOKEN,
            OPS_PASSWORD=PASSWORD,
            SECRET_KEY="j" * 32,
            WEBHOOK_BUDGET_MS=BUDGET_MS,
        )
        try:
            listed = tmp_path / "list.csv"
            listed.write_text("phone\n" + "\n".join(NUMBERS) + "\n")
            sent = app.test_cli_runner().invoke(args=["send", "--campaign", CAMPAIGN, "--csv", str(listed), "Boots!"])
            assert sent.exit_code == 0 and "sent: 5, opted out: 0" in sent.output, sent.output
            assert len(twilio.sent) == 5 and all("campaign=winter" in m["StatusCallback"] for m in twilio.sent)
            took = answered(app, [(LEAVER, "STOP"), (LEAVER, "you text way too often"), (QUIET_LEAVER, "stop")])
            assert max(took) < BUDGET_MS / 1000, took  # the receiver's failure never reaches /sms
            wait_until(lambda: len(receiver.taken()) == 3, "every event delivered after the failure", deadline=30)
        finally:
            assert stop_for(app)
    shows_the_campaign_everywhere(app)
    received_every_event_once_signed(redis_url, prefix, receiver, valid)


def answered(app, texts: list[tuple[str, str]]) -> list[float]:
    """Each signed /sms answered 200; how long each took (s)."""
    client, took = app.test_client(), []
    for number, body in texts:
        started = time.monotonic()
        form = twilio_form(body, sender=number)  # signed with the token the app sends with
        signature = sign(form, f"{PUBLIC_URL}/sms", AUTH_TOKEN)
        assert client.post("/sms", data=form, headers={"X-Twilio-Signature": signature}).status_code == 200
        took.append(time.monotonic() - started)
    return took


def shows_the_campaign_everywhere(app) -> None:
    """sent 5, opted_out 2, rate 0.4 and the reason: API, CLI, dashboard; the export's column."""
    api = app.test_client().get("/api/v1/campaigns/winter%20boots", headers={"Authorization": f"Bearer {TOKEN}"})
    body = api.get_json()
    assert api.status_code == 200 and (body["sent"], body["opted_out"], body["opt_out_rate"]) == (5, 2, 0.4)
    assert body["reasons"] == {"too_many": 1}
    table = app.test_cli_runner().invoke(args=["campaigns"]).output
    assert re.search(r"^winter boots\s+5\s+2\s+40\.0%\s+too_many \(1\)", table, re.M), table
    page = signed_in(app).get("/ops/dashboard").data.decode()
    row = re.search(r'<tr data-campaign="winter boots">(.*?)</tr>', page, re.S).group(1)
    cells = [" ".join(re.sub(r"<[^>]+>", "", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[:5] == [CAMPAIGN, "5", "2", "40.0%", "Too many messages (1) (the answers)"]
    export = signed_in(app).get("/ops/export/optouts.csv").data.decode()
    rows = [(r["number"], r["event"], r["campaign"]) for r in csv.DictReader(io.StringIO(export))]
    assert sorted(rows) == [
        (LEAVER, "opted_out", CAMPAIGN),
        (LEAVER, "reason_recorded", CAMPAIGN),
        (QUIET_LEAVER, "opted_out", CAMPAIGN),
    ]


def received_every_event_once_signed(redis_url, prefix, receiver: Receiver, valid) -> None:
    """Every register event taken once, the failed one again under its id, each body signed."""
    events = register_ids(redis_url, prefix)
    taken = receiver.taken()
    assert sorted(p["id"] for p in taken) == sorted(events) and len(events) == 3
    failed = json.loads(receiver.requests[0][0])["id"]
    assert receiver.requests[0][2] == "fail" and failed in {p["id"] for p in taken}  # redelivered, same id
    assert all(valid(body, header, SECRET) for body, header, *_ in receiver.requests)
    assert {p["campaign"] for p in taken} == {CAMPAIGN} and {p["number"] for p in taken} == {LEAVER, QUIET_LEAVER}
