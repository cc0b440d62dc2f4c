"""Guarded sending on the real Twilio REST client against a local fake Messages API."""

from __future__ import annotations

import pytest

from handlers.segments import segment_count
from outbound.compose import TooLong, with_instructions
from service import Inbound
from tests.conftest import make_app
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, sending_settings

FROM = "+14155550199"
SUBSCRIBED, OPTED_OUT, CARRIER_OUT, INVALID_AT_TWILIO = ("+14155550101", "+14155550102", "+14155550166", "+14155550177")


@pytest.mark.parametrize(
    "text, segments",
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("é" * 160, 1),
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("ł" * 70, 1),
        ("ł" * 71, 2),
        ("🛑" * 35, 1),
    ],
)
def test_segment_count(text, segments):
    assert segment_count(text) == segments


def test_instructions_are_appended_once_in_the_right_language():
    assert with_instructions("Sale today!", "en", 1) == "Sale today! Reply STOP to opt out."
    assert with_instructions("Oferta hoy", "es", 1) == "Oferta hoy Responde STOP para darte de baja."
    already = "Sale today! Reply STOP to unsubscribe."
    assert with_instructions(already, "en", 1) == already


def test_instructions_never_push_past_the_allowed_segments():
    with pytest.raises(TooLong):
        with_instructions("a" * 150, "en", 1)
    assert segment_count(with_instructions("a" * 150, "en", 2)) == 2


@pytest.fixture
def sending_app(redis_url, prefix, twilio):
    return make_app(
        redis_url,
        prefix,
        **sending_settings(twilio.url, FROM),
        MAX_SEGMENTS=1,
    )


def opt_out(app, number: str) -> None:
    with app.app_context():
        service = app.service()
        service.handle(Inbound(FROM, number, "STOP", f"SM{number[1:]}"))


def test_send_to_a_subscriber_goes_out_with_instructions(sending_app, twilio):
    result = sending_app.test_cli_runner().invoke(args=["send", SUBSCRIBED, "Boots are 20% off"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("sent: +14155550101 SM")
    callback = "https://sms.example.com/twilio/status"  # PUBLIC_URL's: Twilio reports each status there
    assert twilio.sent == [
        {"To": SUBSCRIBED, "From": FROM, "Body": "Boots are 20% off Reply STOP to opt out.", "StatusCallback": callback}
    ]


def test_send_to_an_opted_out_number_is_refused_and_never_reaches_twilio(sending_app, twilio):
    opt_out(sending_app, OPTED_OUT)
    result = sending_app.test_cli_runner().invoke(args=["send", OPTED_OUT, "Boots are 20% off"])
    assert result.exit_code == 1
    assert result.output.startswith("opted_out: +14155550102 opted out since 20")  # a UTC time, not 'now'
    assert twilio.sent == []


def test_error_21610_records_the_opt_out_with_evidence(sending_app, twilio):
    runner = sending_app.test_cli_runner()
    first = runner.invoke(args=["send", CARRIER_OUT, "Hello"])
    assert "21610" in first.output and first.exit_code == 1
    with sending_app.app_context():
        store = sending_app.service().store
        record = store.load(FROM, CARRIER_OUT)
        history = store.history(FROM, CARRIER_OUT)
    assert record.state.value == "opted_out" and record.channel == "carrier"
    assert history[0]["detail"] == "twilio-error-21610" and "21610" in history[0]["text"]
    assert history[0]["reply"] is None
    again = runner.invoke(args=["send", CARRIER_OUT, "Hello"])
    assert again.output.startswith("opted_out:")


def test_bulk_send_reports_a_summary(sending_app, twilio, tmp_path):
    opt_out(sending_app, OPTED_OUT)
    csv_file = tmp_path / "list.csv"
    csv_file.write_text(
        f"name,phone\nAnn,{SUBSCRIBED}\nBob,{OPTED_OUT}\nCy,not-a-number\n"
        f"Di,{INVALID_AT_TWILIO}\nEd,(415) 555-0103\nFe,{CARRIER_OUT}\n"
    )
    result = sending_app.test_cli_runner().invoke(args=["send", "--csv", str(csv_file), "Sale!"])
    assert result.exit_code == 0, result.output
    assert "sent: 2, opted out: 2, invalid: 1, failed: 1" in result.output
    assert sorted(m["To"] for m in twilio.sent) == [SUBSCRIBED, "+14155550103"]


def test_twilio_or_the_store_unreachable_is_one_line_and_the_bulk_summary_still_ends(redis_url, prefix, tmp_path):
    from tests.redis_server import free_port

    app = make_app(
        redis_url,
        prefix,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_FROM=FROM,
        TWILIO_API_BASE_URL=f"http://127.0.0.1:{free_port()}",
    )
    one = app.test_cli_runner().invoke(args=["send", SUBSCRIBED, "Hi"])
    assert one.exit_code == 1 and one.output.startswith("failed: +14155550101 Twilio did not answer")
    csv_file = tmp_path / "list.csv"
    csv_file.write_text(f"phone\n{SUBSCRIBED}\n{OPTED_OUT}\n")
    bulk = app.test_cli_runner().invoke(args=["send", "--csv", str(csv_file), "Hi"])
    assert bulk.exit_code == 0 and "sent: 0, opted out: 0, invalid: 0, failed: 2" in bulk.output
    down = make_app(
        f"redis://127.0.0.1:{free_port()}/0",
        prefix,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_FROM=FROM,
        REDIS_TIMEOUT_SECONDS=0.2,
        TWILIO_API_BASE_URL=f"http://127.0.0.1:{free_port()}",
    )
    blind = down.test_cli_runner().invoke(args=["send", SUBSCRIBED, "Hi"])
    assert blind.exit_code == 1 and "not sent: the store is unreachable" in blind.output
    assert "Traceback" not in one.output + bulk.output + blind.output


def test_send_speaks_json_when_asked(sending_app, twilio, tmp_path):
    import json

    opt_out(sending_app, OPTED_OUT)
    runner = sending_app.test_cli_runner()
    one = json.loads(runner.invoke(args=["send", "--json", SUBSCRIBED, "Hi"]).stdout)
    assert one["outcome"] == "sent" and one["number"] == SUBSCRIBED and one["sid"].startswith("SM")
    csv_file = tmp_path / "list.csv"
    csv_file.write_text(f"phone\n{SUBSCRIBED}\n{OPTED_OUT}\n")
    lines = [
        json.loads(line) for line in runner.invoke(args=["send", "--json", "--csv", str(csv_file), "Hi"]).stdout.splitlines()
    ]
    assert [line.get("outcome") for line in lines[:2]] == ["sent", "opted_out"]
    assert lines[-1] == {"summary": {"sent": 1, "opted_out": 1, "invalid": 0, "failed": 0}}


def test_too_long_message_is_not_sent(sending_app, twilio):
    result = sending_app.test_cli_runner().invoke(args=["send", SUBSCRIBED, "x" * 155])
    assert result.output.startswith("failed:") and "segments" in result.output
    assert twilio.sent == []


def test_messaging_service_is_used_when_configured(redis_url, prefix, twilio):
    app = make_app(
        redis_url,
        prefix,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_MESSAGING_SERVICE_SID="MG" + "3" * 32,
        TWILIO_API_BASE_URL=twilio.url,
    )
    app.test_cli_runner().invoke(args=["send", SUBSCRIBED, "Hi. Reply STOP to opt out."])
    sent = {"To": SUBSCRIBED, "MessagingServiceSid": "MG" + "3" * 32, "Body": "Hi. Reply STOP to opt out."}
    assert twilio.sent == [{**sent, "StatusCallback": "https://sms.example.com/twilio/status"}]


@pytest.mark.parametrize("args", [["send", "Hello"], ["send", SUBSCRIBED, "Hi", "--csv", "x.csv"]])
def test_send_usage_errors(sending_app, args):
    result = sending_app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 2


def test_send_without_credentials_is_a_clear_error(redis_url, prefix):
    result = make_app(redis_url, prefix, TWILIO_ACCOUNT_SID="").test_cli_runner().invoke(args=["send", SUBSCRIBED, "Hi"])
    assert result.exit_code == 1 and "TWILIO_ACCOUNT_SID" in result.output


def test_instruction_wording_is_configurable(redis_url, prefix, twilio):
    app = make_app(
        redis_url,
        prefix,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_FROM=FROM,
        TWILIO_API_BASE_URL=twilio.url,
        OPT_OUT_INSTRUCTION_EN="Text STOP to end.",
    )
    app.test_cli_runner().invoke(args=["send", SUBSCRIBED, "New arrivals"])
    assert twilio.sent[0]["Body"] == "New arrivals Text STOP to end."


def test_each_text_can_carry_its_own_unsubscribe_link(redis_url, prefix, twilio):
    app = make_app(
        redis_url,
        prefix,
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_FROM=FROM,
        TWILIO_API_BASE_URL=twilio.url,
        SECRET_KEY="s3cret",
    )
    result = app.test_cli_runner().invoke(args=["send", "--with-link", SUBSCRIBED, "New arrivals"])
    assert result.exit_code == 0, result.output
    body = twilio.sent[0]["Body"]
    link = body.split("Unsubscribe: ")[1].split(" ")[0]
    assert link.startswith("https://sms.example.com/u/") and body.endswith("Reply STOP to opt out.")
    page = app.test_client().get(link.removeprefix("https://sms.example.com"))
    assert page.status_code == 200 and b"Unsubscribe from Acme Shoes" in page.data


def test_with_link_needs_a_secret_key(sending_app):
    result = sending_app.test_cli_runner().invoke(args=["send", "--with-link", SUBSCRIBED, "Hi"])
    assert result.exit_code == 1 and "SECRET_KEY" in result.output


def test_error_21610_while_the_store_freezes_is_journalled_then_applied(tmp_path, prefix, twilio):
    import signal

    from store.connection import OUTAGES
    from tests.processes import wait_until
    from tests.test_store_outage import start_redis

    server, url = start_redis(tmp_path, "--appendonly", "no")
    try:
        app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), REDIS_TIMEOUT_SECONDS=0.5, **sending_settings(twilio.url, FROM))
        twilio.server.RequestHandlerClass.before_refusal = lambda: server.signal(signal.SIGSTOP)  # after the guard read
        sent = app.test_cli_runner().invoke(args=["send", CARRIER_OUT, "Hello"])
        server.signal(signal.SIGCONT)
        assert sent.exit_code == 1 and "Traceback" not in sent.output, sent.output
        assert sent.output.startswith(f"opted_out: {CARRIER_OUT} Twilio error 21610: journalled as opted out")
        with app.app_context():
            store = app.service().store

        def back() -> bool:
            try:
                store.load(FROM, SUBSCRIBED)  # a call, so that the breaker's probe runs
            except OUTAGES:
                return False
            return store.breaker_state == "closed"

        wait_until(back, "the store back after SIGCONT", deadline=30)
        replayed = app.test_cli_runner().invoke(args=["replay-journal"])
        assert replayed.exit_code == 0, replayed.output
        with app.app_context():
            record = app.service().store.load(FROM, CARRIER_OUT)
            history = app.service().store.history(FROM, CARRIER_OUT)
        assert record.state.value == "opted_out" and record.channel == "carrier"
        assert history[0]["detail"] == "twilio-error-21610" and "on send" in history[0]["text"]
    finally:
        server.signal(signal.SIGCONT)
        server.stop()
