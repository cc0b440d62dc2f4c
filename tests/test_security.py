"""The auditor's findings, each checked: formulas, headers, anchors, re-split requests, depth, masking."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from datetime import timedelta

import pytest

from ops.exports import neutralised
from tests.conftest import make_app, post_sms, sign, twilio_form


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example","why")', "+SUM(1+1) stop", "@SUM(1)", "-1+1 STOP", "\t=1+1", "\r=1+1"]
)
def test_export_cells_that_a_spreadsheet_would_run_are_neutralised(text):
    assert neutralised(text) == "'" + text


@pytest.mark.parametrize("value", ["+14155550100", "-12.5", "STOP", "", 3, None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert neutralised(value) == value


def test_the_csv_export_neutralises_a_formula_an_sms_carried(redis_url, prefix):
    from tests.test_ops import PASSWORD, signed_in

    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    post_sms(app.test_client(), '=HYPERLINK("http://evil.example","why") stop texting me')
    body = signed_in(app).get("/ops/export/log.csv").data.decode()
    texts = [row["text"] for row in csv.DictReader(io.StringIO(body))]
    assert texts == ['\'=HYPERLINK("http://evil.example","why") stop texting me']
    assert next(csv.DictReader(io.StringIO(body)))["number"] == "+14155550100"


@pytest.mark.parametrize("path", ["/terms", "/ops/login", "/u/not-a-token"])
def test_html_pages_carry_the_security_headers(redis_url, prefix, path):
    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD="pw-" * 6)
    answer = app.test_client().get(path)
    assert answer.mimetype == "text/html"
    csp = answer.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src" not in csp and "default-src 'none'" in csp
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] in ("same-origin", "no-referrer")
    if path.startswith("/ops"):
        assert answer.headers["Cache-Control"] == "no-store"


def test_a_message_sid_ending_in_a_newline_is_refused(client):
    assert post_sms(client, "STOP", sid="SMabc\n").status_code == 400


def test_a_re_split_body_is_refused_and_does_not_burn_the_message_sid(client, app):
    from tests.test_webhook import record

    form = twilio_form("STOP", sid="SMresplit")
    signature = sign(form)
    forged = {k: v for k, v in form.items() if k != "Body"}
    forged["BodySTOP"] = ""  # the same name+value concatenation: the same signature
    assert sign(forged) == signature
    assert client.post("/sms", data=forged, headers={"X-Twilio-Signature": signature}).status_code == 400
    assert client.post("/sms", data=form, headers={"X-Twilio-Signature": signature}).status_code == 200
    assert record(app).opted_out  # the genuine STOP was not mistaken for a retry


def test_new_twilio_parameters_keep_working(client):
    assert post_sms(client, "STOP", FromCity="SAN FRANCISCO", ToCountry="US", BodyLength="4").status_code == 200


@pytest.fixture
def api(redis_url, prefix):
    return make_app(redis_url, prefix, API_TOKENS="t" * 24, TWILIO_FROM="+14155550199")


def test_odd_api_input_is_a_400_not_a_500(api):
    client = api.test_client()
    auth = {"Authorization": "Bearer " + "t" * 24}
    assert client.get("/api/v1/optouts?cursor=1-0%0A", headers=auth).status_code == 400
    deep = "[" * 5000 + "]" * 5000
    answer = client.post("/api/v1/optouts", data=deep, headers={**auth, "Content-Type": "application/json"})
    assert answer.status_code == 400
    shallow = json.dumps({"source": "carrier", "optouts": [{"number": "+14155550100"}]})
    assert client.post("/api/v1/optouts", data=shallow, headers={**auth, "Content-Type": "application/json"}).status_code == 200


def test_unparseable_numbers_are_masked_in_answers(api):
    answer = api.test_client().post(
        "/api/v1/optouts/status", json={"number": "415555010999888"}, headers={"Authorization": "Bearer " + "t" * 24}
    )
    assert answer.status_code in (400, 404) and b"415555010999888" not in answer.data


def test_the_log_page_ignores_parameters_it_does_not_know(redis_url, prefix):
    from tests.test_ops import PASSWORD, signed_in

    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    client = signed_in(app)
    page = client.get("/ops/log?fmt=x&_external=1&intent=opt_out")
    assert page.status_code == 200
    links = [line for line in page.data.decode().splitlines() if "/ops/export/log." in line]
    assert links and all('href="/ops/export/log.' in line and "fmt=x" not in line for line in links)
    assert all("intent=opt_out" in line for line in links)


@pytest.mark.parametrize(
    "content, message",
    [
        ("number\n+14155550100\ncafé\n".encode("latin-1"), "not UTF-8"),
        ("number\n+14155550100\n".encode("utf-16"), "NUL bytes"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "NUL bytes"),
        (b'number,note\n+14155550100,"' + b"x" * (200 * 1024) + b'"\n', "not a CSV"),
    ],
)
def test_bad_import_files_get_one_clear_line(redis_url, prefix, tmp_path, content, message):
    app = make_app(redis_url, prefix, TWILIO_FROM="+14155550199")
    path = tmp_path / "optouts.csv"
    path.write_bytes(content)
    result = app.test_cli_runner().invoke(args=["import-optouts", str(path), "--source", "carrier"])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def cookie_of(client) -> str:
    return client.get_cookie("optout_ops").value


def with_cookie(app, value: str):
    client = app.test_client()
    client.set_cookie("optout_ops", value)
    return client


def test_a_copied_session_cookie_stops_working_at_sign_out(redis_url, prefix):
    from tests.test_ops import PASSWORD, csrf_of, signed_in

    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    client = signed_in(app)
    stolen = cookie_of(client)
    assert with_cookie(app, stolen).get("/ops/log").status_code == 200
    client.post("/ops/logout", data={"csrf": csrf_of(client.get("/ops/log").data)})
    assert with_cookie(app, stolen).get("/ops/log").status_code == 302


def test_changing_the_password_signs_everyone_out(redis_url, prefix):
    from tests.test_ops import PASSWORD, signed_in

    before = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    stolen = cookie_of(signed_in(before))
    restarted = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    assert with_cookie(restarted, stolen).get("/ops/log").status_code == 200  # a restart keeps it
    changed = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD + "-new")
    assert with_cookie(changed, stolen).get("/ops/log").status_code == 302


def test_sign_out_everywhere_and_the_timeouts(redis_url, prefix, monkeypatch):
    from ops import sessions as ops_sessions
    from tests.test_ops import PASSWORD, csrf_of, signed_in

    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    mine, theirs = signed_in(app), signed_in(app)
    with app.app_context():
        redis_client = app.service().store.client
        ttls = [redis_client.ttl(k) for k in redis_client.scan_iter(f"{prefix}:session:*")]
    assert ttls and all(1790 <= t <= 1800 for t in ttls)  # 30 minutes idle
    mine.post("/ops/logout-everywhere", data={"csrf": csrf_of(mine.get("/ops/log").data)})
    assert theirs.get("/ops/log").status_code == 302 and mine.get("/ops/log").status_code == 302
    fresh = signed_in(app)
    now = time.time()
    monkeypatch.setattr(ops_sessions.time, "time", lambda: now + 8 * 3600 - 5)
    assert fresh.get("/ops/log").status_code == 200  # busy all day: still in
    monkeypatch.setattr(ops_sessions.time, "time", lambda: now + 8 * 3600 + 1)
    assert fresh.get("/ops/log").status_code == 302  # eight hours, however busy


def test_session_ids_and_password_fingerprints_are_long_and_random(redis_url, prefix, monkeypatch):
    from ops.sessions import OpsSessions, fingerprint

    assert len(fingerprint("k" * 32, "pw")) == 32 and fingerprint("k" * 32, "pw") != fingerprint("k" * 32, "pw2")
    app = make_app(redis_url, prefix)
    with app.app_context():
        sessions = OpsSessions(app.service().store.repositories.sessions, "f")
        sid = sessions.create()
        assert len(sid) == 43 and sessions.valid(sid) is True and sessions.valid(sid + "x") is False
    from ops import sessions as module

    created = float(sessions.store.read(sid)["created"])
    monkeypatch.setattr(module.time, "time", lambda: created + 8 * 3600)  # exactly eight hours old
    assert sessions.valid(sid) is True


def test_a_cookie_from_before_server_side_sessions_is_refused_cleanly(redis_url, prefix):
    from tests.test_ops import PASSWORD

    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    client = app.test_client()
    with client.session_transaction() as old:
        old["ops"], old["csrf"] = True, "legacy-token"  # what the signed cookie used to hold
    assert client.get("/ops/log").status_code == 302
    assert client.post("/ops/logout", data={"csrf": "legacy-token"}).status_code == 403  # not a 500
    signed = client.post("/ops/login", data={"password": PASSWORD, "csrf": "legacy-token"})
    assert signed.status_code == 302 and client.get("/ops/log").status_code == 200


def test_no_phone_number_reaches_an_access_log(redis_url, prefix, caplog):
    """Every page and API call an ops person or a client makes about a number, over real HTTP:
    the server's access log (werkzeug's request lines) never holds the number."""
    import logging
    import re

    import requests

    from tests.conftest import SUBSCRIBER, LiveServer, post_sms
    from tests.test_ops import PASSWORD

    app = make_app(
        redis_url,
        prefix,
        OPS_PASSWORD=PASSWORD,
        SECRET_KEY="s" * 32,
        API_TOKENS="t" * 24,
        TWILIO_FROM="+14155550199",
        ASK_REASON=False,
    )
    post_sms(app.test_client(), "STOP")
    app.config["SESSION_COOKIE_SECURE"] = False  # plain http on loopback
    digits = SUBSCRIBER[2:]
    caplog.set_level(logging.INFO, logger="werkzeug")
    with LiveServer(app) as server:
        web = requests.Session()
        csrf = lambda html: re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # noqa: E731
        web.post(server.url + "/ops/login", data={"password": PASSWORD, "csrf": csrf(web.get(server.url + "/ops/login").text)})
        searched = web.post(
            server.url + "/ops/log", data={"number": SUBSCRIBER, "csrf": csrf(web.get(server.url + "/ops/log").text)}
        )
        assert searched.status_code == 200 and "STOP" in searched.text
        history = re.search(r'href="(/ops/subscriber\?entry=[^"]+)"', searched.text).group(1)
        page = web.get(server.url + history.replace("&amp;", "&"))
        assert "opted_out" in page.text
        reveal = re.search(r'href="([^"]*reveal=1[^"]*)"', page.text).group(1).replace("&amp;", "&")
        assert SUBSCRIBER in web.get(server.url + reveal).text
        looked = web.post(
            server.url + "/ops/subscriber",
            data={"number": SUBSCRIBER, "scope": "+14155550199", "csrf": csrf(web.get(server.url + "/ops/subscriber").text)},
        )
        assert "opted_out" in looked.text
        export = re.search(r'href="(/ops/export/log\.csv[^"]*)"', searched.text).group(1).replace("&amp;", "&")
        assert SUBSCRIBER in web.get(server.url + export).text  # the filter travelled as a reference
        api = requests.post(
            server.url + "/api/v1/optouts/status", json={"number": SUBSCRIBER}, headers={"Authorization": "Bearer " + "t" * 24}
        )
        assert api.json()["opted_out"] is True
    lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert len(lines) >= 10 and any("/ops/subscriber" in line for line in lines)
    assert [line for line in lines if digits in line] == []


# --- the sign-in lock-out: its counter and its window are set in one step ---------------------


def _failed_sign_in(app) -> int:
    """One wrong password from the test client's address; the status (or 0 when it raised)."""
    import contextlib

    import redis

    from tests.test_ops import csrf_of

    client = app.test_client()
    token = csrf_of(client.get("/ops/login").data)
    with contextlib.suppress(redis.ConnectionError):
        return int(client.post("/ops/login", data={"password": "nope", "csrf": token}).status_code)
    return 0


def _attempts_ttl(redis_url: str, prefix: str) -> int:
    from store.keys import key_for
    from tests.conftest import store_client

    return int(store_client(redis_url).ttl(key_for(prefix, "login", sid="127.0.0.1")))


@pytest.fixture
def console(redis_url, prefix):
    from tests.test_ops import PASSWORD

    return make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="s" * 32)


def test_a_lost_expire_cannot_lock_an_address_out_for_good(console, redis_url, prefix, monkeypatch):
    """The connection dropping after the count: the counter must still have its window."""
    import redis

    def dropped(*args: object, **kwargs: object) -> None:
        raise redis.ConnectionError("connection lost after INCR")

    monkeypatch.setattr(console.service().store.client, "expire", dropped)
    _failed_sign_in(console)
    assert 0 < _attempts_ttl(redis_url, prefix) <= 900


def test_a_counter_left_without_a_window_gets_one_at_the_next_failure(console, redis_url, prefix):
    """A counter an earlier lost EXPIRE left behind (no TTL) is given its window again."""
    from store.keys import key_for
    from tests.conftest import store_client

    store_client(redis_url).set(key_for(prefix, "login", sid="127.0.0.1"), 9)
    assert _failed_sign_in(console) == 429
    assert 0 < _attempts_ttl(redis_url, prefix) <= 900


def test_the_window_starts_at_the_first_failure_and_is_not_extended(console, redis_url, prefix):
    from store.keys import key_for
    from tests.conftest import store_client

    assert _failed_sign_in(console) == 401 and 0 < _attempts_ttl(redis_url, prefix) <= 900
    store_client(redis_url).expire(key_for(prefix, "login", sid="127.0.0.1"), 100)
    assert _failed_sign_in(console) == 401
    assert 0 < _attempts_ttl(redis_url, prefix) <= 100


@pytest.fixture
def ops(redis_url, prefix):
    from tests.test_ops import PASSWORD

    return make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)


def test_sessions_last_eight_hours_and_are_permanent(ops):
    from tests.test_ops import PASSWORD

    assert ops.permanent_session_lifetime == timedelta(hours=8)
    client = ops.test_client()
    page = client.get("/ops/login").data.decode()
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    assert len(token) == 32  # 24 random bytes
    answer = client.post("/ops/login", data={"password": PASSWORD, "csrf": token})
    assert "Expires=" in answer.headers["Set-Cookie"]


def test_a_wrong_form_token_is_refused_not_only_a_missing_one(ops):
    from tests.test_ops import signed_in

    client = signed_in(ops)
    assert client.post("/ops/logout", data={"csrf": "not-the-token"}).status_code == 400
    assert client.post("/ops/logout", data={}).status_code == 400


def test_the_lockout_window_starts_at_the_first_wrong_password(ops, prefix):
    client = ops.test_client()
    page = client.get("/ops/login").data.decode()
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post("/ops/login", data={"password": "wrong", "csrf": token})
    with ops.app_context():
        redis_client = ops.service().store.client
        ttl = redis_client.ttl(f"{prefix}:login:127.0.0.1")
    assert 890 <= ttl <= 900
