"""The opt-out flow as rasa-sdk custom actions, on the same dialogue and Redis store as the webhook.

Start: python -m rasa_sdk --actions assistant.actions --port 5055  (or `make actions`).
The action server reads the same environment as the web app (REDIS_URL, BRAND_NAME, …).
"""
from __future__ import annotations

import asyncio
import logging
import re
import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from domain.numbers import normalise_sender
from domain.privacy import mask
from errors import BadInbound
from intents import Intent
from intents.language import detect_language
from intents.normalise import fold
from service import Inbound, OptOutService, Result, current_service

log = logging.getLogger(__name__)
_APP: Any = None


def service() -> tuple[OptOutService, dict[str, Any]]:
    """The web app's own service and configuration, built once per action-server process."""
    global _APP
    if _APP is None:
        from app import create_app

        _APP = create_app()
    return current_service(_APP), _APP.config


def run_turn(sender_id: str, latest: dict[str, Any], intent_name: str) -> Result | None:
    """One dialogue turn for the Rasa conversation's sender; None when the sender is no number."""
    svc, config = service()
    try:
        number = normalise_sender(sender_id, config["DEFAULT_REGION"]).address
    except BadInbound as error:
        log.warning("Rasa sender %r is not a phone number: %s", sender_id[:20], error.message)
        return None
    text = str(latest.get("text") or "")
    rasa_intent = latest.get("intent") or {}
    intent = Intent(intent_name, float(rasa_intent.get("confidence") or 1.0),
                    detect_language(fold(text)), "rasa", f"rasa:{rasa_intent.get('name', '')}")
    local = svc.classify(text)
    if local.source == "keyword" and local.name == intent_name:
        intent = local  # 'START' typed in a Rasa chat is the explicit keyword it is
    sid = "rasa-" + re.sub(r"[^A-Za-z0-9]", "", str(latest.get("message_id") or uuid.uuid4().hex))
    message = Inbound(config["RASA_SCOPE"], number, text, sid[:64], channel="rasa")
    result = svc.handle(message, intent)
    log.info("rasa %s: %s -> %s", mask(number), intent_name, result.entry["event"])
    return result


def slot_events(result: Result | None) -> list[dict[str, Any]]:
    """The subscriber's standing as Rasa slots."""
    if result is None:
        return []
    state = result.entry["state_after"]
    return [SlotSet("opted_out", state != "subscribed"),
            SlotSet("awaiting_reason", state == "awaiting_reason")]


class OptOutAction(Action):
    """Runs one dialogue intent for tracker.sender_id and returns its reply and slots."""

    action_name = ""
    intent_name = ""

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        """Redis I/O happens off the event loop."""
        result = await asyncio.to_thread(run_turn, tracker.sender_id or "",
                                         tracker.latest_message or {}, self.intent_name)
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
