"""REVOKE_ALL on real parts: signed webhooks, the store, the journal, sends through a fake Twilio."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from intents import Intent
from service import Inbound
from service.revoke_all import REVOKE_ALL_WAIVED_UNTIL, revoke_all_warning
from service.settings import DEFAULTS, from_environment
from tests.conftest import make_app, sign, twilio_form
from tests.fake_twilio import AUTH_TOKEN, sending_settings
from tests.test_webhook import messages
from web.health import announce

NUMBER = "+14155550100"
TEXTED = "+14155550199"  # scope A: where the subscriber texts STOP
SENDER = "+14155550188"  # scope B: the sending number, which never had a record for NUMBER
LATER = "+14155550177"  # scope C: another number first used after the opt-out
API = {"Authorization": "Bearer revoke-all-token"}


def deployment(redis_url, prefix, twilio, revoke_all: bool, **more):
    """The app sending from SENDER through the fake Twilio, webhooks signed with its token."""
    return make_app(
        redis_url,
        prefix,
        **sending_settings(twilio.url, SENDER),
        API_TOKENS="revoke-all-token",
        REVOKE_ALL=revoke_all,
        **more,
    )


def text(app, body: str, to: str = TEXTED) -> list[str]:
    """The subscriber texts `to` through a signed webhook; the replies."""
    form = twilio_form(body, sender=NUMBER, To=to)
    answer = app.test_client().post("/sms", data=form, headers={"X-Twilio-Signature": sign(form, token=AUTH_TOKEN)})
    assert answer.status_code == 200, answer.data
    return messages(answer)


def send(app, sender: str = SENDER):
    """`flask send` from `sender` to NUMBER (the sending number is the scope the guard checks)."""
    app.config["TWILIO_FROM"] = sender
    return app.test_cli_runner().invoke(args=["send", NUMBER, "Boots are 20% off"])


def scopes(app) -> list[str]:
    with app.app_context():
        return app.service().store.scopes_of(NUMBER)


def test_an_opt_out_in_one_scope_blocks_a_send_in_a_scope_that_never_had_a_record(redis_url, prefix, twilio):
    app = deployment(redis_url, prefix, twilio, revoke_all=True)
    text(app, "STOP")
    result = send(app)
    assert result.exit_code == 1 and result.output.startswith(f"opted_out: {NUMBER}"), result.output
    assert twilio.sent == []
    assert scopes(app) == [TEXTED]  # a marker read by the guard, not a copy of the opt-out into B


def test_without_revoke_all_the_other_scope_is_still_sent_to(redis_url, prefix, twilio):
    app = deployment(redis_url, prefix, twilio, revoke_all=False)
    text(app, "STOP")
    result = send(app)
    assert result.exit_code == 0 and result.output.startswith(f"sent: {NUMBER}"), result.output
    assert [m["To"] for m in twilio.sent] == [NUMBER]


def test_stopall_without_revoke_all_covers_the_known_scopes_only_as_before(redis_url, prefix, twilio):
    app = deployment(redis_url, prefix, twilio, revoke_all=False)
    text(app, "Hello", to=SENDER)  # the number is known in B
    text(app, "STOPALL")
    assert send(app).output.startswith("opted_out:")
    assert send(app, sender=LATER).output.startswith("sent:")


def test_the_api_status_of_a_new_scope_says_opted_out_since_the_opt_out(redis_url, prefix, twilio):
    app = deployment(redis_url, prefix, twilio, revoke_all=True)
    text(app, "STOP")
    body = app.test_client().post("/api/v1/optouts/status", headers=API, json={"number": NUMBER, "scope": LATER}).get_json()
    assert body["opted_out"] is True and body["known"] is False and body["since"] is not None
    off = deployment(redis_url, prefix, twilio, revoke_all=False)
    assert off.test_client().post("/api/v1/optouts/status", headers=API, json={"number": NUMBER}).get_json()["opted_out"] is False


def test_start_resubscribes_only_the_scope_it_was_sent_to(redis_url, prefix, twilio):
    app = deployment(redis_url, prefix, twilio, revoke_all=True)
    text(app, "STOP")
    text(app, "START", to=SENDER)
    assert send(app).output.startswith("sent:")  # B: the START came after the opt-out
    assert send(app, sender=TEXTED).output.startswith("opted_out:")  # A: still stopped
    assert send(app, sender=LATER).output.startswith("opted_out:")  # C: never asked to start
    text(app, "STOP", to=LATER)  # a newer opt-out anywhere blocks B again
    assert send(app).output.startswith("opted_out:")


def test_start_where_the_stop_was_sent_does_not_restart_the_other_scopes(redis_url, prefix, twilio):
    app = deployment(redis_url, prefix, twilio, revoke_all=True)
    text(app, "STOP")
    text(app, "START")
    assert send(app, sender=TEXTED).output.startswith("sent:")
    assert send(app).output.startswith("opted_out:")


def test_a_scope_with_its_own_earlier_start_is_blocked_by_a_later_stop_elsewhere_until_a_new_start(redis_url, prefix, twilio):
    app = deployment(redis_url, prefix, twilio, revoke_all=True)
    text(app, "STOP", to=SENDER)
    text(app, "START", to=SENDER)
    text(app, "STOP")
    assert send(app).output.startswith("opted_out:")
    assert text(app, "START", to=SENDER) == ["You are resubscribed to Acme Shoes messages. Reply STOP to opt out, HELP for help."]
    assert send(app).output.startswith("sent:")


def test_an_opt_out_waiting_in_the_journal_blocks_every_scope_marked_pending(redis_url, prefix, twilio):
    app = deployment(redis_url, prefix, twilio, revoke_all=True)
    with app.app_context():
        service = app.service()
        service.journal.append(
            Inbound(TEXTED, NUMBER, "STOP", "SMjournalled"), Intent("opt_out", 1.0, "en", "keyword", "stop"), "test"
        )
        consent = service.consent(LATER, NUMBER)
    assert consent.opted_out and consent.pending_write and consent.pending.message.message_sid == "SMjournalled"
    assert send(app).output.startswith("opted_out:")


@pytest.mark.parametrize(
    "body, revoke_all, wording",
    [
        ("STOP", True, "You are unsubscribed: no more messages from Acme Shoes on any number. Reply START here to resubscribe."),
        ("STOP", False, "You are unsubscribed from Acme Shoes. No more messages will be sent. Reply START to resubscribe."),
        ("STOPALL", False, "You are unsubscribed from Acme Shoes. No more messages will be sent."),
        ("no me manden más mensajes", True, "ya no recibirás mensajes de Acme Shoes desde ningún número"),
        ("arrêtez de m'envoyer des messages", True, "plus aucun message de Acme Shoes, quel que soit le numéro"),
    ],
)
def test_the_confirmation_says_every_number_only_with_revoke_all(redis_url, prefix, twilio, body, revoke_all, wording):
    [reply] = text(deployment(redis_url, prefix, twilio, revoke_all=revoke_all), body)
    assert wording in reply and ("any number" in reply) is (revoke_all and wording.startswith("You"))


@pytest.mark.parametrize(
    "lang, covers, start_here",
    [
        ("en", "One opt-out stops every message from Acme Shoes, on any of its numbers", "START resubscribes you only"),
        ("es", "Una sola baja detiene todos los mensajes de Acme Shoes", "START te vuelve a suscribir solo"),
        ("fr", "Une seule désinscription arrête tous les messages de Acme Shoes", "START ne vous réinscrit qu'au"),
    ],
)
def test_the_terms_say_so_only_with_revoke_all(redis_url, prefix, twilio, lang, covers, start_here):
    import html

    on, off = (deployment(redis_url, prefix, twilio, revoke_all=flag) for flag in (True, False))
    page = html.unescape(on.test_client().get(f"/terms?lang={lang}").data.decode())
    assert covers in page and start_here in page
    markdown = on.test_cli_runner().invoke(args=["terms", "--lang", lang]).output
    assert covers in markdown and start_here in markdown
    plain = html.unescape(off.test_client().get(f"/terms?lang={lang}").data.decode())
    assert covers not in plain and start_here not in plain


def test_the_setting_is_false_by_default_and_read_from_the_environment():
    assert DEFAULTS["REVOKE_ALL"] is False
    assert from_environment({"REVOKE_ALL": "true"}) == {"REVOKE_ALL": True}


@pytest.mark.parametrize(
    "today, revoke_all, warned",
    [
        (date(2026, 6, 1), False, False),
        (REVOKE_ALL_WAIVED_UNTIL, False, False),  # the waiver's last day
        (date(2027, 2, 1), False, True),
        (date(2027, 2, 1), True, False),
    ],
)
def test_the_config_check_warns_once_the_waiver_is_over(today, revoke_all, warned):
    warning = revoke_all_warning({**DEFAULTS, "REVOKE_ALL": revoke_all}, today)
    assert (warning is not None) is warned
    assert warning is None or ("REVOKE_ALL" in warning and "2027-01-31" in warning)


def test_a_serving_worker_logs_the_warning_at_start(redis_url, prefix, twilio, caplog):
    caplog.set_level(logging.WARNING, logger="web.health")
    late, early = (deployment(redis_url, prefix, twilio, revoke_all=False) for _ in range(2))
    announce(late, today=date(2027, 2, 1))
    announce(early, today=date(2027, 1, 31))
    lines = [r.getMessage() for r in caplog.records]
    assert sum("REVOKE_ALL is off" in line for line in lines) == 1
    assert sum("revoke all: off" in line for line in lines) == 2
