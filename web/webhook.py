"""POST /sms: Twilio's inbound message in, TwiML out. Parsing only; the service decides."""
from __future__ import annotations

import logging
import re

import redis
from flask import Blueprint, Response, current_app, request
from twilio.twiml.messaging_response import MessagingResponse

from errors import BadInbound, StoreFailed, StoreUnavailable
from service import Inbound
from spool import spool_message

from .senders import normalise_scope, normalise_sender
from .signature import verify

bp = Blueprint("webhook", __name__)
log = logging.getLogger(__name__)
MESSAGE_SID = re.compile(r"^[A-Za-z0-9_-]{2,64}$")


def twiml(reply: str | None) -> Response:
    """One <Message> when there is something to say, an empty <Response/> otherwise."""
    response = MessagingResponse()
    if reply:
        response.message(reply)
    return Response(str(response), mimetype="application/xml")


def parse_inbound(form: dict[str, str]) -> Inbound:
    """Validate Twilio's form fields; unknown fields are ignored."""
    config = current_app.config
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    if not MESSAGE_SID.match(sid):
        raise BadInbound("missing or malformed MessageSid")
    body = form.get("Body", "")
    if len(body) > config["MAX_BODY_CHARS"]:
        raise BadInbound(f"Body longer than {config['MAX_BODY_CHARS']} characters")
    sender = normalise_sender(form.get("From"), config["DEFAULT_REGION"])
    service_sid = form.get("MessagingServiceSid")
    scope = (normalise_scope(service_sid, config["DEFAULT_REGION"]) if service_sid
             else _to_scope(form.get("To")))
    return Inbound(scope=scope, number=sender.address, text=body, message_sid=sid,
                   channel=sender.channel, carrier_action=form.get("OptOutType", "")[:16])


def _to_scope(to: str | None) -> str:
    """Without a Messaging Service, an opt-out covers the number that was texted."""
    return normalise_sender(to, current_app.config["DEFAULT_REGION"]).address if to else "default"


@bp.post("/sms")
def inbound_sms() -> Response:
    """Verify, parse, process once, answer."""
    verify(request)
    message = parse_inbound(request.form.to_dict())
    service = current_app.extensions["optout_service"]()
    try:
        result = service.handle(message)
    except OUTAGES as error:
        spool_message(current_app.instance_path, message, repr(error))
        raise StoreUnavailable("store unavailable; message spooled for replay") from error
    except redis.RedisError as error:
        spool_message(current_app.instance_path, message, repr(error))
        log.error("the store refused a command (message spooled): %r", error)
        raise StoreFailed("store error (logged); message spooled for replay") from error
    return twiml(result.reply)


# the store cannot be reached (or cannot take writes now): Twilio should retry later
OUTAGES = (redis.ConnectionError, redis.TimeoutError, redis.exceptions.BusyLoadingError,
           redis.exceptions.ReadOnlyError, redis.exceptions.MasterDownError,
           redis.exceptions.TryAgainError, redis.exceptions.ClusterDownError)
