"""The dialogue: its records and settings, the policy's thresholds, the handlers' decisions and replies."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from handlers import DialogueSettings, Outcome, State, Subscriber, Turn
from handlers.actions import decided_by
from intents import Intent, Policy
from store.subscribers import Applied
from tests.conftest import BUSINESS, SUBSCRIBER, make_app, post_sms


@pytest.mark.parametrize(
    "intent, expected",
    [
        (Intent("opt_out", 1.0, source="keyword", detail="keyword:stop"), "keyword:stop"),
        (Intent("opt_out", 1.0, source="keyword", detail="program-keyword:quit2end"), "program-keyword:quit2end"),
        (Intent("opt_out", 0.9, source="rule", detail="rule:command"), "rule:command"),
        (Intent("opt_out", 1.0, source="web", detail="unsubscribe-link"), "web:unsubscribe-link"),
        (Intent("opt_out", 1.0, source="carrier", detail="OptOutType=STOP"), "carrier:OptOutType=STOP"),
    ],
)
def test_decided_by_names_the_rule_once(intent, expected):
    assert decided_by(intent) == expected


def test_a_long_reason_is_kept_to_500_characters(client, app):
    from tests.test_webhook import record

    post_sms(client, "STOP")
    post_sms(client, "x" * 499 + "yz")
    assert record(app).reason == "x" * 499 + "y"


def test_the_why_deadline_itself_is_still_waiting():
    record = Subscriber(BUSINESS, SUBSCRIBER, State.AWAITING_REASON, awaiting_reason_until=100.0)
    assert record.as_of(100.0).state is State.AWAITING_REASON
    assert record.as_of(100.001).state is State.OPTED_OUT


@pytest.mark.parametrize(
    "value",
    [
        Subscriber(BUSINESS, SUBSCRIBER),
        DialogueSettings(),
        Policy(),
        Applied({}, False),
        Outcome(Subscriber(BUSINESS, SUBSCRIBER), None, "ignored"),
        Turn(Subscriber(BUSINESS, SUBSCRIBER), Intent("other", 1.0), "", 0.0, DialogueSettings()),
    ],
)
def test_records_and_decisions_cannot_be_changed_in_place(value):
    field = dataclasses.fields(value)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, None)


def test_dialogue_defaults_are_the_documented_settings():
    from service import settings

    assert DialogueSettings() == DialogueSettings.from_config(settings.DEFAULTS)
    turn = Turn(Subscriber(BUSINESS, SUBSCRIBER), Intent("other", 1.0), "", 0.0, DialogueSettings())
    assert (turn.channel, turn.carrier_acted) == ("sms", False)


@pytest.mark.parametrize(
    "p_out, name, flagged",
    [
        (0.85, "opt_out", False),  # exactly HIGH acts
        (0.5, "opt_out", True),  # exactly LOW is the grey zone
        (0.49, "other", False),
    ],
)
def test_policy_thresholds_are_inclusive(p_out, name, flagged):
    rest = (1 - p_out) / 3
    decided = Policy(high=0.85, low=0.5).decide({"opt_out": p_out, "opt_in": rest, "help": rest, "other": rest}, "en", "v")
    assert (decided.name, decided.flagged) == (name, flagged)


def test_policy_acts_on_help_and_opt_in_only_at_high():
    policy = Policy(high=0.85, low=0.5)
    at_high = policy.decide({"opt_out": 0.0, "opt_in": 0.85, "help": 0.1, "other": 0.05}, "en", "v")
    below = policy.decide({"opt_out": 0.0, "opt_in": 0.84, "help": 0.1, "other": 0.06}, "en", "v")
    assert at_high.name == "opt_in" and below.name == "other" and below.detail.endswith(":weak:opt_in")
    unsure = policy.decide({"opt_out": 0.0, "opt_in": 0.26, "help": 0.25, "other": 0.49}, "en", "v")
    at_low = policy.decide({"opt_out": 0.0, "opt_in": 0.25, "help": 0.25, "other": 0.5}, "en", "v")
    assert (unsure.name, unsure.flagged, at_low.flagged) == ("other", True, False)
    assert policy.decide_rule("opt_out", 0.85, "en", "command", False).detail == "rule:command"
    assert policy.decide_rule("opt_out", 0.84, "en", "command", False).flagged


def test_grey_zone_confirm_asks_and_changes_nothing(redis_url, prefix):
    from tests.test_webhook import messages, record

    app = make_app(redis_url, prefix, GREY_ZONE_POLICY="confirm", HIGH_CONFIDENCE=1.0)
    assert messages(post_sms(app.test_client(), "please stop texting me")) == [
        "Acme Shoes: reply STOP to stop all messages from us."
    ]
    assert not record(app).opted_out


@pytest.mark.parametrize(
    "detail, category",
    [
        ("category:cost", "cost"),
        ("category:hacked", "too_many"),
        ("other:cost", "too_many"),
    ],
)
def test_a_chosen_category_counts_only_when_it_is_one_of_ours(detail, category):
    from handlers.actions import _reason_category

    turn = Turn(
        Subscriber(BUSINESS, SUBSCRIBER, State.AWAITING_REASON),
        Intent("other", 1.0, source="web", detail=detail),
        "too many texts",
        0.0,
        DialogueSettings(),
    )
    assert _reason_category(turn) == category


def test_every_source_the_layers_write_is_a_named_source(app):
    """The ops filters, the dashboard and the API list sources from one enum: whatever the
    intent layer and the adapters write must be in it."""
    from domain.events import Event, Source

    with app.app_context():
        service = app.service()
        folder = Path(__file__).resolve().parent.parent / "intents" / "testdata"
        texts = [
            line.split("\t")[1]
            for name in ("test.tsv", "keywords.tsv")
            for line in (folder / name).read_text(encoding="utf-8").splitlines()[1:]
        ]
        sources = {service.classify(t).source for t in texts + ["", "stpo"]}
    assert sources <= {s.value for s in Source}, sources - {s.value for s in Source}
    assert str(Event.OPTED_OUT) == "opted_out" and f"{Source.MODEL_RASA}" == "model+rasa"
