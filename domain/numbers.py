"""Normalise Twilio's From/To: E.164 numbers, channel prefixes, short codes, alphanumerics."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import phonenumbers

from .errors import BadInbound
from .privacy import mask

CHANNEL_PREFIX = re.compile(r"^(whatsapp|messenger|rcs|sms|mms):", re.IGNORECASE)
SHORT_CODE = re.compile(r"^\d{3,8}$")
ALPHANUMERIC = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")


@dataclass(frozen=True)
class Sender:
    """A normalised address and the channel it came through."""

    address: str
    channel: str = "sms"
    kind: str = "e164"


def normalise_number(raw: str | None, region: str) -> str:
    """A subscriber's number in E.164 (any common spelling, a channel prefix such as whatsapp:
    allowed), or BadInbound: a subscriber is a phone, so a typed word or a short code is refused
    rather than taken for a sender id and given a record. The one rule every surface applies."""
    try:
        sender = normalise_sender(raw, region)
    except BadInbound:
        sender = None
    if sender is None or sender.kind != "e164":
        raise BadInbound(f"not a phone number: {mask(str(raw or '').strip()[:20])!r} (want one such as +14155550100)")
    return sender.address


@lru_cache(maxsize=65536)  # a phonenumbers parse costs ~30 µs; every message parses its From and To, the same few
def normalise_sender(raw: str | None, region: str) -> Sender:
    """'(415) 555-0100', '+1 415…', 'whatsapp:+1415…', '12345', 'ACME' -> Sender; else BadInbound."""
    value = (raw or "").strip()
    if not value:
        raise BadInbound("missing sender number")
    if len(value) > 64:
        raise BadInbound("sender number is too long")
    channel = "sms"
    prefix = CHANNEL_PREFIX.match(value)
    if prefix:
        channel, value = prefix.group(1).lower(), value[prefix.end() :].strip()
    if SHORT_CODE.fullmatch(value):
        return Sender(value, channel, "short_code")
    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_possible_number(parsed):
        return Sender(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), channel)
    if ALPHANUMERIC.fullmatch(value):
        return Sender(value.replace(" ", "").upper(), channel, "alphanumeric")
    raise BadInbound(f"not a phone number, short code or sender id: {mask(value[:20])!r}")


# a Messaging Service SID or a sending number as people write it ('(415) 555-0199'); also the
# API's OpenAPI pattern (with maxLength SCOPE_MAX): one rule for every surface
SCOPE_PATTERN = r"^[A-Za-z0-9_.+() -]*[A-Za-z0-9][A-Za-z0-9_.+() -]*$"
SCOPE_MAX = 64
SCOPE = re.compile(SCOPE_PATTERN)


def normalise_scope(raw: str | None, region: str) -> str:
    """A Messaging Service SID as is, a sending number in E.164 whatever its spelling;
    characters no scope has (':', braces, …) are refused."""
    value = (raw or "").strip()
    if len(value) > SCOPE_MAX or not SCOPE.fullmatch(value):
        raise BadInbound("scope must be a Messaging Service SID or a sending number")
    if value.startswith("MG") or not any(ch.isdigit() for ch in value):
        return value
    try:
        return normalise_sender(value, region).address
    except BadInbound:
        return value  # a scope is only a namespace: an odd one simply holds no records


def scope_of_message(service_sid: str | None, our_number: str | None, region: str) -> str:
    """The scope a message between us and a subscriber belongs to, whichever way it went: its
    Messaging Service, else our number in it ('default' when Twilio names neither)."""
    if service_sid:
        return normalise_scope(service_sid, region)
    return normalise_sender(our_number, region).address if our_number else "default"


def sending_scope(config: Mapping[str, Any]) -> str | None:
    """Our own sending scope: the Messaging Service, else the sending number, else None."""
    if config["TWILIO_MESSAGING_SERVICE_SID"]:
        return str(config["TWILIO_MESSAGING_SERVICE_SID"])
    if config["TWILIO_FROM"]:
        return normalise_sender(config["TWILIO_FROM"], config["DEFAULT_REGION"]).address
    return None


# what exporters call a CSV's phone-number column (imports and send lists read the same)
NUMBER_COLUMNS = ("number", "phone", "phone_number", "PhoneNumber", "phoneNumber", "To", "From")
