"""Guarded sending on Twilio's REST client: refuse opted-out numbers, learn from error 21610."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from domain.campaigns import LastSend, campaign_name
from domain.errors import BadInbound, StoreOutage
from domain.numbers import normalise_number, sending_scope
from domain.privacy import mask
from domain.times import utc
from service import OptOutService
from service.carrier import CARRIER_OPTED_OUT, carrier_opt_out
from store.connection import OUTAGES

from .compose import TooLong, with_instructions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SendResult:
    """What happened to one message: sent, opted_out, invalid or failed."""

    outcome: str
    number: str
    detail: str = ""
    sid: str = ""


TWILIO_TIMEOUT_SECONDS = 15.0  # a silent API never hangs a bulk send


def twilio_client(config: Mapping[str, Any]) -> Client:
    """The REST client from the environment (TWILIO_API_BASE_URL only for local fakes)."""
    sid, token = config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"]
    if not sid or not token:
        raise ValueError("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN must be set to send")
    client = Client(sid, token, http_client=TwilioHttpClient(timeout=TWILIO_TIMEOUT_SECONDS))
    if config["TWILIO_API_BASE_URL"]:
        client.api.base_url = config["TWILIO_API_BASE_URL"]
    return client


class GuardedSender:
    """Sends one text to one number, unless that number opted out in the sender's scope."""

    def __init__(
        self,
        client: Client,
        service: OptOutService,
        config: Mapping[str, Any],
        link_for: Callable[[str, str], str] | None = None,
        campaign: str = "",
    ) -> None:
        self.twilio = client  # the REST client
        self.service = service
        self.config = config
        self.link_for = link_for  # (number, scope) -> unsubscribe URL, to carry in each text
        scope = sending_scope(config)
        if scope is None:
            raise ValueError("set TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM to send")
        self.scope = scope
        self.campaign = campaign_name(campaign) if campaign else ""  # BadInbound: one line
        self.status_callback = status_callback_url(config, self.campaign)

    def send(self, raw_number: str, text: str) -> SendResult:
        """Check, compose, send; every outcome is a SendResult, never an exception."""
        try:
            number = normalise_number(raw_number, self.config["DEFAULT_REGION"])
        except BadInbound as error:
            return SendResult("invalid", raw_number, error.message)
        try:
            subscriber = self.service.store.load(self.scope, number)
            consent = self.service.consent(self.scope, number, subscriber)  # or journalled, or revoke-all
        except OUTAGES as error:  # consent cannot be checked: nothing is sent
            return SendResult("failed", number, f"not sent: the store is unreachable ({type(error).__name__})")
        if consent.opted_out:
            since = utc(consent.changed_at) if consent.changed_at else "now"
            return SendResult("opted_out", number, f"opted out since {since}")
        if self.link_for:
            text = f"{text.strip()} Unsubscribe: {self.link_for(number, self.scope)}"
        try:
            body = with_instructions(text, subscriber.language, self.config["MAX_SEGMENTS"], self.config)
        except TooLong as error:
            return SendResult("failed", number, str(error))
        return self._create(number, body)

    def _create(self, number: str, body: str) -> SendResult:
        """The REST call, with 21610 turned into a recorded opt-out."""
        target = {"messaging_service_sid": self.scope} if self.config["TWILIO_MESSAGING_SERVICE_SID"] else {"from_": self.scope}
        if self.status_callback:
            target["status_callback"] = self.status_callback
        try:
            message = self.twilio.messages.create(to=number, body=body, **target)
        except TwilioRestException as error:
            if error.code == CARRIER_OPTED_OUT:
                return SendResult("opted_out", number, self.record_carrier_opt_out(number, error))
            return SendResult("failed", number, f"Twilio error {error.code}: {error.msg}")
        except TwilioException as error:
            return SendResult("failed", number, str(error))
        except requests.RequestException as error:  # no answer: it may or may not have gone out
            return SendResult("failed", number, f"Twilio did not answer ({type(error).__name__})")
        log.info("sent %s to %s", message.sid, mask(number))
        return SendResult("sent", number, self._attribute(number, message.sid or ""), message.sid or "")

    def _attribute(self, number: str, sid: str) -> str:
        """Remember the campaign this number was last sent; '' or why it could not be (it went out)."""
        if not self.campaign:
            return ""
        try:
            self.service.store.repositories.campaigns.record_send(self.scope, number, LastSend(self.campaign, time.time(), sid))
        except StoreOutage as error:
            log.warning("sent %s but its campaign was not recorded: %s", sid, error)
            return f"sent, but not counted for the campaign (the store: {error})"
        return ""

    def record_carrier_opt_out(self, number: str, error: TwilioRestException) -> str:
        """The carrier says this number opted out: kept here too (stored, else journalled), with
        that as evidence; what became of it, for the sender's report."""
        evidence = f"Twilio error {error.code} on send: {error.msg}"
        try:
            stored = self.service.handle_or_keep(*carrier_opt_out(self.scope, number, evidence, uuid.uuid4().hex))
        except OSError as lost:
            log.error("Twilio error 21610 for %s: neither store nor journal took the opt-out: %r", mask(number), lost)
            return "Twilio error 21610: NOT recorded here (store and journal unavailable): record it by hand"
        if stored:
            return "Twilio error 21610: recorded as opted out"
        return "Twilio error 21610: journalled as opted out (the store is away; applied when it returns)"


def status_callback_url(config: Mapping[str, Any], campaign: str) -> str:
    """Where Twilio reports each message's status: our /twilio/status, with the campaign's name
    (no personal data); '' without PUBLIC_URL (Twilio could not reach us)."""
    base = config["PUBLIC_URL"].rstrip("/")
    if not base:
        return ""
    return f"{base}/twilio/status" + (f"?{urlencode({'campaign': campaign})}" if campaign else "")


def send_many(
    sender: GuardedSender, numbers: list[str], text: str, progress: Callable[[SendResult], None] = lambda _: None
) -> dict[str, int]:
    """Send to every number; the summary counts each outcome."""
    summary = dict.fromkeys(("sent", "opted_out", "invalid", "failed"), 0)
    for number in numbers:
        result = sender.send(number, text)
        summary[result.outcome] += 1
        progress(result)
    return summary
