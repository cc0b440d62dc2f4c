"""Domain errors and their one mapping to HTTP answers (never a stack trace)."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException

from domain.errors import BadInbound  # raised by the domain, answered 400 here
from store.connection import OUTAGES  # the store's outages, answered 503 here

__all__ = [
    "OUTAGES",
    "BadInbound",
    "ServiceError",
    "SignatureRejected",
    "StoreFailed",
    "StoreUnavailable",
    "register_error_handlers",
]

log = logging.getLogger(__name__)


class ServiceError(Exception):
    """An error with an HTTP status and a message safe to show the caller."""

    status = 400
    headers: dict[str, str] = {}

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SignatureRejected(ServiceError):
    """The X-Twilio-Signature is missing or wrong."""

    status = 403


class StoreUnavailable(ServiceError):
    """Neither the store nor the journal could take the message: Twilio should retry."""

    status = 503


class StoreFailed(ServiceError):
    """Redis answered with an error (a command it refused): a bug or a misconfiguration, not an outage."""

    status = 500


def _plain(message: str, status: int, name: str = "") -> Response:
    """The error in the shape its caller reads: JSON under /api/, a page in the console's layout
    or a styled public page for a person, short text for machines (the webhook, probes)."""
    if request and request.path.startswith("/api/"):
        return Response(json.dumps({"error": message}) + "\n", status=status, mimetype="application/json")
    if request and request.path.startswith("/ops/") and "ops.log" in current_app.view_functions:
        html = render_template("ops/error.html", code=status, name=name or _reason(status), description=message)
        return Response(html, status=status, mimetype="text/html")
    if request and is_public_page(request.path) and "terms.home" in current_app.view_functions:
        return _public_page(status, message)
    return Response(message + "\n", status=status, mimetype="text/plain")


def _public_page(status: int, message: str) -> Response:
    """A person's way on, in the public pages' style (a server error's message is not shown)."""
    brand = current_app.config["BRAND_NAME"]
    page = (
        render_template("not_found.html", brand=brand)
        if status == 404
        else render_template(
            "error.html", brand=brand, code=status, name=_reason(status), description=message if status < 500 else ""
        )
    )
    return Response(page, status=status, mimetype="text/html")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def plain_answer(error: Exception) -> tuple[int, str, dict[str, str]]:
    """Status, message and headers for any error (logged here): the one mapping, shared by the
    Flask handlers of every route."""
    if isinstance(error, (ServiceError, BadInbound)):
        log.warning("%s: %s", type(error).__name__, error.message)
        return error.status, error.message, dict(getattr(error, "headers", {}))
    if isinstance(error, OUTAGES):
        log.warning("store unavailable: %r", error)
        return 503, "store unavailable; try again shortly", {}
    log.error("unexpected error", exc_info=error)
    return 500, "internal error (logged)", {}


MACHINE_PATHS = ("/api/", "/sms", "/metrics", "/healthz", "/readyz", "/ops")


def is_public_page(path: str) -> bool:
    """A URL a person may type or follow (not an API, the webhook, a probe or the console)."""
    return not path.startswith(MACHINE_PATHS)


def register_error_handlers(app: Flask) -> None:
    """Map every error to a clear HTTP answer in one place."""

    def answer(error: Exception) -> Response:
        status, message, headers = plain_answer(error)
        response = _plain(message, status)
        response.headers.update(headers)
        return response

    app.register_error_handler(Exception, answer)  # plain_answer tells the kinds apart

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        code = error.code or 500
        response = (
            _plain(str(error.description), code, error.name)
            if request.path.startswith("/ops/")
            else _plain(f"{error.code} {error.name}: {error.description}", code)
        )
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value  # e.g. Allow on 405
        return response
