"""An inbound message as every layer sees it, once validated: the webhook, Rasa, the web page,
the CLI and the journal make and read it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

CarrierIntent = Literal["opt_out", "opt_in", "help"]  # the intents Twilio's Advanced Opt-Out acts on
CARRIER_INTENTS: dict[str, CarrierIntent] = {"STOP": "opt_out", "START": "opt_in", "HELP": "help"}


@dataclass(frozen=True)
class Inbound:
    """An inbound message, already validated and normalised."""

    scope: str
    number: str
    text: str
    message_sid: str
    channel: str = "sms"
    carrier_action: str = ""
    now: float = field(default_factory=time.time)

    @property
    def carrier_intent(self) -> CarrierIntent | None:
        """The intent Twilio's Advanced Opt-Out already acted on (OptOutType), if any."""
        return CARRIER_INTENTS.get(self.carrier_action.upper())
