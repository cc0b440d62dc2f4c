"""The opt-out flow as rasa-sdk custom actions, on the same dialogue and Redis store as the webhook.

Start: python -m rasa_sdk --actions assistant.actions --port 5055  (or `make actions`).
The action server reads the same environment as the web app (REDIS_URL, BRAND_NAME, …).
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from dataclasses import dataclass
from typing import Any

from flask import Config
from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from domain.errors import BadInbound
from domain.events import Source
from domain.numbers import normalise_sender
from domain.privacy import mask
from intents import Intent
from intents.language import detect_language
from intents.normalise import fold
from intents.types import intent_name as as_intent_name
from service import Inbound, OptOutService

log = logging.getLogger(__name__)
_APP: Any = None


def service() -> tuple[OptOutService, Config]:
    """The web app's own service and configuration, built once per action-server process."""
    global _APP
    if _APP is None:
        from app import create_app

        _APP = create_app()
    return _APP.service(), _APP.config


@dataclass(frozen=True)
class Turnout:
    """What one turn answers and the standing it leaves."""

    reply: str | None
    state_after: str | None  # None: not known (the store could not be read)


def run_turn(sender_id: str, latest: dict[str, Any], intent_name: str) -> Turnout | None:
    """One dialogue turn for the Rasa conversation's sender; None when the sender is no number
    (`latest`: Rasa's tracker JSON, its latest_message)."""
    svc, config = service()
    try:
        number = normalise_sender(sender_id, config["DEFAULT_REGION"]).address
    except BadInbound as error:
        log.warning("Rasa sender %r is not a phone number: %s", sender_id[:20], error.message)
        return None
    text = str(latest.get("text") or "")
    intent = decided_intent(svc.classify(text), text, latest.get("intent") or {}, intent_name)
    sid = "rasa-" + re.sub(r"[^A-Za-z0-9]", "", str(latest.get("message_id") or uuid.uuid4().hex))
    message = Inbound(config["RASA_SCOPE"], number, text, sid[:64], channel="rasa")
    try:
        result = svc.handle(message, intent)
    except Exception as error:  # as in the webhook: journal first, then answer or fail
        return journalled_turn(svc, message, intent, error)
    log.info("rasa %s: %s -> %s", mask(number), intent.name, result.entry["event"])
    return Turnout(result.reply, result.entry["state_after"])


def decided_intent(local: Intent, text: str, rasa_intent: dict[str, Any], intent_name: str) -> Intent:
    """Rasa's intent, except where ours must win: a keyword ('STOP', 'START' typed in a chat)
    is the explicit request it is, and an opt-out we see is never lost to Rasa's 'other'
    (`rasa_intent`: the tracker JSON's intent)."""
    if local.source == "keyword" or (local.name == "opt_out" and intent_name != "opt_out"):
        return local
    return Intent(
        as_intent_name(intent_name),
        float(rasa_intent.get("confidence") or 1.0),
        detect_language(fold(text)),
        Source.RASA,
        f"rasa:{rasa_intent.get('name', '')}",
    )


def journalled_turn(svc: OptOutService, message: Inbound, intent: Intent, error: Exception) -> Turnout:
    """The store failed: the message is journalled (replayed later); an outage still gets the
    confirmation, any other failure is raised (rasa-sdk answers 500, Rasa logs it)."""
    if not svc.keep(message, intent, error):
        raise error
    log.warning("store unavailable (%r): Rasa turn journalled, answered offline", error)
    return Turnout(svc.offline_reply(message, intent), "opted_out" if intent.name == "opt_out" else None)


def slot_events(turnout: Turnout | None) -> list[dict[str, Any]]:
    """The subscriber's standing as Rasa slots (rasa-sdk's events: JSON for Rasa)."""
    if turnout is None or turnout.state_after is None:
        return []
    state = turnout.state_after
    return [SlotSet("opted_out", state != "subscribed"), SlotSet("awaiting_reason", state == "awaiting_reason")]


class OptOutAction(Action):  # type: ignore[misc]  # rasa-sdk ships no type hints
    """Runs one dialogue intent for tracker.sender_id and returns its reply and slots."""

    action_name = ""
    intent_name = ""

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        """Redis I/O happens off the event loop (`domain` and the events: Rasa's JSON, as rasa-sdk types them)."""
        result = await asyncio.to_thread(run_turn, tracker.sender_id or "", tracker.latest_message or {}, self.intent_name)
        if result is not None and result.reply:
            dispatcher.utter_message(text=result.reply)
        return slot_events(result)


class ActionOptOut(OptOutAction):
    """Opt the sender out, confirm once, maybe ask why."""

    action_name, intent_name = "action_opt_out", "opt_out"


class ActionRecordOptOutReason(OptOutAction):
    """Record the answer to 'why?' (only while the subscriber is awaiting it)."""

    action_name, intent_name = "action_record_opt_out_reason", "other"


class ActionOptIn(OptOutAction):
    """Resubscribe the sender."""

    action_name, intent_name = "action_opt_in", "opt_in"


class ActionOptOutHelp(OptOutAction):
    """The carriers' HELP text."""

    action_name, intent_name = "action_opt_out_help", "help"
