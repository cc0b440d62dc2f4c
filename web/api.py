"""The suppression-list API (/api/v1): may I text this number? the register; imports."""
from __future__ import annotations

import hmac
from datetime import datetime, timezone
from functools import wraps
from typing import Any, Callable

from flask import Blueprint, current_app, jsonify, request

from errors import BadInbound, ServiceError
from imports import import_optouts
from store.subscribers import SubscriberStore

from .openapi import spec
from .senders import normalise_scope, normalise_sender, sending_scope

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_PAGE = 500
MAX_IMPORT = 1000


class Unauthorized(ServiceError):
    """No valid bearer token."""

    status = 401


def require_token(view: Callable) -> Callable:
    """Every API call needs `Authorization: Bearer <one of API_TOKENS>`."""
    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        tokens = [t.strip() for t in current_app.config["API_TOKENS"].split(",") if t.strip()]
        given = request.headers.get("Authorization", "")
        scheme, _, token = given.partition(" ")
        valid = [hmac.compare_digest(token.encode(), t.encode()) for t in tokens]
        if scheme.lower() != "bearer" or not any(valid):
            raise Unauthorized("a valid bearer token is required")
        return view(*args, **kwargs)
    return guarded


def store() -> SubscriberStore:
    return current_app.extensions["optout_service"]().store


def default_scope() -> str:
    """The sending scope when the caller names none."""
    scope = sending_scope(current_app.config)
    if scope is None:
        raise BadInbound("scope is required (no TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM set)")
    return scope


def scoped(raw: str | None) -> str:
    """The caller's scope, validated, or the default sending scope."""
    return normalise_scope(raw, current_app.config["DEFAULT_REGION"]) if raw else default_scope()


def iso(timestamp: float | None) -> str | None:
    """Unix time as ISO 8601 UTC."""
    return datetime.fromtimestamp(timestamp, timezone.utc).isoformat() if timestamp else None


@bp.get("/optouts/<path:number>")
@require_token
def optout_status(number: str):
    """May I text this number in this scope?"""
    address = normalise_sender(number, current_app.config["DEFAULT_REGION"]).address
    scope = scoped(request.args.get("scope"))
    record = store().load(scope, address)
    return jsonify({"number": address, "scope": scope, "opted_out": record.opted_out,
                    "since": iso(record.opted_out_at) if record.opted_out else None,
                    "channel": record.channel if record.opted_out else None})


@bp.get("/optouts")
@require_token
def register_page():
    """The register of consent changes, oldest first, paginated by an opaque cursor."""
    since = parse_since(request.args.get("since"))
    limit = parse_int(request.args.get("limit"), 100, 1, MAX_PAGE)
    log = current_app.extensions["optout_service"]().intent_log
    try:
        rows, cursor = log.register_page(request.args.get("cursor"), since, limit)
    except ValueError as error:
        raise BadInbound(str(error)) from None
    items = [{"number": e["number"], "scope": e["scope"], "event": e["event"],
              "time": iso(e["time"]), "channel": e["channel"], "source": e["source"],
              "message_sid": e["message_sid"]} for e in rows]
    return jsonify({"items": items, "next_cursor": cursor})


@bp.post("/optouts")
@require_token
def import_register():
    """Import opt-outs gathered elsewhere (e.g. a carrier's opt-out export)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("optouts"), list):
        raise BadInbound('expected JSON {"source": ..., "optouts": [{"number": ...}, ...]}')
    source = str(body.get("source") or "api")[:64]
    rows = body["optouts"]
    if len(rows) > MAX_IMPORT:
        raise BadInbound(f"at most {MAX_IMPORT} opt-outs per request")
    if not all(isinstance(row, dict) for row in rows):
        raise BadInbound("every opt-out must be an object with a number")
    summary = import_optouts(current_app.extensions["optout_service"](), rows, source,
                             scoped, current_app.config["DEFAULT_REGION"])
    return jsonify(summary), 200


@bp.get("/openapi.json")
@require_token
def openapi():
    """This API's OpenAPI 3.1 description."""
    return jsonify(spec())


def parse_since(raw: str | None) -> float:
    """Unix seconds or ISO 8601; absent means the beginning."""
    if not raw:
        return 0.0
    try:
        return float(raw)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BadInbound("since must be unix seconds or ISO 8601") from None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).timestamp()


def parse_int(raw: str | None, default: int, low: int, high: int) -> int:
    """A bounded integer query parameter."""
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadInbound("limit must be a whole number") from None
    if not low <= value <= high:
        raise BadInbound(f"limit must be between {low} and {high}")
    return value
