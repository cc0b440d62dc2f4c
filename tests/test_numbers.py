"""Reading senders and scopes: E.164 numbers, channel prefixes, short codes, sender ids, our own scope."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.numbers import Sender


@given(st.from_regex(r"\+1[2-9][0-9]{9}", fullmatch=True), st.sampled_from(["US", "GB", "ZZ"]))
def test_a_north_american_number_in_e164_is_read_as_itself_in_any_region(value, region):
    from domain.numbers import normalise_sender

    assert normalise_sender(value, region) == Sender(value, "sms")


@pytest.mark.parametrize(
    "value, address",
    [
        ("+12000000000", "+12000000000"),
        ("+19999999999", "+19999999999"),
        ("+11234567890", "+11234567890"),
        ("+10234567890", "+10234567890"),  # possible, if never assigned
        ("+1415555010", None),
        ("+141555501000", None),
        ("+14١٥5550100", "+14155550100"),
        ("whatsapp:+14155550100", "+14155550100"),
        ("+4407911123456", "+447911123456"),
    ],
)
def test_senders_near_the_north_american_shape(value, address):
    from domain.errors import BadInbound
    from domain.numbers import normalise_sender

    if address is None:
        with pytest.raises(BadInbound, match="not a phone number"):
            normalise_sender(value, "US")
    else:
        assert normalise_sender(value, "US").address == address


def test_a_sender_is_parsed_once_then_read_from_the_cache(monkeypatch):
    from domain import numbers

    first = numbers.normalise_sender("(415) 555-0187", "CA")

    def not_called(*_: object) -> None:
        raise AssertionError("phonenumbers.parse called")

    monkeypatch.setattr(numbers.phonenumbers, "parse", not_called)
    assert numbers.normalise_sender("(415) 555-0187", "CA") is first == Sender("+14155550187", "sms")


@pytest.mark.parametrize(
    "raw, outcome",
    [
        ("A" * 64, "not a phone number, short code or sender id"),
        ("A" * 65, "sender number is too long"),
    ],
)
def test_a_sender_longer_than_64_characters_is_refused_as_too_long(raw, outcome):
    from domain.errors import BadInbound
    from domain.numbers import normalise_sender

    with pytest.raises(BadInbound, match=outcome):
        normalise_sender(raw, "US")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Sender("+14155550100").address = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    "raw, scope",
    [
        ("MG" + "a1" * 16, "MG" + "a1" * 16),
        ("acme shop", "acme shop"),
        ("(415) 555-0199", "+14155550199"),
        ("9" * 64, "9" * 64),
        ("9" * 65, None),
        ("a:b", None),
        ("", None),
    ],
)
def test_a_scope_is_a_service_sid_as_is_a_number_in_e164_and_nothing_odd(raw, scope):
    from domain.errors import BadInbound
    from domain.numbers import normalise_scope

    if scope is None:
        with pytest.raises(BadInbound):
            normalise_scope(raw, "US")
    else:
        assert normalise_scope(raw, "US") == scope


@pytest.mark.parametrize(
    "service, sender, scope",
    [
        ("MG" + "1" * 32, "+14155550199", "MG" + "1" * 32),
        ("", "(415) 555-0199", "+14155550199"),
        ("", "", None),
    ],
)
def test_our_sending_scope_is_the_messaging_service_else_the_sending_number(service, sender, scope):
    from domain.numbers import sending_scope

    config = {"TWILIO_MESSAGING_SERVICE_SID": service, "TWILIO_FROM": sender, "DEFAULT_REGION": "US"}
    assert sending_scope(config) == scope


@pytest.mark.parametrize(
    "service_sid, ours, scope",
    [
        ("MG" + "a" * 32, "+14155550199", "MG" + "a" * 32),  # the Messaging Service wins over the number
        ("", "(415) 555-0199", "+14155550199"),  # our number, however spelt
        (None, "+14155550199", "+14155550199"),
        ("", "", "default"),  # Twilio named neither
    ],
)
def test_one_scope_rule_for_messages_in_and_out(service_sid, ours, scope):
    from domain.numbers import scope_of_message

    assert scope_of_message(service_sid, ours, "US") == scope
