"""POST /sms: Twilio's inbound message in, TwiML out. Parsing only; the service decides."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from xml.sax.saxutils import escape

from flask import Blueprint, Flask, Response, current_app, request
from werkzeug.datastructures import MultiDict

from domain.numbers import normalise_sender, scope_of_message
from intents import Intent
from service import Inbound, OptOutService, bound
from web.errors import BadInbound, StoreFailed, StoreUnavailable

from .metrics import count_decision, count_store_error
from .signature import Environ, verify

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]  # PEP 3333's callable

log = logging.getLogger(__name__)
# Twilio always sends these; new parameters may appear without notice and are ignored
REQUIRED_FIELDS = ("MessageSid", "From", "To", "Body")
MESSAGE_SID = re.compile(r"^[A-Za-z0-9_-]{2,64}$")


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
XML = "application/xml"
PATH = "/sms"
ARRIVED = "optout.arrived"  # the environ key of the request's arrival time (time.time())


def twiml(reply: str | None) -> str:
    """One <Message> when there is something to say, an empty <Response/> otherwise: the text
    MessagingResponse writes, byte for byte (a test compares), without building an XML tree."""
    body = f"<Response><Message>{escape(reply)}</Message></Response>" if reply else "<Response />"
    return XML_DECLARATION + body


def parse_inbound(form: dict[str, str], config: Mapping[str, Any], arrived: float | None = None) -> Inbound:
    """Validate Twilio's form fields; unknown fields are ignored. `arrived`: when the request
    reached this process, the message's time (else now)."""
    for field in REQUIRED_FIELDS:  # 'BodySTOP=' for 'Body=STOP' signs the same: refuse it
        if field not in form and any(name.startswith(field) for name in form):
            raise BadInbound(f"malformed request: {field} is missing but a {field}… parameter is present")
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    if not MESSAGE_SID.fullmatch(sid):  # fullmatch: "$" alone lets a trailing newline through
        raise BadInbound("missing or malformed MessageSid")
    body = form.get("Body", "")
    if len(body) > config["MAX_BODY_CHARS"]:
        raise BadInbound(f"Body longer than {config['MAX_BODY_CHARS']} characters")
    region = config["DEFAULT_REGION"]
    sender = normalise_sender(form.get("From"), region)
    scope = scope_of_message(form.get("MessagingServiceSid"), form.get("To"), region)  # To: our number
    return Inbound(
        scope=scope,
        number=sender.address,
        text=body,
        message_sid=sid,
        channel=sender.channel,
        carrier_action=form.get("OptOutType", "")[:16],
        now=arrived or time.time(),
    )


def init_app(app: Flask) -> None:
    """POST /sms on the app's service: one Flask view, with every hook and error handler."""
    bp = Blueprint("webhook", __name__)
    bp.add_url_rule(PATH, view_func=bound(inbound_sms), methods=["POST"])
    app.register_blueprint(bp)
    app.wsgi_app = arrival_stamped(app.wsgi_app)  # type: ignore[method-assign,assignment]  # Flask documents this


def arrival_stamped(wsgi_app: WsgiApp) -> WsgiApp:
    """Stamp each request as it enters the app, before Flask's context, hooks, form parsing and
    the signature: a message's time decides which of two near-simultaneous messages (START and
    STOP on two workers) is the later, and every step before the stamp widens that window."""

    def stamped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ[ARRIVED] = time.time()
        return wsgi_app(environ, start_response)

    return stamped


def inbound_sms(service: OptOutService) -> Response:
    """Twilio's form as werkzeug parses it, answered in TwiML."""
    return Response(answer(service, current_app.config, request.environ, request.form), mimetype=XML)


def answer(service: OptOutService, config: Mapping[str, Any], environ: Environ, form: MultiDict[str, str]) -> str:
    """Verify, parse, process once, answer (TwiML); if the store fails, journal first, then answer."""
    deadline = time.monotonic() + config["WEBHOOK_BUDGET_MS"] / 1000
    verify(config, environ, form)
    message = parse_inbound(form.to_dict(), config, environ.get(ARRIVED))
    try:
        intent = service.intent_for(message)
    except Exception as error:  # the intent layer failed: keep the message, classify it on replay
        return journalled_answer(service, message, None, error)
    try:
        waiting = service.waiting(message)  # asked once: queue behind the number's messages? replay?
        result = service.handle(message, intent, deadline=deadline, waiting=waiting)
    except Exception as error:  # whatever failed, the message is journalled before we answer
        return journalled_answer(service, message, intent, error)
    count_decision(intent.name, str(intent.source))
    if waiting.anyone:
        service.replay_soon()  # the store answers again: apply what it missed
    return twiml(result.reply)


def journalled_answer(service: OptOutService, message: Inbound, intent: Intent | None, error: Exception) -> str:
    """Journal, then: an outage is invisible (the normal answer); anything else is a 500."""
    try:
        outage = service.keep(message, intent, error)
    except OSError as disk:
        log.error("could not journal %s after %r: %r", message.message_sid, error, disk)
        raise StoreUnavailable("store and journal unavailable; Twilio should retry") from error
    count_store_error("outage" if outage else "failure")
    if outage and intent is not None:
        log.warning("store unavailable (%r): message journalled, answered offline", error)
        return twiml(service.offline_reply(message, intent))
    log.error("recording failed (message journalled): %r", error, exc_info=error)
    raise StoreFailed("recording failed (logged); message journalled for replay") from error
