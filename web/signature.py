"""X-Twilio-Signature verification over the public URL Twilio called (plain WSGI, no Flask:
the lean POST /sms path and the Flask view check the same way)."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from twilio.request_validator import (
    RequestValidator,
    add_port,
    compare,
    get_signature_algorithm,
    remove_port,
)
from werkzeug.wsgi import get_current_url

from web.errors import SignatureRejected

log = logging.getLogger(__name__)
Environ = Mapping[str, Any]


class Fields(dict[str, list[str]]):
    """A form's every value per name, in the order sent: Twilio signs every value of a
    repeated name, so a plain dict of first values would check something else."""

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Fields:
        fields = cls()
        for name, value in pairs:
            fields.setdefault(name, []).append(value)
        return fields

    def getall(self, name: str) -> list[str]:
        """What Twilio's validator asks a multi-valued form for."""
        return self[name]

    def first(self) -> dict[str, str]:
        """The first value of each name (what werkzeug's MultiDict.to_dict gives)."""
        return {name: values[0] for name, values in self.items()}


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


def verify(config: Mapping[str, Any], environ: Environ, fields: Fields) -> None:
    """Raise SignatureRejected unless the request carries Twilio's valid signature."""
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
        valid = signed_by_twilio(RequestValidator(token), url, fields, signature, algorithm)
    except ValueError:
        valid = False
    if not valid:
        raise SignatureRejected("invalid X-Twilio-Signature")


def signed_by_twilio(validator: RequestValidator, url: str, fields: Fields, signature: str,
                     algorithm: str | None) -> bool:
    """Twilio's own check (its signature of the URL without and with the port), computing the
    second HMAC only when the first does not match: one HMAC for nearly every request."""
    return any(compare(validator.compute_signature(candidate, fields, algorithm), signature)
               for candidate in signed_urls(url))


@lru_cache(maxsize=64)  # one public URL, or a few with query strings: parsed once
def signed_urls(url: str) -> tuple[str, ...]:
    """The two URLs Twilio's validator accepts, the one as written first (what the Twilio
    console was most likely given, so the first HMAC matches); the same once when they are one."""
    parsed = urlparse(url)
    variants = [remove_port(parsed), add_port(parsed)]
    return tuple(dict.fromkeys(variants[::-1] if parsed.port else variants))
