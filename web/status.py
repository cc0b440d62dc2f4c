"""POST /twilio/status: Twilio's StatusCallback for the messages we send. Final statuses count
for the message's campaign; error 21610 (the person opted out at the carrier, perhaps to another
number of the pool) is recorded as a carrier opt-out with its evidence. Signed like /sms."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, current_app, request

from domain.campaigns import campaign_name
from domain.events import Source
from domain.numbers import normalise_scope, normalise_sender
from intents import Intent
from service import Inbound, OptOutService, ServiceProvider, bound
from web.errors import BadInbound

from .signature import verify
from .webhook import MESSAGE_SID, journalled_answer

log = logging.getLogger(__name__)
PATH = "/twilio/status"
FINAL = {"delivered": "delivered", "undelivered": "failed", "failed": "failed"}
CARRIER_OPTED_OUT = "21610"


def init_app(app: Flask, service: ServiceProvider) -> None:
    """The status callback on the app's service."""
    bp = Blueprint("status", __name__)
    bp.add_url_rule(PATH, view_func=bound(message_status, service), methods=["POST"])
    app.register_blueprint(bp)


def message_status(service: OptOutService) -> Response:
    """Verify, count a final status for its campaign, record a carrier opt-out; 204 either way."""
    config = current_app.config
    verify(config, request.environ, request.form)
    form = request.form.to_dict()
    sid, status = form.get("MessageSid", ""), FINAL.get(form.get("MessageStatus", ""))
    if not MESSAGE_SID.fullmatch(sid):
        raise BadInbound("missing or malformed MessageSid")
    number = normalise_sender(form.get("To"), config["DEFAULT_REGION"]).address
    campaign = request.args.get("campaign", "")
    if status and campaign:
        service.store.repositories.campaigns.record_status(number, campaign_name(campaign), status)
    if form.get("ErrorCode") == CARRIER_OPTED_OUT:
        record_carrier_opt_out(service, carrier_opt_out(form, number, sid, config))
    return Response(status=204)


def record_carrier_opt_out(service: OptOutService, message: Inbound) -> None:
    """The opt-out is stored, or journalled when the store fails (never lost: /sms's path)."""
    intent = carrier_intent()
    try:
        service.handle(message, intent)
    except Exception as error:  # journalled first, as /sms does; then answered as /sms would
        journalled_answer(service, message, intent, error)


def carrier_opt_out(form: Mapping[str, str], number: str, sid: str, config: Mapping[str, Any]) -> Inbound:
    """The carrier's refusal as a message from the number: its evidence, once per MessageSid."""
    region = config["DEFAULT_REGION"]
    service_sid, sender = form.get("MessagingServiceSid"), form.get("From")
    scope = normalise_scope(service_sid, region) if service_sid else normalise_sender(sender, region).address
    evidence = f"Twilio error 21610 in the status callback of {sid}: the recipient opted out at the carrier"
    return Inbound(scope, number, evidence, f"E21610{sid}", channel="carrier", carrier_action="STOP")


def carrier_intent() -> Intent:
    """What the carrier's 21610 means: an opt-out it already enforces."""
    return Intent("opt_out", 1.0, "en", Source.CARRIER, "twilio-error-21610")
