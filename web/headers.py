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
    """No script may run, no page may be framed, nothing is sniffed; ops pages not cached. The
    headers a view did not set itself are added in one pass (not a scan of the headers each)."""
    https = str(current_app.config.get("PUBLIC_URL", "")).lower().startswith("https://")
    headers = response.headers
    present = {name.lower() for name in headers.keys()}
    headers.extend(
        [(name, value) for name, value in WANTED[response.mimetype == "text/html", https] if name.lower() not in present]
    )
    if request.path.startswith("/ops"):
        headers["Cache-Control"] = "no-store"
    return response


def _wanted(html: bool, https: bool) -> tuple[tuple[str, str], ...]:
    """Every header a response gets unless its view set it: always, HTML pages', https's HSTS."""
    wanted = {**ALWAYS, **(HTML_ONLY if html else {})}
    if https:
        wanted["Strict-Transport-Security"] = HSTS  # browsers must not fall back to http
    return tuple(wanted.items())


WANTED = {(html, https): _wanted(html, https) for html in (False, True) for https in (False, True)}


def init_app(app: Flask) -> None:
    app.after_request(secure)
