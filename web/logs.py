"""JSON logs (LOG_FORMAT=json) with python-json-logger, and a request id and MessageSid on every
record logged during a request, so one message's lines can be found together. Phone numbers are
never put on a record here: the MessageSid and the request id are checked to be short tokens."""

from __future__ import annotations

import logging
import re
import secrets

from flask import Flask, Response, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
DIGIT_RUN = re.compile(r"\d{7}")  # a phone number's digits: such an id is not taken as given
TWILIO_SID = re.compile(r"[A-Z]{2}[0-9a-fA-F]{32}")  # Twilio's shape: "SM" and 32 hex digits
SMS_PATH = "/sms"  # web.webhook.PATH, not imported: gunicorn's master loads this module light
FIELDS = {"levelname": "level", "name": "logger", "exc_info": "error"}


def json_formatter() -> logging.Formatter:
    """time, level, logger, message, the whole traceback as `error`, and every `extra=` field
    (also named in gunicorn.conf.py's logconfig_dict, so gunicorn's lines look the same)."""
    return JsonFormatter("{levelname}{name}{message}", style="{", rename_fields=FIELDS, timestamp="time", json_ensure_ascii=False)


class RequestContext(logging.Filter):
    """Puts the request id, and on POST /sms the MessageSid, on each record (outside a request:
    nothing), so a handler's lines carry them without every call passing them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context():
            record.request_id = g.get("request_id")
            if g.get("message_sid"):
                record.message_sid = g.message_sid
        return True


def request_id(given: str | None) -> str:
    """The caller's X-Request-Id when it is a short safe token, else a new one."""
    if given and REQUEST_ID.fullmatch(given) and not DIGIT_RUN.search(given):
        return given
    return secrets.token_hex(16)  # 32 hex digits, as uuid4().hex gave, without building a UUID


def start_request() -> None:
    """Before every request: its id, and for Twilio's webhook the MessageSid it carries."""
    g.request_id = request_id(request.headers.get("X-Request-Id"))
    if request.method == "POST" and request.path == SMS_PATH:
        sid = request.form.get("MessageSid", "")
        if TWILIO_SID.fullmatch(sid):
            g.message_sid = sid


def tag_response(response: Response) -> Response:
    """The request id goes back to the caller, to quote when reporting a problem."""
    if "request_id" in g:
        response.headers["X-Request-Id"] = g.request_id
    return response


def use_json(root: logging.Logger | None = None) -> logging.Handler:
    """One JSON object a line on stderr for every logger (replacing the root's handlers)."""
    root = root or logging.getLogger()
    handler = logging.StreamHandler()
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestContext())
    root.handlers = [handler]
    root.setLevel(logging.INFO)
    return handler


def init_app(app: Flask) -> None:
    """Request ids on every request and answer; JSON logs when LOG_FORMAT=json."""
    app.before_request(start_request)
    app.after_request(tag_response)
    if app.config["LOG_FORMAT"] == "json":
        use_json()
