"""POST /twilio/status: Twilio's StatusCallback for the messages we send. Final statuses count
for the message's campaign; error 21610 (the person opted out at the carrier, perhaps to another
number of the pool) is recorded as a carrier opt-out with its evidence. Signed like /sms."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Flask, Response, current_app, request

from domain.campaigns import campaign_name
from domain.numbers import normalise_sender, scope_of_message
from intents import Intent
from service import Inbound, OptOutService, bound
from service.carrier import CARRIER_OPTED_OUT, carrier_opt_out
from web.errors import BadInbound

from .signature import verify
from .webhook import MESSAGE_SID, journalled_answer

log = logging.getLogger(__name__)
PATH = "/twilio/status"
FINAL = {"delivered": "delivered", "undelivered": "failed", "failed": "failed"}


def init_app(app: Flask) -> None:
    """The status callback on the app's service."""
    bp = Blueprint("status", __name__)
    bp.add_url_rule(PATH, view_func=bound(message_status), methods=["POST"])
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
    if form.get("ErrorCode") == str(CARRIER_OPTED_OUT):
        record_carrier_opt_out(service, *carrier_opt_out(scope_of(form, config), number, evidence_of(sid), sid))
    return Response(status=204)


def record_carrier_opt_out(service: OptOutService, message: Inbound, intent: Intent) -> None:
    """The opt-out is stored, or journalled when the store fails (never lost: /sms's path)."""
    try:
        service.handle(message, intent)
    except Exception as error:  # journalled first, as /sms does; then answered as /sms would
        journalled_answer(service, message, intent, error)


def scope_of(form: Mapping[str, str], config: Mapping[str, Any]) -> str:
    """The sender the message went from: its Messaging Service, else its number."""
    if not form.get("MessagingServiceSid") and not form.get("From"):
        raise BadInbound("missing From")  # a callback names our sender: never guess 'default'
    return scope_of_message(form.get("MessagingServiceSid"), form.get("From"), config["DEFAULT_REGION"])  # From: ours


def evidence_of(sid: str) -> str:
    """What the callback said, kept as the opt-out's text."""
    return f"Twilio error 21610 in the status callback of {sid}: the recipient opted out at the carrier"
