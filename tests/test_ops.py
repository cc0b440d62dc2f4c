"""The ops console over plain HTTP and in headless Chromium, and the ops CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from ops import exports
from tests.browser import browser_page, screenshot
from tests.conftest import LiveServer, make_app, post_sms

PASSWORD = "correct horse battery staple"
ROUTES = [
    "/ops/",
    "/ops/log",
    "/ops/review",
    "/ops/dashboard",
    "/ops/subscriber",
    "/ops/subscriber?entry=0-1-0",
    "/ops/export/optouts.csv",
    "/ops/export/log.csv",
    "/ops/export/log.jsonl",
    "/ops/export/corrections.yml",
]


@pytest.fixture
def ops_app(redis_url, prefix):
    return make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="ops-test-secret")


def traffic(app) -> None:
    """Real webhook traffic: keyword, model, grey zone, chatter, a reason."""
    client = app.test_client()
    for sender, body in [
        ("+14155550100", "STOP"),
        ("+14155550100", "too many texts"),
        ("+14155550101", "please stop texting me"),
        ("+14155550102", "I'll stop by tomorrow"),
        ("+14155550103", "what is your list price"),  # model, below HIGH
        ("+14155550104", "HELP"),
    ]:
        assert post_sms(client, body, sender=sender).status_code == 200


def csrf_of(html: bytes) -> str:
    return re.search(rb'name="csrf" value="([^"]+)"', html).group(1).decode()


def signed_in(app):
    client = app.test_client()
    token = csrf_of(client.get("/ops/login").data)
    response = client.post("/ops/login", data={"password": PASSWORD, "csrf": token})
    assert response.status_code == 302
    return client


def look_up(client, number: str, scope: str = "+14155550199"):
    """The subscriber look-up form: the number is posted, then travels as a reference."""
    token = csrf_of(client.get("/ops/subscriber").data)
    answer = client.post("/ops/subscriber", data={"number": number, "scope": scope, "csrf": token})
    assert answer.status_code == 303 and number[-4:] not in answer.headers["Location"]
    return client.get(answer.headers["Location"])


@pytest.mark.parametrize("path", ROUTES)
def test_every_page_and_export_is_refused_without_a_session(ops_app, path):
    response = ops_app.test_client().get(path)
    assert response.status_code == 302 and "/ops/login" in response.headers["Location"]


def test_posts_without_a_session_are_refused(ops_app):
    client = ops_app.test_client()
    token = csrf_of(client.get("/ops/login").data)
    assert client.post("/ops/review/1-0", data={"intent": "other", "csrf": token}).status_code == 403


def test_no_password_means_the_console_is_off(redis_url, prefix):
    client = make_app(redis_url, prefix, OPS_PASSWORD="").test_client()
    assert client.get("/ops/login").status_code == 404
    assert client.get("/ops/log").status_code == 404


def test_password_needs_a_secret_key(redis_url, prefix):
    from domain.errors import ConfigError

    with pytest.raises(ConfigError):
        make_app(redis_url, prefix, OPS_PASSWORD="x", SECRET_KEY="")


def test_password_is_not_kept_in_plain_text(ops_app):
    assert ops_app.config["OPS_PASSWORD"] == ""
    auth = ops_app.before_request_funcs["ops"][0].__self__  # the console's guard: an OpsAuth
    assert auth.password_hash.startswith(("scrypt:", "pbkdf2:")) and PASSWORD not in repr(vars(auth))


def test_wrong_password_and_rate_limit(ops_app):
    client = ops_app.test_client()
    token = csrf_of(client.get("/ops/login").data)
    statuses = [client.post("/ops/login", data={"password": "nope", "csrf": token}).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    right = client.post("/ops/login", data={"password": PASSWORD, "csrf": token})
    assert right.status_code == 429  # still locked out, even with the right password


def test_forged_csrf_is_refused(ops_app):
    client = ops_app.test_client()
    client.get("/ops/login")
    assert client.post("/ops/login", data={"password": PASSWORD, "csrf": "forged"}).status_code == 400
    assert client.post("/ops/login", data={"password": PASSWORD}).status_code == 400
    signed = signed_in(ops_app)
    assert signed.post("/ops/review/1-0", data={"intent": "other", "csrf": "forged"}).status_code == 400


def test_session_cookie_flags(redis_url, prefix):
    app = make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="s")
    client = app.test_client()
    token = csrf_of(client.get("/ops/login").data)
    cookie = client.post("/ops/login", data={"password": PASSWORD, "csrf": token}).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" in cookie  # PUBLIC_URL is https in the tests


def test_log_masks_numbers_filters_and_reveal_is_audited(ops_app):
    traffic(ops_app)
    client = signed_in(ops_app)
    page = client.get("/ops/log").data.decode()
    assert "+1415•••0100" in page and "+14155550100" not in page.split("<tbody>")[1].split("history")[0]
    only_out = client.get("/ops/log?intent=opt_out").data.decode()
    assert only_out.count('data-intent="opt_out"') == 3 and 'data-intent="other"' not in only_out
    keyword = client.get("/ops/log?source=keyword&changed=yes").data.decode()
    assert keyword.count("<tr data-intent") == 1
    searched = client.get("/ops/log?q=stop+by").data.decode()
    assert "I&#39;ll stop by tomorrow" in searched and searched.count("<tr data-intent") == 1
    assert client.get("/ops/log?min_confidence=abc").status_code == 400
    sid = re.search(r"reveal=(\d+-\d+-\d+)", page).group(1)
    revealed = client.get(f"/ops/log?reveal={sid}").data.decode()
    assert re.search(r"<td>\+1415555010\d\n", revealed)
    with ops_app.app_context():
        store = ops_app.service().store
        audit = store.client.xrange(store.key("audit"))
    assert audit[0][1][b"action"] == b"reveal-number" and audit[0][1][b"target"] == sid.encode()


def test_log_paginates(ops_app):
    client = ops_app.test_client()
    for i in range(55):
        post_sms(client, f"hello {i}", sender="+14155550109")
    session = signed_in(ops_app)
    first = session.get("/ops/log").data.decode()
    assert first.count("<tr data-intent") == 50
    older = re.search(r'rel="next" href="\?[^"]*before=([\d-]+)"', first).group(1)
    second = session.get(f"/ops/log?before={older}").data.decode()
    assert second.count("<tr data-intent") == 5 and "hello 0" in second


def test_review_queue_correction_reaches_the_export(ops_app):
    traffic(ops_app)
    client = signed_in(ops_app)
    queue = client.get("/ops/review").data.decode()
    assert "please stop texting me" not in queue or "⚑" in queue
    sid = re.search(r'/ops/review/(\d+-\d+-\d+)"', queue).group(1)
    text = re.search(r"<td>\+1415•••\d{4}</td><td>([^<]+)</td>", queue).group(1)
    token = csrf_of(queue.encode())
    assert client.post(f"/ops/review/{sid}", data={"intent": "opt_in", "csrf": token}).status_code == 302
    assert sid not in client.get("/ops/review").data.decode()
    exported = yaml.safe_load(client.get("/ops/export/corrections.yml").data)
    assert exported["version"] == "3.1"
    assert exported["nlu"][0]["intent"] == "opt_in"
    assert exported["nlu"][0]["examples"].strip() == f"- {text}".replace("&#39;", "'")


def test_subscriber_page_shows_the_evidence(ops_app):
    traffic(ops_app)
    page = look_up(signed_in(ops_app), "+14155550100").data.decode()
    assert "opted_out" in page and "too many texts" in page and "(Too many messages)" in page
    assert "keyword:stop" in page and "keyword:keyword" not in page and "+14155550100" not in page


def register_of(app) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(signed_in(app).get("/ops/export/optouts.csv").data.decode())))


def test_register_export_is_one_row_per_consent_event_with_its_own_reason_and_rule(ops_app):
    traffic(ops_app)
    client = ops_app.test_client()
    for body in ["START", "STOP", "the prices went up"]:  # a second opt-out, another reason
        assert post_sms(client, body, sender="+14155550100").status_code == 200
    rows = register_of(ops_app)
    assert list(rows[0]) == [
        "number",
        "scope",
        "time",
        "event",
        "channel",
        "text",
        "message_sid",
        "decided_by",
        "confidence",
        "reason",
        "reason_category",
        "entry_id",
        "campaign",
    ]
    mine = [(r["event"], r["text"], r["reason"], r["decided_by"]) for r in rows if r["number"] == "+14155550100"]
    assert mine == [
        ("opted_out", "STOP", "", "keyword:stop"),
        ("reason_recorded", "too many texts", "too many texts", mine[1][3]),
        ("opted_in", "START", "", "keyword:start"),
        ("opted_out", "STOP", "", "keyword:stop"),
        ("reason_recorded", "the prices went up", "the prices went up", mine[4][3]),
    ]
    assert len({r["entry_id"] for r in rows}) == len(rows) and all(r["entry_id"] for r in rows)
    assert {r["campaign"] for r in rows} == {""}  # nothing was sent under a campaign
    other = [r for r in rows if r["number"] == "+14155550101"]
    assert [r["event"] for r in other] == ["opted_out"] and other[0]["decided_by"].count(":") <= 1


@pytest.mark.parametrize(
    ("source", "detail", "named"),
    [
        ("keyword", "keyword:stop", "keyword:stop"),
        ("keyword", "stop", "keyword:stop"),
        ("carrier", "OptOutType=STOP", "carrier:OptOutType=STOP"),
        ("model", "model", "model"),
        ("keyword", "program-keyword:quit", "program-keyword:quit"),
        ("rule", "rule:request", "rule:request"),
    ],
)
def test_decided_by_names_the_source_once(source, detail, named):
    assert exports.decided_by(source, detail) == named


def test_register_export_neutralises_formulas_the_same_way_either_path(ops_app):
    client = ops_app.test_client()
    assert post_sms(client, "STOP", sender="+14155550100").status_code == 200
    assert post_sms(client, '=HYPERLINK("x"), -1+2', sender="+14155550100").status_code == 200
    reason = [r for r in register_of(ops_app) if r["event"] == "reason_recorded"][0]
    assert reason["text"].startswith("'=HYPERLINK") and reason["reason"].startswith("'=")


def test_log_exports_follow_the_filters(ops_app):
    traffic(ops_app)
    client = signed_in(ops_app)
    lines = client.get("/ops/export/log.jsonl?intent=help").data.decode().splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["HELP"]
    csv_rows = list(csv.DictReader(io.StringIO(client.get("/ops/export/log.csv").data.decode())))
    assert len(csv_rows) == 6 and csv_rows[0]["text"] == "HELP"


def test_dashboard_has_its_charts(ops_app):
    traffic(ops_app)
    page = signed_in(ops_app).get("/ops/dashboard").data.decode()
    assert page.count('class="chart"') == 3 and page.count('class="phone-chart"') == 3  # a desk's, a phone's
    assert 'aria-label="Opt-out events per day by source"' in page and "keyword" in page
    assert "Too many messages: 1" in page
    assert re.search(r'id="queue-size">\d+<', page)


def test_cli_log_review_and_export(ops_app, tmp_path):
    traffic(ops_app)
    runner = ops_app.test_cli_runner()
    table = runner.invoke(args=["log", "--intent", "opt_out", "--since", "1h"]).output
    assert "+1415•••0100" in table and "+14155550100" not in table and "STOP" in table
    machine = [json.loads(line) for line in runner.invoke(args=["log", "--json", "--limit", "2"]).output.splitlines()]
    assert len(machine) == 2 and machine[0]["text"] == "HELP"
    assert runner.invoke(args=["log", "--since", "yesterday"]).exit_code == 2
    reviewed = runner.invoke(args=["review"], input="t\nq\n")
    assert "corrected: other" in reviewed.output or "confirmed: other" in reviewed.output
    out = tmp_path / "optouts.csv"
    result = runner.invoke(args=["export", "optouts", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text().count("\n") == 4  # header, 2 opt-outs, a reason
    out = tmp_path / "log.jsonl"
    runner.invoke(args=["export", "log", "--format", "jsonl", "-o", str(out)])
    assert len(out.read_text().splitlines()) == 6
    to_stdout = runner.invoke(args=["export", "optouts", "-o", "-"])
    assert to_stdout.exit_code == 0 and to_stdout.stdout.startswith("number,scope,time")
    assert not (tmp_path / "-").exists() and not Path("-").exists()
    nowhere = runner.invoke(args=["export", "log", "-o", str(tmp_path / "missing" / "log.csv")])
    assert nowhere.exit_code == 1 and nowhere.output.strip().splitlines()[-1].startswith("Error: cannot write")
    assert "Traceback" not in nowhere.output


def test_merge_corrections_feeds_training(ops_app, tmp_path, monkeypatch):
    import shutil

    from intents import training_data
    from ops import reviews

    data = tmp_path / "data"
    shutil.copytree(training_data.DATA_DIR, data)
    result = reviews.merge_corrections({"yo quit the spam already": "opt_out", "stop texting me": "other"}, data)
    assert result == {"written": 1, "skipped_already_in_training_data": 1}
    assert ("opt_out", "yo quit the spam already") in training_data.load_examples(data)


def test_console_in_a_real_browser(ops_app):
    traffic(ops_app)
    post_sms(
        ops_app.test_client(),
        "I have been getting these messages for weeks now and honestly " * 5 + "please remove me",
        sender="+14155550155",
    )  # a long one: the table must still fit
    with LiveServer(ops_app) as server, browser_page() as page:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server.url + "/ops/log")
        assert "/ops/login" in page.url  # refused without signing in
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        assert "Wrong password" in page.content()
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/ops/log")
        assert page.locator("#log tbody tr").count() == 7
        assert "please stop texting me" in page.content()
        width = page.evaluate("document.documentElement.scrollWidth")
        tallest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('#log tbody tr')].map(r => r.getBoundingClientRect().height))"
        )
        assert width <= 1280 and tallest <= 120, (width, tallest)  # fits the screen, rows stay short
        screenshot(page, "ops-log")
        page.set_viewport_size({"width": 390, "height": 844})  # a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shown = page.evaluate(
            "[...document.querySelectorAll('#log thead th')].filter(th => th.offsetWidth > 0).map(th => th.textContent)"
        )
        assert shown == ["Time (UTC)", "Number", "Text", "Intent", "State"]
        screenshot(page, "ops-log-phone")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.get_by_label("Intent").select_option("opt_out")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url("**intent=opt_out**")
        assert page.locator("#log tbody tr").count() == 4
        page.get_by_role("link", name="Review").click()
        row = page.locator("#queue tbody tr").first
        text = row.locator("td").nth(2).inner_text()
        row.get_by_role("button", name="→ help").click()
        page.wait_for_url("**/ops/review")
        with page.expect_download() as download:
            page.get_by_role("link", name="corrections.yml").click()
        exported = open(download.value.path(), encoding="utf-8").read()
        assert f"- {text}" in exported and "intent: help" in exported
        page.goto(server.url + "/ops/dashboard")
        assert page.locator("svg.chart").count() == 3
        assert page.locator("svg.chart rect").count() > 3
        screenshot(page, "ops-dashboard")


def test_subscriber_page_accepts_any_number_format_and_refuses_nonsense(ops_app):
    traffic(ops_app)
    client = signed_in(ops_app)
    page = look_up(client, "(415) 555-0100").data.decode()
    assert "too many texts" in page
    assert look_up(client, "!!", "x").status_code == 400
    assert client.get("/ops/subscriber?who=forged&scope=%2B14155550199").status_code == 400
    assert client.get("/ops/subscriber?entry=63-1-0").status_code == 404


def test_console_errors_are_pages_in_its_layout_with_a_way_on(ops_app):
    client = signed_in(ops_app)
    missing = client.get("/ops/subscriber?entry=63-1-0")
    page = missing.data.decode()
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "<h1>404 Not Found</h1>" in page and "no such log entry" in page and 'href="/ops/log"' in page
    bad = client.get("/ops/log?min_confidence=abc")
    assert bad.status_code == 400 and "min_confidence: not a number" in bad.data.decode()
    assert "<header>" in bad.data.decode()  # the console's navigation
    assert ops_app.test_client().get("/api/v1/optouts").mimetype == "application/json"  # the API: JSON


def test_the_dashboard_leads_with_the_last_seven_days(ops_app):
    from collections import Counter

    from ops.dashboard import week

    web = ops_app.test_client()
    for n, body in enumerate(["STOP", "hello", "stop texting me", "thanks", "what time?"]):
        post_sms(web, body, sender=f"+1415555{n:04d}")
    post_sms(web, "too many texts", sender="+14155550000")  # a reason from the first
    page = signed_in(ops_app).get("/ops/dashboard").data.decode()
    assert '<strong id="week-opted-out">2</strong>' in page
    assert '<strong id="week-rate">333.3</strong>' in page  # 2 opt-outs in 6 messages
    assert "Too many messages (1)" in page
    days = {f"d{i}": Counter() for i in range(14)}
    days["d3"].update({"event:opted_out": 4, "messages": 100})
    days["d10"].update({"event:opted_out": 1, "messages": 50, "reason:cost": 1})
    summary = week(days)
    assert (summary["opted_out"], summary["previous_opted_out"], summary["change"]) == (1, 4, -3)
    assert (summary["rate"], summary["previous_rate"]) == (20.0, 40.0)
    assert summary["top_reasons"] == {"cost": 1}
    assert week({f"d{i}": Counter() for i in range(14)})["rate"] == 0.0


def test_the_dashboard_shows_the_range_asked_for(ops_app):
    client = signed_in(ops_app)
    page = client.get("/ops/dashboard?days=30").data.decode()
    assert "Opt-out events per day (last 30 days)" in page and "<option selected>30</option>" in page
    assert client.get("/ops/dashboard").data.decode().count("Opt-out events per day (last 14 days)") == 1
    for bad in ("6", "91", "x", "-7"):
        assert client.get(f"/ops/dashboard?days={bad}").status_code == 400


@pytest.mark.parametrize(
    "top, marks",
    [
        (0, [0, 1]),
        (3, [0, 1, 2, 3]),
        (5, [0, 1, 2, 3, 4, 5]),
        (6, [0, 2, 4, 6]),
        (7, [0, 2, 4, 6, 8]),
        (12, [0, 5, 10, 15]),
        (99, [0, 20, 40, 60, 80, 100]),
        (101, [0, 50, 100, 150]),
        (480, [0, 100, 200, 300, 400, 500]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_chart_axes_have_round_marks_above_the_tallest_bar(top, marks):
    from ops.charts import ticks

    assert ticks(top) == marks


def test_a_chart_says_what_its_y_axis_counts_and_where_its_marks_are():
    import re

    from ops.charts import stacked_bars

    svg = stacked_bars("Opt-outs per day", {"11-27": {"keyword": 2}, "11-28": {"keyword": 5, "rule": 2}}, "opt-outs")
    assert re.findall(r'text-anchor="end">(\d+)</text>', svg) == ["0", "2", "4", "6", "8"]
    assert ">opt-outs</text>" in svg and svg.count('stroke="#dadce0"') == 5
    gridlines = [float(y) for y in re.findall(r'y1="([^"]+)" y2="[^"]+" stroke="#dadce0"', svg)]
    assert gridlines == [204.0, 162.0, 120.0, 78.0, 36.0]  # 0 at the bars' base, 8 at their full height
    assert re.findall(r'<g class="legend">.*?>(keyword)</text>.*?>(rule)</text></g>', svg) == [("keyword", "rule")]
    heights = [float(h) for h in re.findall(r'height="([^"]+)" fill="[^"]+"><title>', svg)]
    assert heights == [42.0, 105.0, 42.0]  # 2, 5 and 2 of the 8 the axis reaches, on 168 px
