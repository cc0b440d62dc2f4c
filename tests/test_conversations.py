"""Table-driven conversations through the signed webhook, on a real Redis."""

from __future__ import annotations

import pytest

from tests.conftest import BUSINESS, SUBSCRIBER, post_sms
from tests.test_webhook import messages, record

OPT_OUT = "You are unsubscribed from Acme Shoes. No more messages will be sent. Reply START to resubscribe."
ASK = " Optional: reply with why you unsubscribed."
OPT_IN = "You are resubscribed to Acme Shoes messages. Reply STOP to opt out, HELP for help."
HELP = "Acme Shoes: for help contact help@acme.test. Msg&data rates may apply. Reply STOP to opt out."
ES_OPT_OUT = (
    "Has cancelado tu suscripción a Acme Shoes. No recibirás más mensajes. "
    "Responde START para volver a suscribirte. Opcional: responde con el motivo de tu baja."
)

# Each step: (text sent, expected reply or None, expected state afterwards)
CONVERSATIONS = {
    "stop then reason": [
        ("STOP", OPT_OUT + ASK, "awaiting_reason"),
        ("you text me way too often", None, "opted_out"),
        ("hello?", None, "opted_out"),
    ],
    "stop, start again": [
        ("Stop", OPT_OUT + ASK, "awaiting_reason"),
        ("START", OPT_IN, "subscribed"),
    ],
    "resubscribe after reason": [
        ("unsubscribe", OPT_OUT + ASK, "awaiting_reason"),
        ("not interested anymore", None, "opted_out"),
        ("unstop", OPT_IN, "subscribed"),
    ],
    "help in every state": [
        ("HELP", HELP, "subscribed"),
        ("STOP", OPT_OUT + ASK, "awaiting_reason"),
        ("help", HELP, "awaiting_reason"),
        ("too many", None, "opted_out"),
        ("INFO", HELP, "opted_out"),
    ],
    "chatter is logged, not answered": [
        ("thanks, see you saturday", None, "subscribed"),
        ("yes", None, "subscribed"),
    ],
    "repeated STOP is confirmed again": [
        ("STOP", OPT_OUT + ASK, "awaiting_reason"),
        ("STOP", OPT_OUT + ASK, "awaiting_reason"),
    ],
    "opted out gets nothing for chatter": [
        ("quit", OPT_OUT + ASK, "awaiting_reason"),
        ("wrong number", None, "opted_out"),
        ("what's the deal today?", None, "opted_out"),
        ("cancel", OPT_OUT + ASK, "awaiting_reason"),
    ],
    "spanish keyword gets a spanish reply": [
        ("BAJA", ES_OPT_OUT, "awaiting_reason"),
    ],
}


@pytest.mark.parametrize("steps", CONVERSATIONS.values(), ids=CONVERSATIONS.keys())
def test_conversation(client, app, steps):
    for text, reply, state in steps:
        response = post_sms(client, text)
        assert response.status_code == 200, text
        assert messages(response) == ([reply] if reply else []), text
        assert record(app).state.value == state, text


def test_reason_is_recorded_with_category(client, app):
    post_sms(client, "STOP")
    post_sms(client, "I never signed up for this")
    stored = record(app)
    assert stored.reason == "I never signed up for this"
    assert stored.reason_category == "never_signed_up"


def test_ask_reason_off_confirms_without_question(redis_url, prefix):
    from tests.conftest import make_app

    app = make_app(redis_url, prefix, ASK_REASON=False)
    response = post_sms(app.test_client(), "STOP")
    assert messages(response) == [OPT_OUT]
    assert record(app).state.value == "opted_out"


def test_reason_ack_can_be_turned_on(redis_url, prefix):
    from tests.conftest import make_app

    client = make_app(redis_url, prefix, REASON_ACK=True).test_client()
    post_sms(client, "STOP")
    assert messages(post_sms(client, "too expensive")) == ["Thank you, your answer is recorded."]


def test_every_message_is_in_the_log_with_its_decision(client, app):
    post_sms(client, "STOP", sid="SMa")
    post_sms(client, "too many texts", sid="SMb")
    with app.app_context():
        service = app.service()
        history = service.store.history(BUSINESS, SUBSCRIBER)
        recent = service.intent_log.recent()
    first, second = history
    assert first["text"] == "STOP" and first["intent"] == "opt_out"
    assert first["source"] == "keyword" and first["confidence"] == 1.0
    assert (first["state_before"], first["state_after"]) == ("subscribed", "awaiting_reason")
    assert first["message_sid"] == "SMa" and first["reply"].startswith("You are unsubscribed")
    assert second["event"] == "reason_recorded" and second["reason_category"] == "too_many"
    assert [e["message_sid"] for e in recent] == ["SMb", "SMa"]


def test_twilio_stop_while_awaiting_reason_is_an_opt_out_not_a_reason(client, app):
    post_sms(client, "STOP")
    response = post_sms(client, "STOP", OptOutType="STOP")
    assert messages(response) == []
    with app.app_context():
        history = app.service().store.history(BUSINESS, SUBSCRIBER)
    assert [e["event"] for e in history] == ["opted_out", "opted_out"]
    assert record(app).reason == ""
