"""The suppression-list API (/api/v1): may I text this number? the register; imports."""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from jsonschema import Draft202012Validator
from werkzeug.routing import BaseConverter

from domain import times
from domain.numbers import SCOPE_MAX, SCOPE_PATTERN, normalise_number, normalise_scope, sending_scope
from domain.privacy import mask
from domain.records import Subscriber
from service import OptOutService, bound
from service.consent import Consent
from service.importer import import_optouts
from service.journal import Journalled
from store.intent_log import CURSOR_PATTERN
from web import rate_limit
from web.errors import BadInbound, ServiceError

from .bodies import RegisterItem, RegisterPage, Standing, StatusBody
from .campaigns_api import ROUTES as CAMPAIGN_ROUTES
from .openapi import IMPORT_BODY, IMPORT_MAX_BYTES, NUMBER_PATTERN, STATUS_BODY, spec

MAX_PAGE = 500
BODY_VALIDATOR = Draft202012Validator(IMPORT_BODY)
STATUS_VALIDATOR = Draft202012Validator(STATUS_BODY)


class NoSuchNumber(ServiceError):
    """The path names nothing that could be a phone number."""

    status = 404


class Unauthorized(ServiceError):
    """No valid bearer token."""

    status = 401
    headers = {"WWW-Authenticate": 'Bearer realm="optout-api"'}


QUERY_PARAMETERS = {"register_page": {"since", "cursor", "limit"}, "optout_status_by_path": {"scope"}}


def reject_unknown_query(endpoint: str) -> None:
    """A typo in a parameter name is an error, not a silently wider answer."""
    unknown = set(request.args) - QUERY_PARAMETERS.get(endpoint, set())
    if unknown:
        raise BadInbound(f"unknown query parameter(s): {', '.join(sorted(unknown))[:100]}")


def bearer_valid(tokens: list[str]) -> bool:
    """Whether the request carries `Authorization: Bearer <one of tokens>` (compared in constant
    time; no tokens means nothing is valid). The API and /metrics both ask this."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    valid = [hmac.compare_digest(token.encode(), t.encode()) for t in tokens]
    return scheme.lower() == "bearer" and any(valid)


def require_token(view: Callable[..., Any]) -> Callable[..., Any]:
    """Every API call needs `Authorization: Bearer <one of API_TOKENS>`."""

    @wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        tokens = [t.strip() for t in current_app.config["API_TOKENS"].split(",") if t.strip()]
        if not bearer_valid(tokens):
            raise Unauthorized("a valid bearer token is required")
        reject_unknown_query(view.__name__)
        return view(*args, **kwargs)

    return guarded


def default_scope() -> str:
    """The sending scope when the caller names none."""
    scope = sending_scope(current_app.config)
    if scope is None:
        raise BadInbound("scope is required (no TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM set)")
    return scope


def scoped(raw: str | None) -> str:
    """The caller's scope, validated, or the default sending scope when none was given."""
    if raw is None:
        return default_scope()
    if len(raw) > SCOPE_MAX or not re.fullmatch(SCOPE_PATTERN, raw):
        raise BadInbound("scope must be a Messaging Service SID or a sending number")
    return normalise_scope(raw, current_app.config["DEFAULT_REGION"])


def init_app(app: Flask) -> None:
    """/api/v1 on the app's service; every route wants a bearer token."""
    app.url_map.converters.setdefault("dialled", DialledConverter)
    bp = Blueprint("api", __name__, url_prefix="/api/v1")
    rate_limit.guard(bp)
    for rule, view, method in ROUTES:
        bp.add_url_rule(rule, view_func=bound(require_token(view)), methods=[method])
    bp.add_url_rule("/openapi.json", view_func=require_token(openapi), methods=["GET"])
    app.register_blueprint(bp)


def optout_status(service: OptOutService) -> Response:
    """May I text this number in this scope? The number comes in the body, never the URL."""
    body = json_body()
    error = next(iter(STATUS_VALIDATOR.iter_errors(body)), None) if body is not None else True
    if error is not None or body is None:
        raise BadInbound(
            'expected JSON {"number": "+14155550100", "scope": "…"}'
            + (f": {getattr(error, 'message', '')[:120]}" if error is not True else "")
        )
    return status_of(service, body["number"], body.get("scope"))


def status_of(service: OptOutService, number: str, raw_scope: str | None) -> Response:
    """The answer both forms of the look-up give."""
    try:
        address = normalise_number(number, current_app.config["DEFAULT_REGION"])
    except BadInbound as problem:
        raise NoSuchNumber(problem.message) from None
    scope = scoped(raw_scope)
    record = service.store.load(scope, address)
    consent = service.consent(scope, address, record)  # the store and the journal, merged
    known = consent.pending_write or scope in service.store.scopes_of(address)
    body: StatusBody = {"number": address, "scope": scope, "known": known, **standing(consent, record)}
    return jsonify(body)


def standing(consent: Consent, record: Subscriber) -> Standing:
    """The merged consent as the API shows it: a journalled decision marked, with its evidence."""
    evidence = consent.evidence
    channel = evidence["channel"] if evidence is not None else record.channel
    return {
        "opted_out": consent.opted_out,
        "pending_write": consent.pending_write,
        "since": times.iso_or_none(consent.changed_at) if consent.opted_out else None,
        "channel": channel if consent.opted_out else None,
        "evidence": evidence,
    }


class DialledConverter(BaseConverter):
    """A path part with a digit in it: an old-style number, never a word like 'status'."""

    regex = r"[^/]*[0-9][^/]*"


def optout_status_by_path(service: OptOutService, number: str) -> Response:
    """The same look-up with the number in the path: kept for existing clients, marked
    deprecated (access logs keep paths: see SECURITY.md); new clients POST the number."""
    if not re.fullmatch(NUMBER_PATTERN, number):
        raise NoSuchNumber(f"not a phone number: {mask(number[:20])!r}")
    answer = status_of(service, number, request.args.get("scope"))
    answer.headers["Deprecation"] = "true"
    answer.headers["Link"] = '</api/v1/optouts/status>; rel="successor-version"'
    return answer


def register_page(service: OptOutService) -> Response:
    """The register of consent changes, oldest first, paginated by an opaque cursor."""
    since = parse_since(request.args.get("since"))
    limit = parse_int(request.args.get("limit"), 100, 1, MAX_PAGE)
    cursor = request.args.get("cursor")
    if cursor is not None and not re.fullmatch(CURSOR_PATTERN, cursor):
        raise BadInbound("cursor is not one this API gave out")
    log = service.intent_log
    try:
        rows, cursor = log.register_page(cursor, since, limit)
    except ValueError as error:
        raise BadInbound(str(error)) from None
    items: list[RegisterItem] = [
        {
            "number": e["number"],
            "scope": e["scope"],
            "event": e["event"],
            "time": times.iso_or_none(e["time"]),
            "channel": e["channel"],
            "source": e["source"],
            "message_sid": e["message_sid"],
            "pending_write": False,
        }
        for e in rows
    ]
    body: RegisterPage = {"items": items, "next_cursor": cursor, "pending": pending_items(service, since)}
    return jsonify(body)


def pending_items(service: OptOutService, since: float) -> list[RegisterItem]:
    """Opt-outs still in the journal, on every page: not in the register (nor its cursor) until
    replayed, and then only there (pending_opt_outs drops what the store has taken)."""
    return [pending_item(j) for j in service.pending_opt_outs() if j.message.now >= since]


def pending_item(journalled: Journalled) -> RegisterItem:
    """A journalled opt-out in the register's shape, marked pending_write."""
    m, source = journalled.message, journalled.intent.source.value if journalled.intent else ""
    return {
        "number": m.number,
        "scope": m.scope,
        "event": "opted_out",
        "time": times.iso(m.now),
        "channel": m.channel,
        "source": source,
        "message_sid": m.message_sid,
        "pending_write": True,
    }


def json_body() -> Any:
    """The request's JSON, or None when it is not JSON or nests deeper than the parser's stack
    (json.loads raises RecursionError: an answer of 400, not 500)."""
    try:
        return json.loads(request.get_data())
    except (ValueError, RecursionError):
        return None


def import_register(service: OptOutService) -> tuple[Response, int]:
    """Import opt-outs gathered elsewhere (e.g. a carrier's opt-out export)."""
    request.max_content_length = IMPORT_MAX_BYTES  # the app's 64 KiB is the webhook's measure
    body = json_body()
    error = next(iter(BODY_VALIDATOR.iter_errors(body)), None) if body is not None else True
    if error is not None or body is None:
        where = "/".join(map(str, getattr(error, "absolute_path", []))) or "body"
        raise BadInbound(
            f'expected JSON {{"source": ..., "optouts": [{{"number": ...}}]}}: '
            f"{where}: {getattr(error, 'message', 'not JSON')[:200]}"
        )
    source = str(body.get("source") or "api")
    rows = body["optouts"]
    summary = import_optouts(service, rows, source, scoped, current_app.config["DEFAULT_REGION"])
    return jsonify(summary), 200


def openapi() -> Response:
    """This API's OpenAPI 3.1 description."""
    return jsonify(spec())


ROUTES: list[tuple[str, Callable[..., Any], str]] = [
    ("/optouts/status", optout_status, "POST"),
    ("/optouts/<dialled:number>", optout_status_by_path, "GET"),
    ("/optouts", register_page, "GET"),
    ("/optouts", import_register, "POST"),
    *CAMPAIGN_ROUTES,
]


def parse_since(raw: str | None) -> float:
    """Unix seconds (0 to 1e11); absent means the beginning."""
    if raw is None:
        return 0.0
    try:
        return times.unix_seconds(raw)
    except ValueError as error:
        raise BadInbound(f"since: {error}") from None


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
