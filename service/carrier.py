"""Twilio's error 21610 (the recipient opted out at the carrier), whether it answers a send or
arrives later in a status callback: one message and one intent, so both keep the same evidence."""

from __future__ import annotations

from domain.events import Source
from domain.messages import Inbound
from intents import Intent

CARRIER_OPTED_OUT = 21610


def carrier_opt_out(scope: str, number: str, evidence: str, key: str) -> tuple[Inbound, Intent]:
    """The carrier's refusal as a STOP from the number; `key` makes it once (its MessageSid slot)."""
    message = Inbound(scope, number, evidence, f"E{CARRIER_OPTED_OUT}{key}", channel="carrier", carrier_action="STOP")
    return message, Intent("opt_out", 1.0, "en", Source.CARRIER, f"twilio-error-{CARRIER_OPTED_OUT}")
