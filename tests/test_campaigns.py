"""The read side of campaign attribution (#31): GET /api/v1/campaigns[/<name>], `flask campaigns`,
the dashboard's campaigns table and chart, the log filtered by campaign, the register's campaign
column. Sends are recorded as `flask send --campaign` records them; opt-outs come through signed
/sms requests, on a real Redis."""

from __future__ import annotations

import csv
import io
import json
import re
import time

import pytest

from domain.campaigns import CampaignTotals, LastSend
from ops.queries import LogFilter
from service.campaigns import campaign_json, top_reasons
from tests.conftest import BUSINESS, make_app, post_sms
from tests.test_ops import PASSWORD, signed_in

TOKEN = "campaign-api-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CAMPAIGN = "spring sale"
NUMBERS = [f"+1415555010{i}" for i in range(5)]  # buckets 11, 29, 39, 49, 18: five buckets summed
LEAVER, QUIET_LEAVER = NUMBERS[0], NUMBERS[3]


@pytest.fixture
def app(redis_url, prefix):
    return make_app(redis_url, prefix, API_TOKENS=TOKEN, TWILIO_FROM=BUSINESS, OPS_PASSWORD=PASSWORD, SECRET_KEY="c" * 32)


def campaigns(app):
    return app.service().store.repositories.campaigns


def sent(app, number: str, name: str = CAMPAIGN, at: float | None = None) -> None:
    """A campaign message to `number`, recorded as `flask send --campaign` records it."""
    with app.app_context():
        at = time.time() if at is None else at
        campaigns(app).record_send(BUSINESS, number, LastSend(name, at, f"SM{len(number):032x}"))


def texts(app, number: str, *bodies: str) -> None:
    client = app.test_client()
    for body in bodies:
        assert post_sms(client, body, sender=number).status_code == 200


@pytest.fixture
def campaign(app):
    """5 sends under one campaign (3 delivered, 1 failed), 2 opt-outs, one with a reason; later
    a send of another campaign nobody left."""
    for number in NUMBERS:
        sent(app, number, at=time.time() - 60)
    with app.app_context():
        for number, status in zip(NUMBERS, ["delivered", "delivered", "delivered", "failed"]):
            campaigns(app).record_status(number, CAMPAIGN, status)
    texts(app, LEAVER, "STOP", "too many texts")  # the dialogue asks why; the answer is the reason
    texts(app, QUIET_LEAVER, "STOP")
    sent(app, "+14155550105", "autumn")
    return app


def api_get(app, path: str, **headers: str):
    return app.test_client().get(path, headers={**AUTH, **headers})


def test_the_api_shows_sent_5_opted_out_2_rate_0_4_and_the_reason(campaign):
    listed = api_get(campaign, "/api/v1/campaigns")
    assert listed.status_code == 200 and [c["name"] for c in listed.get_json()] == ["autumn", CAMPAIGN]  # latest first
    one = api_get(campaign, "/api/v1/campaigns/spring%20sale")
    body = one.get_json()
    assert one.status_code == 200 and body == listed.get_json()[1]
    assert {k: body[k] for k in ("name", "sent", "delivered", "failed", "opted_out", "opt_out_rate", "reasons")} == {
        "name": CAMPAIGN,
        "sent": 5,
        "delivered": 3,
        "failed": 1,
        "opted_out": 2,
        "opt_out_rate": 0.4,
        "reasons": {"too_many": 1},
    }
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", body["last_sent"])
    assert body["first_sent"] <= body["last_sent"]
    autumn = listed.get_json()[0]
    assert (autumn["sent"], autumn["opted_out"], autumn["opt_out_rate"], autumn["reasons"]) == (1, 0, 0.0, {})


def test_an_unknown_campaign_is_a_json_404_and_both_routes_want_the_token(campaign):
    missing = api_get(campaign, "/api/v1/campaigns/winter%20sale")
    assert missing.status_code == 404 and missing.get_json() == {"error": "no campaign named 'winter sale'"}
    assert api_get(campaign, "/api/v1/campaigns/spring").status_code == 404  # a name, not a prefix of one
    for path in ("/api/v1/campaigns", "/api/v1/campaigns/spring%20sale"):
        assert campaign.test_client().get(path).status_code == 401
        assert api_get(campaign, path + "?limit=1").status_code == 400  # no query parameters


def test_nothing_sent_is_an_empty_list_and_an_empty_table(app):
    assert api_get(app, "/api/v1/campaigns").get_json() == []
    ran = app.test_cli_runner().invoke(args=["campaigns"])
    assert ran.exit_code == 0 and "no campaign sends yet" in ran.output
    assert "No campaign sends yet" in signed_in(app).get("/ops/dashboard").data.decode()


def test_the_cli_prints_the_table_and_the_apis_json(campaign):
    runner = campaign.test_cli_runner()
    table = runner.invoke(args=["campaigns"])
    assert table.exit_code == 0, table.output
    header, first, second = table.output.splitlines()
    assert header.split() == ["campaign", "sent", "opted", "out", "rate", "top", "reasons", "last", "send", "(UTC)"]
    assert first.startswith("autumn") and second.startswith(CAMPAIGN)
    assert re.search(r"^spring sale\s+5\s+2\s+40\.0%\s+too_many \(1\)\s+\d{4}-\d\d-\d\d \d\d:\d\d$", second)
    assert re.search(r"^autumn\s+1\s+0\s+0\.0%\s+-\s+\d{4}-", first)
    as_json = runner.invoke(args=["campaigns", "--json"])
    assert json.loads(as_json.output) == api_get(campaign, "/api/v1/campaigns").get_json()


def test_the_dashboard_shows_each_campaign_its_rate_reasons_and_a_bar(campaign):
    page = signed_in(campaign).get("/ops/dashboard").data.decode()
    row = re.search(r'<tr data-campaign="spring sale">(.*?)</tr>', page, re.S).group(1)
    cells = [" ".join(re.sub(r"<[^>]+>", "", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[:5] == [CAMPAIGN, "5", "2", "40.0%", "Too many messages (1) (the answers)"]
    assert page.count("Opt-out rate per campaign") == 4  # two drawings (desk, phone), title and label each
    assert "spring sale (2 of 5)" in page and "40.0%</text>" in page and "autumn (0 of 1)" in page


def test_each_opt_out_figure_opens_the_opt_outs_behind_it_with_numbers_masked(campaign):
    client = signed_in(campaign)
    page = client.get("/ops/dashboard").data.decode()
    row = re.search(r'<tr data-campaign="spring sale">(.*?)</tr>', page, re.S).group(1)
    opted_out = re.search(r'class="opted-out" href="([^"]+)"', row).group(1).replace("&amp;", "&")
    answers = re.search(r'class="answers" href="([^"]+)"', row).group(1).replace("&amp;", "&")
    assert opted_out == "/ops/log?campaign=spring+sale&changed=opted_out" and "5550" not in opted_out + answers
    listed = client.get(opted_out).data.decode()
    assert listed.count("<tr data-intent=") == 2 and listed.count("campaign spring sale") == 2
    assert LEAVER not in listed and QUIET_LEAVER not in listed and "+1415•••0100" in listed
    reasons = client.get(answers).data.decode()
    assert reasons.count("<tr data-intent=") == 1 and "too many texts" in reasons
    assert client.get("/ops/log?campaign=autumn&changed=opted_out").data.decode().count("<tr data-intent=") == 0


def register(app) -> list[dict[str, str]]:
    download = signed_in(app).get("/ops/export/optouts.csv").data.decode()
    ran = app.test_cli_runner().invoke(args=["export", "optouts", "-o", "-"])
    assert ran.exit_code == 0 and list(csv.DictReader(io.StringIO(ran.stdout))) == list(csv.DictReader(io.StringIO(download)))
    return list(csv.DictReader(io.StringIO(download)))


def test_the_register_export_carries_the_campaign(campaign):
    rows = [(r["number"], r["event"], r["campaign"]) for r in register(campaign)]
    assert rows == [
        (LEAVER, "opted_out", CAMPAIGN),
        (LEAVER, "reason_recorded", CAMPAIGN),
        (QUIET_LEAVER, "opted_out", CAMPAIGN),
    ]


def test_the_log_export_carries_the_campaign_in_csv_and_jsonl(campaign):
    client = signed_in(campaign)
    rows = list(csv.DictReader(io.StringIO(client.get("/ops/export/log.csv").data.decode())))
    attributed = sorted((r["number"], r["event"], r["campaign"]) for r in rows if r["campaign"])
    assert attributed == [
        (LEAVER, "opted_out", CAMPAIGN),
        (LEAVER, "reason_recorded", CAMPAIGN),
        (QUIET_LEAVER, "opted_out", CAMPAIGN),
    ]
    assert all(r["campaign"] == "" for r in rows if r["event"] not in ("opted_out", "reason_recorded"))


def test_an_opt_out_outside_the_window_is_attributed_to_none(app):
    sent(app, LEAVER, at=time.time() - 8 * 86400)  # ATTRIBUTION_WINDOW_DAYS is 7
    sent(app, QUIET_LEAVER)
    texts(app, LEAVER, "STOP", "too many texts")
    body = api_get(app, "/api/v1/campaigns/spring%20sale").get_json()
    assert (body["sent"], body["opted_out"], body["opt_out_rate"], body["reasons"]) == (2, 0, 0.0, {})
    assert [(r["event"], r["campaign"]) for r in register(app)] == [("opted_out", ""), ("reason_recorded", "")]


def test_a_smaller_window_is_honoured(redis_url, prefix):
    app = make_app(redis_url, prefix, API_TOKENS=TOKEN, TWILIO_FROM=BUSINESS, ATTRIBUTION_WINDOW_DAYS="0.5")
    sent(app, LEAVER, at=time.time() - 86400)
    sent(app, QUIET_LEAVER, at=time.time() - 3600)
    texts(app, LEAVER, "STOP")
    texts(app, QUIET_LEAVER, "STOP")
    assert api_get(app, "/api/v1/campaigns/spring%20sale").get_json()["opted_out"] == 1


def test_an_opt_in_clears_the_attribution(app):
    sent(app, LEAVER)
    texts(app, LEAVER, "STOP")
    with app.app_context():
        assert app.service().store.load(BUSINESS, LEAVER).campaign == CAMPAIGN
    texts(app, LEAVER, "START")
    with app.app_context():
        assert app.service().store.load(BUSINESS, LEAVER).campaign == ""
    assert [(r["event"], r["campaign"]) for r in register(app)] == [("opted_out", CAMPAIGN), ("opted_in", "")]
    assert api_get(app, "/api/v1/campaigns/spring%20sale").get_json()["opted_out"] == 1  # the event stays counted


def test_the_log_filter_keeps_only_the_campaigns_entries():
    entry = {"intent": "opt_out", "source": "keyword", "confidence": 1.0, "time": 1.0, "scope": "", "text": "STOP"}
    wanted = LogFilter.from_args({"campaign": " spring sale "})
    assert wanted.matches({**entry, "number": "+1", "campaign": CAMPAIGN})
    assert not wanted.matches({**entry, "number": "+1", "campaign": "spring"})
    assert not wanted.matches({**entry, "number": "+1", "campaign": ""})
    assert LogFilter().matches({**entry, "number": "+1", "campaign": ""})


def test_the_json_shape_and_the_top_reasons():
    totals = CampaignTotals(
        "x", sent=8, delivered=6, failed=1, opted_out=2, reasons={"cost": 1, "too_many": 3, "other": 1, "never_signed_up": 2}
    )
    assert campaign_json(totals) == {
        "name": "x",
        "sent": 8,
        "delivered": 6,
        "failed": 1,
        "opted_out": 2,
        "opt_out_rate": 0.25,
        "reasons": {"cost": 1, "too_many": 3, "other": 1, "never_signed_up": 2},
        "first_sent": None,
        "last_sent": None,
    }
    assert top_reasons(totals) == [("too_many", 3), ("never_signed_up", 2), ("cost", 1)]
    assert campaign_json(CampaignTotals("y", first_sent=0.5, last_sent=86400.0))["last_sent"] == "1970-01-02T00:00:00+00:00"
