"""X-Twilio-Signature verification over the public URL Twilio called."""
from __future__ import annotations

import logging
from urllib.parse import urlparse

from flask import Request, current_app
from twilio.request_validator import (
    RequestValidator,
    add_port,
    compare,
    get_signature_algorithm,
    remove_port,
)
from werkzeug.datastructures import MultiDict

from web.errors import SignatureRejected

log = logging.getLogger(__name__)


def public_url(request: Request, configured: str) -> str:
    """The URL Twilio signed: PUBLIC_URL + path + query when set, else the request URL."""
    if not configured:
        return request.url
    query = request.query_string.decode()
    return configured.rstrip("/") + request.path + (f"?{query}" if query else "")


def verify(request: Request) -> None:
    """Raise SignatureRejected unless the request carries Twilio's valid signature."""
    config = current_app.config
    if not config["TWILIO_VALIDATE"]:
        log.warning("TWILIO_VALIDATE is off: accepting an UNSIGNED webhook (development only)")
        return
    token = config["TWILIO_AUTH_TOKEN"]
    if not token:
        raise SignatureRejected("TWILIO_AUTH_TOKEN is not configured; refusing the webhook")
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        raise SignatureRejected("missing X-Twilio-Signature")
    url = public_url(request, config["PUBLIC_URL"])
    try:  # an algorithm Twilio does not have is as bad as a wrong signature
        algorithm = get_signature_algorithm(request.headers.get("X-Twilio-Webhooks-Signature-Settings"))
        valid = signed_by_twilio(RequestValidator(token), url, request.form, signature, algorithm)
    except ValueError:
        valid = False
    if not valid:
        raise SignatureRejected("invalid X-Twilio-Signature")


def signed_by_twilio(validator: RequestValidator, url: str, form: MultiDict[str, str], signature: str,
                     algorithm: str | None) -> bool:
    """Twilio's own check (its signature of the URL without, then with, the port), computing the
    second HMAC only when the first does not match: one HMAC for nearly every request."""
    parsed = urlparse(url)
    return any(compare(validator.compute_signature(candidate, form, algorithm), signature)
               for candidate in dict.fromkeys([remove_port(parsed), add_port(parsed)]))
