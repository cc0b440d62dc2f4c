"""The two apps the webhook's throughput is compared with (benchmarks/webhook_throughput.py).

bare():     Flask answering every POST /sms with fixed TwiML (the ceiling).
tutorial(): what Twilio's own tutorial does: RequestValidator, exact STOP/START keyword,
            one Redis write, MessagingResponse.
"""

from __future__ import annotations

import os

import redis
from flask import Flask, Response, request
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

FIXED = '<?xml version="1.0" encoding="UTF-8"?><Response />'


def bare() -> Flask:
    app = Flask("bare")

    @app.post("/sms")
    def sms() -> Response:
        return Response(FIXED, mimetype="application/xml")

    return app


def tutorial() -> Flask:
    app = Flask("tutorial")
    validator = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])
    store = redis.Redis.from_url(os.environ["REDIS_URL"])
    public = os.environ["PUBLIC_URL"]

    @app.post("/sms")
    def sms() -> Response:
        if not validator.validate(public + "/sms", request.form, request.headers.get("X-Twilio-Signature", "")):
            return Response("forbidden", status=403)
        body, sender = request.form.get("Body", "").strip().upper(), request.form.get("From", "")
        reply = MessagingResponse()
        if body in ("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"):
            store.sadd("tutorial:optouts", sender)
            reply.message("You are unsubscribed.")
        elif body in ("START", "YES", "UNSTOP"):
            store.srem("tutorial:optouts", sender)
            reply.message("You are resubscribed.")
        return Response(str(reply), mimetype="application/xml")

    return app
