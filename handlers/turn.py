"""What a handler gets (Turn) and what it returns (Outcome): plain data, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.events import EVIDENCE_EVENTS, Event
from domain.records import Subscriber
from intents import Intent


@dataclass(frozen=True)
class DialogueSettings:
    """The configuration a handler may read."""

    brand: str = "Example Co"
    contact: str = "help@example.com"
    ask_reason: bool = True
    reason_timeout: float = 86400.0
    reason_ack: bool = False
    reply_when_carrier_acted: bool = False
    grey_zone: str = "opt_out"
    terms_url: str = ""  # added to the HELP reply when it fits its segment (HELP_INCLUDES_TERMS_URL)
    attribution_window: float = 7 * 86400.0  # an opt-out this soon after a campaign message is that campaign's
    revoke_all: bool = False  # REVOKE_ALL: an opt-out stops every scope of the deployment (and says so)
    consent_tie: float = 1.0  # CONSENT_TIE_MS in seconds: consent messages this close are simultaneous

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> DialogueSettings:
        """Pick the dialogue's settings out of the app configuration."""
        return cls(
            brand=config["BRAND_NAME"],
            contact=config["HELP_CONTACT"],
            ask_reason=config["ASK_REASON"],
            reason_timeout=float(config["REASON_TIMEOUT_SECONDS"]),
            reason_ack=config["REASON_ACK"],
            reply_when_carrier_acted=config["REPLY_WHEN_CARRIER_ACTED"],
            grey_zone=config["GREY_ZONE_POLICY"],
            attribution_window=float(config["ATTRIBUTION_WINDOW_DAYS"]) * 86400,
            revoke_all=config["REVOKE_ALL"],
            consent_tie=config["CONSENT_TIE_MS"] / 1000,
            terms_url=(config["PUBLIC_URL"].rstrip("/") + "/terms" if config.get("HELP_INCLUDES_TERMS_URL") else ""),
        )


@dataclass(frozen=True)
class Turn:
    """One inbound message, its intent, and the subscriber as it stood."""

    subscriber: Subscriber
    intent: Intent
    text: str
    now: float
    settings: DialogueSettings
    channel: str = "sms"
    carrier_acted: bool = False


@dataclass(frozen=True)
class Outcome:
    """The handler's decision: the new record, the reply (or None) and an event name."""

    subscriber: Subscriber
    reply: str | None
    event: Event

    @property
    def is_evidence(self) -> bool:
        """Consent changes are kept permanently; other log lines expire."""
        return self.event in EVIDENCE_EVENTS


__all__ = ["EVIDENCE_EVENTS", "Outcome", "Turn"]
