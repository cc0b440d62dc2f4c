"""X-Twilio-Signature verification over the public URL Twilio called, with Twilio's own
RequestValidator (it tries the URL with and without its port, as Twilio signs either)."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from twilio.request_validator import RequestValidator, get_signature_algorithm
from werkzeug.datastructures import MultiDict
from werkzeug.wsgi import get_current_url

from web.errors import SignatureRejected

log = logging.getLogger(__name__)
Environ = Mapping[str, Any]


def public_url(environ: Environ, configured: str) -> str:
    """The URL Twilio signed: PUBLIC_URL + path + query when set, else the request URL."""
    if not configured:
        return get_current_url(environ)  # type: ignore[arg-type]
    query = _text(environ.get("QUERY_STRING", ""))  # undecodable: a URL Twilio did not sign
    path = "/" + _text(environ.get("PATH_INFO", "")).lstrip("/")
    return configured.rstrip("/") + path + (f"?{query}" if query else "")


def _text(wsgi_string: str) -> str:
    """A WSGI environ string (bytes as latin-1) as the UTF-8 text it carries."""
    return wsgi_string.encode("latin-1").decode(errors="replace")


class Signed:
    """werkzeug's form as twilio's validator reads it first (`getall`, every value of a name):
    handed a MultiDict, the validator raises and catches an AttributeError per field and URL
    variant before it finds `getlist`."""

    def __init__(self, form: MultiDict[str, str]) -> None:
        self.form = form

    def __iter__(self) -> Iterator[str]:
        return iter(self.form)

    def __len__(self) -> int:
        return len(self.form)

    def getall(self, name: str) -> list[str]:
        return self.form.getlist(name)


@lru_cache(maxsize=4)
def validator(token: str) -> RequestValidator:
    """Twilio's validator for a token (it holds only the token's bytes)."""
    return RequestValidator(token)


def verify(config: Mapping[str, Any], environ: Environ, form: MultiDict[str, str]) -> None:
    """Raise SignatureRejected unless the request carries Twilio's valid signature (every value
    of a repeated name is signed: the validator reads the form's getlist)."""
    if not config["TWILIO_VALIDATE"]:
        log.warning("TWILIO_VALIDATE is off: accepting an UNSIGNED webhook (development only)")
        return
    token = config["TWILIO_AUTH_TOKEN"]
    if not token:
        raise SignatureRejected("TWILIO_AUTH_TOKEN is not configured; refusing the webhook")
    signature = environ.get("HTTP_X_TWILIO_SIGNATURE", "")
    if not signature:
        raise SignatureRejected("missing X-Twilio-Signature")
    url = public_url(environ, config["PUBLIC_URL"])
    try:  # an algorithm Twilio does not have is as bad as a wrong signature
        algorithm = get_signature_algorithm(environ.get("HTTP_X_TWILIO_WEBHOOKS_SIGNATURE_SETTINGS"))
        valid = validator(token).validate(url, Signed(form), signature, algorithm)
    except ValueError:
        valid = False
    if not valid:
        raise SignatureRejected("invalid X-Twilio-Signature")
