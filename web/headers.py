"""Security headers on every HTML page; ops pages (personal data) are never stored by caches;
HSTS whenever the service is published over https."""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
ALWAYS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
HTML_ONLY = {"Content-Security-Policy": CSP, "X-Frame-Options": "DENY"}
HSTS = "max-age=31536000"  # a year; no includeSubDomains: the business's other hosts are not ours to pin


def secure(response: Response) -> Response:
    """No script may run, no page may be framed, nothing is sniffed; ops pages not cached."""
    for name, value in ALWAYS.items():
        response.headers.setdefault(name, value)
    if response.mimetype == "text/html":
        for name, value in HTML_ONLY.items():
            response.headers.setdefault(name, value)
    if request.path.startswith("/ops"):
        response.headers["Cache-Control"] = "no-store"
    if str(current_app.config.get("PUBLIC_URL", "")).lower().startswith("https://"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)  # browsers must not fall back to http
    return response


def init_app(app: Flask) -> None:
    app.after_request(secure)
