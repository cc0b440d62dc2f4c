"""A subscriber is a phone number: a word or a short code typed where a subscriber's number
belongs is one clear refusal (a line, a 400, an invalid row) and nothing is recorded for it."""

from __future__ import annotations

import pytest

from tests.conftest import make_app, store_client
from tests.test_ops import PASSWORD, look_up, signed_in

BAD = ["notanumber", "garbage", "ACME", "12345", "whatsapp:ACME", "+1415555", ""]
SCOPE = "+14155550199"


def keys(redis_url: str, prefix: str) -> set[bytes]:
    """Every key but the API's rate-limit counters (a call is counted, whatever it asks)."""
    return {k for k in store_client(redis_url).scan_iter(f"{prefix}:*", count=1000) if b":rate:" not in k}


def one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    return lines[0]


@pytest.mark.parametrize("number", BAD)
def test_chat_refuses_a_bad_number_in_one_line_and_records_nothing(app, runner, redis_url, prefix, number):
    before = keys(redis_url, prefix)
    result = runner.invoke(args=["chat", number, "--scope", SCOPE], input="STOP\n")
    assert result.exit_code == 2 and "not a phone number" in one_line(result.output)
    assert "Traceback" not in result.output and "Chatting" not in result.output
    assert keys(redis_url, prefix) == before
    if number.isalnum():  # what the old code recorded the word as
        with app.app_context():
            assert app.service().store.scopes_of(number.upper()) == []


@pytest.mark.parametrize(
    "command", [["subscriber", "garbage"], ["subscriber", "12345", "--history"], ["subscriber", "+14155550100", "--scope", "a:b"]]
)
def test_subscriber_refuses_a_bad_number_or_scope_in_one_line(runner, command):
    result = runner.invoke(args=command)
    assert result.exit_code == 2 and one_line(result.stderr).startswith("Error: ")
    assert "not a phone number" in result.output or "scope must be" in result.output


def test_an_unsubscribe_link_is_refused_for_a_bad_number(redis_url, prefix):
    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, TWILIO_FROM=SCOPE)
    before = keys(redis_url, prefix)
    result = app.test_cli_runner().invoke(args=["unsubscribe-link", "garbage"])
    assert result.exit_code == 2 and "not a phone number" in one_line(result.output)
    assert keys(redis_url, prefix) == before


@pytest.mark.parametrize("written", ["+14155550100", "(415) 555-0100", "415.555.0100", "whatsapp:+14155550100"])
def test_every_valid_spelling_still_chats_as_the_e164_number(app, runner, written):
    result = runner.invoke(args=["chat", written, "--scope", SCOPE], input="STOP\n")
    assert result.exit_code == 0 and f"Chatting as +14155550100 in scope {SCOPE}" in result.output
    with app.app_context():
        assert app.service().store.load(SCOPE, "+14155550100").opted_out


@pytest.fixture
def ops_app(redis_url, prefix):
    return make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="ops-test-secret")


@pytest.mark.parametrize("number", ["garbage", "NOTANUMBER", "12345"])
def test_the_console_lookup_of_a_bad_number_is_a_400_not_a_subscribed_record(ops_app, number):
    page = look_up(signed_in(ops_app), number, SCOPE)
    assert page.status_code == 400 and "not a phone number" in page.data.decode()
    assert "subscribed" not in page.data.decode()


def test_the_console_lookup_of_a_phone_number_still_works(ops_app):
    page = look_up(signed_in(ops_app), "(415) 555-0100", SCOPE)
    assert page.status_code == 200 and "subscribed" in page.data.decode()


@pytest.fixture
def api(redis_url, prefix):
    return make_app(redis_url, prefix, API_TOKENS="bad-numbers-token", TWILIO_FROM=SCOPE).test_client()


AUTH = {"Authorization": "Bearer bad-numbers-token"}


@pytest.mark.parametrize(
    "number, status",
    [
        ("garbage", 400),
        ("whatsapp:ACME", 400),  # not its pattern
        ("12345", 404),
        ("+1415555", 404),
    ],
)  # digits: the documented 404
def test_the_api_lookup_refuses_what_is_no_phone_number(api, redis_url, prefix, number, status):
    before = keys(redis_url, prefix)
    answer = api.post("/api/v1/optouts/status", headers=AUTH, json={"number": number})
    assert answer.status_code == status and b"Traceback" not in answer.data
    assert keys(redis_url, prefix) == before


def test_the_api_import_records_no_opt_out_for_a_word_or_a_short_code(api, redis_url, prefix):
    body = {"source": "carrier", "optouts": [{"number": "garbage"}, {"number": "12345"}, {"number": "+14155550130"}]}
    summary = api.post("/api/v1/optouts", headers=AUTH, json=body).get_json()
    assert summary["imported"] == 1 and [i["number"] for i in summary["invalid"]] == ["garbage", "12345"]
    assert api.post("/api/v1/optouts/status", headers=AUTH, json={"number": "+14155550130"}).get_json()["opted_out"]
