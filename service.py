"""One inbound message end to end: classify, run the dialogue, store atomically, log."""
from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

from handlers import DialogueSettings, Outcome, Subscriber, Turn, current, respond
from intents import Intent
from store.intent_log import IntentLog
from store.subscribers import SubscriberStore
from privacy import mask

log = logging.getLogger(__name__)
CARRIER_INTENTS = {"STOP": "opt_out", "START": "opt_in", "HELP": "help"}


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
    def carrier_intent(self) -> str | None:
        """The intent Twilio's Advanced Opt-Out already acted on (OptOutType), if any."""
        return CARRIER_INTENTS.get(self.carrier_action.upper())


@dataclass(frozen=True)
class Result:
    """What to answer, and the log entry that explains it."""

    reply: str | None
    entry: dict[str, Any]
    replayed: bool = False


class OptOutService:
    """Ties the intent layer, the dialogue and the store together (dependencies passed in)."""

    def __init__(self, classify: Callable[[str], Intent], store: SubscriberStore,
                 intent_log: IntentLog, settings: DialogueSettings) -> None:
        self.classify = classify
        self.store = store
        self.intent_log = intent_log
        self.settings = settings

    def intent_for(self, message: Inbound) -> Intent:
        """Twilio's own OptOutType wins; otherwise the intent layer decides."""
        carrier = message.carrier_intent
        if carrier:
            return Intent(carrier, 1.0, "en", "carrier", f"OptOutType={message.carrier_action}")
        return self.classify(message.text)

    def handle(self, message: Inbound, intent: Intent | None = None,
               handler: str | None = None) -> Result:
        """Process one message exactly once per MessageSid.

        `intent` when the caller already knows it (Rasa, web, import); `handler` to bypass
        the table for an explicit action such as the web page's reason form.
        """
        intent = intent or self.intent_for(message)
        applied = self.store.apply(message.scope, message.number, message.message_sid,
                                   lambda sub: self._decide(message, intent, sub, handler))
        if not applied.replayed:
            self.intent_log.append(applied.entry)
            if intent.all_scopes and intent.name == "opt_out":
                self._opt_out_elsewhere(message, intent)
        log.info("%s %s -> %s (%s %.2f)%s", mask(message.number), message.scope,
                 applied.entry["event"], intent.source, intent.confidence,
                 " replayed" if applied.replayed else "")
        return Result(applied.entry["reply"], applied.entry, applied.replayed)

    def _decide(self, message: Inbound, intent: Intent, stored: Subscriber,
                handler: str | None = None) -> tuple[Subscriber, dict[str, Any], bool]:
        """The pure part: the dialogue's outcome and the log entry describing it."""
        before = current(stored, message.now)
        turn = Turn(before, intent, message.text, message.now, self.settings,
                    message.channel, carrier_acted=message.carrier_intent is not None)
        outcome = respond(turn, handler)
        return outcome.subscriber, log_entry(message, intent, stored, outcome), outcome.is_evidence

    def _opt_out_elsewhere(self, message: Inbound, intent: Intent) -> None:
        """STOPALL: the same opt-out, silently, in every other scope the number is known in."""
        for scope in self.store.scopes_of(message.number):
            if scope != message.scope:
                other = Inbound(scope, message.number, message.text, message.message_sid,
                                message.channel, "STOP", message.now)
                applied = self.store.apply(scope, message.number, message.message_sid,
                                           lambda sub, m=other: self._decide(m, intent, sub))
                if not applied.replayed:
                    self.intent_log.append(applied.entry)


def log_entry(message: Inbound, intent: Intent, before: Subscriber,
              outcome: Outcome) -> dict[str, Any]:
    """Everything an auditor asks: who, when, what text, which rule, how sure, what changed."""
    return {
        "id": uuid.uuid4().hex, "time": message.now, "scope": message.scope,
        "number": message.number, "channel": message.channel, "text": message.text,
        "message_sid": message.message_sid, "carrier_action": message.carrier_action,
        **{k: v for k, v in intent.to_dict().items() if k != "all_scopes"},
        "all_scopes": intent.all_scopes, "state_before": before.state.value,
        "state_after": outcome.subscriber.state.value, "event": outcome.event,
        "reply": outcome.reply, "reason_category": outcome.subscriber.reason_category
        if outcome.event == "reason_recorded" else "",
    }
