"""The webhook over HTTP: signatures, TwiML, bad input, retries, Twilio's own opt-out."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.conftest import BUSINESS, SUBSCRIBER, make_app, post_sms, sign, twilio_form

CONFIRMATION_NO_ASK = "You are unsubscribed from Acme Shoes. No more messages will be sent. Reply START to resubscribe."
CONFIRMATION = (
    "You are unsubscribed from Acme Shoes. No more messages will be sent. "
    "Reply START to resubscribe. Optional: reply with why you unsubscribed."
)


def messages(response) -> list[str]:
    """The texts of every <Message> in a TwiML answer."""
    root = ET.fromstring(response.data)
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


def record(app, number: str = SUBSCRIBER, scope: str = BUSINESS):
    with app.app_context():
        return app.service().store.load(scope, number)


def test_signed_stop_is_confirmed_and_recorded(client, app):
    response = post_sms(client, "STOP", sid="SMstop1")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert messages(response) == [CONFIRMATION]
    stored = record(app)
    assert stored.state.value == "awaiting_reason"
    assert stored.opted_out_by == "keyword:stop"


@pytest.mark.parametrize("headers", [{}, {"X-Twilio-Signature": "Zm9yZ2Vk"}, {"X-Twilio-Signature": ""}])
def test_missing_or_forged_signature_is_refused_and_nothing_recorded(client, app, headers):
    response = client.post("/sms", data=twilio_form("STOP"), headers=headers)
    assert response.status_code == 403
    assert record(app).state.value == "subscribed"


def test_signature_with_another_token_is_refused(client, app):
    form = twilio_form("STOP")
    response = client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form, token="x")})
    assert response.status_code == 403
    assert record(app).state.value == "subscribed"


def test_signature_over_local_url_is_refused_when_public_url_is_set(client):
    form = twilio_form("STOP")
    local = sign(form, url="http://localhost/sms")
    assert client.post("/sms", data=form, headers={"X-Twilio-Signature": local}).status_code == 403


def test_tampered_body_is_refused(client, app):
    form = twilio_form("hello")
    signature = sign(form)
    form["Body"] = "STOP"
    assert client.post("/sms", data=form, headers={"X-Twilio-Signature": signature}).status_code == 403
    assert record(app).state.value == "subscribed"


def test_forwarded_headers_are_used_only_when_trusted(redis_url, prefix):
    trusted = make_app(redis_url, prefix, PUBLIC_URL="", TRUSTED_PROXIES=1).test_client()
    untrusted = make_app(redis_url, prefix, PUBLIC_URL="").test_client()
    form = twilio_form("HELP")
    headers = {
        "X-Twilio-Signature": sign(form, url="https://proxy.example.org/sms"),
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "proxy.example.org",
    }
    assert trusted.post("/sms", data=form, headers=headers).status_code == 200
    assert untrusted.post("/sms", data=form, headers=headers).status_code == 403


def test_no_auth_token_refuses_everything(redis_url, prefix):
    client = make_app(redis_url, prefix, TWILIO_AUTH_TOKEN="").test_client()
    assert post_sms(client, "STOP").status_code == 403


def test_validation_off_is_explicit_and_logged(redis_url, prefix, caplog):
    client = make_app(redis_url, prefix, TWILIO_VALIDATE=False).test_client()
    response = client.post("/sms", data=twilio_form("HELP"))
    assert response.status_code == 200
    assert "NOT checked" in caplog.text or "UNSIGNED" in caplog.text


def test_retried_message_sid_replays_the_same_answer_and_changes_nothing(client, app):
    first = post_sms(client, "STOP", sid="SMretry")
    post_sms(client, "START", sid="SMlater")
    again = post_sms(client, "STOP", sid="SMretry")
    assert again.data == first.data
    assert record(app).state.value == "subscribed"
    with app.app_context():
        history = app.service().store.history(BUSINESS, SUBSCRIBER)
    assert [e["message_sid"] for e in history] == ["SMretry", "SMlater"]


@pytest.mark.parametrize(
    "carrier, body, state",
    [
        ("STOP", "STOP", "opted_out"),
        ("HELP", "HELP", "subscribed"),
    ],
)
def test_twilio_advanced_opt_out_is_recorded_without_a_second_reply(client, app, carrier, body, state):
    response = post_sms(client, body, OptOutType=carrier)
    assert response.status_code == 200
    assert messages(response) == []
    assert record(app).state.value == state


def test_twilio_start_after_its_stop_resubscribes_silently(client, app):
    post_sms(client, "STOP", OptOutType="STOP")
    assert messages(post_sms(client, "START", OptOutType="START")) == []
    assert record(app).state.value == "subscribed"


def test_an_odd_carrier_action_is_kept_to_sixteen_characters(client, app):
    post_sms(client, "hello", OptOutType="X" * 40)
    with app.app_context():
        history = app.service().store.history(BUSINESS, SUBSCRIBER)
    assert history[-1]["carrier_action"] == "X" * 16


def test_reply_when_carrier_acted_is_configurable(redis_url, prefix):
    client = make_app(redis_url, prefix, REPLY_WHEN_CARRIER_ACTED=True).test_client()
    replies = messages(post_sms(client, "STOP", OptOutType="STOP"))
    assert replies == ["You are unsubscribed from Acme Shoes. No more messages will be sent. Reply START to resubscribe."]


@pytest.mark.parametrize("sender", ["", "not a number!!", "+1", "x" * 80, "+1 (415) <script>"])
def test_bad_sender_is_a_clear_400(client, sender):
    response = post_sms(client, "STOP", sender=sender)
    assert response.status_code == 400
    assert b"Traceback" not in response.data


@pytest.mark.parametrize(
    "sender, stored_as, scope_number",
    [
        ("whatsapp:+14155550100", "+14155550100", BUSINESS),
        ("(415) 555-0100", "+14155550100", BUSINESS),
        ("+1 415-555-0100", "+14155550100", BUSINESS),
        ("12345", "12345", BUSINESS),
        ("ACME", "ACME", BUSINESS),
    ],
)
def test_odd_but_valid_senders_are_normalised(client, app, sender, stored_as, scope_number):
    assert post_sms(client, "STOP", sender=sender).status_code == 200
    assert record(app, stored_as, scope_number).opted_out


def test_whatsapp_channel_is_recorded(client, app):
    post_sms(client, "STOP", sender="whatsapp:+14155550100")
    assert record(app).channel == "whatsapp"


@pytest.mark.parametrize(
    "change, status",
    [
        ({"MessageSid": ""}, 400),
        ({"MessageSid": "SM<bad>"}, 400),
        ({"Body": "x" * 1601}, 400),
        ({"Body": "x" * 1600}, 200),  # MAX_BODY_CHARS itself is allowed
    ],
)
def test_bad_form_fields_are_a_clear_400(client, change, status):
    form = {**twilio_form("STOP"), **change}
    response = client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form)})
    assert response.status_code == status
    assert b"Traceback" not in response.data


def test_oversized_request_is_refused(client):
    form = twilio_form("STOP", Junk="y" * 70_000)
    response = client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form)})
    assert response.status_code == 413


def test_get_is_not_allowed(client):
    assert client.get("/sms").status_code == 405


def test_unknown_fields_are_ignored_and_media_only_message_is_silent(client, app):
    response = post_sms(client, "", NumMedia="1", MediaUrl0="https://example.com/x.jpg", SomethingNew="42")
    assert response.status_code == 200 and messages(response) == []
    assert record(app).state.value == "subscribed"


def test_messaging_service_is_the_scope(client, app):
    post_sms(client, "STOP", MessagingServiceSid="MG" + "1" * 32)
    assert record(app, scope="MG" + "1" * 32).opted_out
    assert not record(app).opted_out


def test_logs_mask_phone_numbers(client, caplog):
    caplog.set_level("INFO")
    post_sms(client, "STOP")
    assert "+1415•••0100" in caplog.text
    assert SUBSCRIBER not in caplog.text


@pytest.mark.parametrize(
    "signed_url, accepted",
    [
        ("https://sms.example.com/sms", True),
        ("https://sms.example.com:443/sms", True),  # Twilio signs with or without the default port
        ("https://sms.example.com:8443/sms", False),
        ("http://sms.example.com/sms", False),
        ("https://sms.example.com/sms?x=1", False),
    ],
)
def test_a_signature_over_the_url_with_or_without_its_port(client, signed_url, accepted):
    form = twilio_form("hello")
    answer = client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form, url=signed_url)})
    assert (answer.status_code == 200) is accepted, answer.status_code


@pytest.mark.parametrize(
    "reply",
    [
        None,
        "",
        "You are unsubscribed from Acme & Sons <Shoes>. Reply START to resubscribe.",
        "quotes \"double\" and 'single', a line\nbreak, accents é ñ ü, emoji 🛑 and ]]> too",
    ],
)
def test_the_twiml_is_what_twilios_library_writes(reply):
    from twilio.twiml.messaging_response import MessagingResponse

    from web.webhook import twiml

    expected = MessagingResponse()
    if reply:
        expected.message(reply)
    assert twiml(reply) == str(expected)


@pytest.mark.parametrize(
    "texts, language",
    [
        (["STOP"], "en"),  # English is the default, stored as no field: read back as English
        (["no me manden más mensajes"], "es"),
        (["no me manden más mensajes", "START"], "en"),  # back to English: the field goes, English stays
    ],
)
def test_the_record_keeps_the_language_it_replied_in(client, app, texts, language):
    for text in texts:
        assert post_sms(client, text).status_code == 200
    with app.app_context():
        assert app.service().store.load(BUSINESS, SUBSCRIBER).language == language


def test_a_messages_time_is_when_it_reached_the_app_not_after_its_checks(client, app, monkeypatch):
    """Two near-simultaneous messages on two workers are ordered by this time: the signature
    check, the form parsing and Flask's hooks must not sit between arrival and stamp."""
    import time

    import web.webhook

    checked: list[float] = []
    real_verify = web.webhook.verify

    def slow_verify(*args, **kwargs):
        time.sleep(0.05)  # a worker descheduled mid-check
        checked.append(time.time())
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(web.webhook, "verify", slow_verify)
    before = time.time()
    assert post_sms(client, "STOP").status_code == 200
    with app.app_context():
        (entry,) = app.service().store.history(BUSINESS, SUBSCRIBER)
    assert before <= entry["time"] < checked[0] - 0.04
