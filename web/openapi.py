"""The OpenAPI 3.1 description of /api/v1 (the server validates bodies against it; a
schemathesis test keeps it true)."""

from __future__ import annotations

from domain.events import REGISTER_EVENTS
from domain.numbers import SCOPE_MAX, SCOPE_PATTERN
from domain.times import MAX_UNIX

from .json_value import JSON, Object
from .openapi_campaigns import campaign_paths

ERROR_BODY: Object = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
ERROR: Object = {"description": "error", "content": {"application/json": {"schema": ERROR_BODY}}}
RATE_LIMITED: Object = {
    "description": "too many requests: this token made more than API_RATE_LIMIT requests "
    "this minute; retry after the seconds Retry-After says",
    "headers": {
        "Retry-After": {"description": "seconds until the token's minute ends", "schema": {"type": "integer", "minimum": 1}}
    },
    "content": {"application/json": {"schema": ERROR_BODY}},
}
DESCRIPTION = (
    "Every call needs `Authorization: Bearer <token>` (one of API_TOKENS). Each token may make "
    "API_RATE_LIMIT requests a minute (default 600, a fixed window per token); beyond that the "
    'answer is 429 with a `Retry-After` header. Every error is JSON: `{"error": "…"}`.'
)
NULLABLE_STRING: Object = {"type": ["string", "null"]}
NUMBER_PATTERN = r"^[0-9+() .-]{3,32}$"
from store.intent_log import CURSOR_PATTERN  # noqa: E402  (one definition)

MAX_IMPORT = 100
# the largest schema-valid import, every character JSON-escaped as a surrogate pair (12 bytes):
# the import route's body limit, so that no valid request meets the app's 64 KiB one
IMPORT_MAX_BYTES = MAX_IMPORT * (32 + 64 + 200 + 64) * 12 + 64 * 1024

IMPORT_ROW: Object = {
    "type": "object",
    "required": ["number"],
    "properties": {
        "number": {"type": "string", "maxLength": 32},
        "scope": {"type": "string", "pattern": SCOPE_PATTERN, "maxLength": SCOPE_MAX},
        "text": {"type": "string", "maxLength": 200},
    },
}
IMPORT_BODY: Object = {
    "type": "object",
    "required": ["optouts"],
    "properties": {
        "source": {"type": "string", "maxLength": 64},
        "optouts": {"type": "array", "items": IMPORT_ROW, "maxItems": MAX_IMPORT},
    },
}


def _register_item() -> Object:
    props: Object = {k: {"type": "string"} for k in ("number", "scope", "event", "time", "channel", "source", "message_sid")}
    events: list[JSON] = [*sorted(REGISTER_EVENTS)]
    props["event"] = {"type": "string", "enum": events}
    props["pending_write"] = PENDING_WRITE
    return {"type": "object", "required": list(props), "properties": props}


PENDING_WRITE: Object = {
    "type": "boolean",
    "description": "decided by a message kept in the journal while the "
    "store was unreachable, not yet written to the store (it is replayed there)",
}
EVIDENCE: Object = {
    "type": ["object", "null"],
    "required": ["text", "message_sid", "channel", "decided_by", "time"],
    "description": "while pending_write: the journalled message that decides (the register "
    "holds the evidence of a stored decision); null otherwise",
    "properties": {k: {"type": "string"} for k in ("text", "message_sid", "channel", "decided_by", "time")},
}


def _json(schema: Object, description: str = "ok") -> Object:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


STATUS_BODY: Object = {
    "type": "object",
    "required": ["number"],
    "additionalProperties": False,
    "properties": {
        "number": {"type": "string", "pattern": NUMBER_PATTERN, "description": "any common format: +14155550100, (415) 555-0100"},
        "scope": {
            "type": "string",
            "pattern": SCOPE_PATTERN,
            "maxLength": SCOPE_MAX,
            "description": "Messaging Service SID or sending number; default: the sender's",
        },
    },
}


def spec() -> Object:
    """The document served at /api/v1/openapi.json."""
    status: Object = {
        "type": "object",
        "required": ["number", "scope", "opted_out", "known", "since", "channel", "pending_write", "evidence"],
        "properties": {
            "number": {"type": "string"},
            "scope": {"type": "string"},
            "opted_out": {"type": "boolean"},
            "known": {"type": "boolean"},
            "since": NULLABLE_STRING,
            "channel": NULLABLE_STRING,
            "pending_write": PENDING_WRITE,
            "evidence": EVIDENCE,
        },
    }
    page: Object = {
        "type": "object",
        "required": ["items", "next_cursor", "pending"],
        "properties": {
            "items": {"type": "array", "items": _register_item()},
            "next_cursor": NULLABLE_STRING,
            "pending": {
                "type": "array",
                "items": _register_item(),
                "description": "opt-outs still in the journal (pending_write), on "
                "every page; once replayed they are in items instead",
            },
        },
    }
    summary: Object = {
        "type": "object",
        "required": ["imported", "already", "invalid"],
        "properties": {
            "imported": {"type": "integer"},
            "already": {"type": "integer"},
            "invalid": {"type": "array", "items": {"type": "object"}},
        },
    }
    errors: Object = {"400": ERROR, "401": ERROR, "429": RATE_LIMITED}
    return {
        "openapi": "3.1.0",
        "info": {"title": "SMS opt-out suppression list", "version": "1.0.0", "description": DESCRIPTION},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/optouts/{number}": {
                "get": {
                    "summary": "The same look-up with the number in the path (deprecated: access logs keep paths)",
                    "deprecated": True,
                    "parameters": [
                        {
                            "name": "number",
                            "in": "path",
                            "required": True,
                            "description": "any common format: +14155550100, (415) 555-0100",
                            "schema": {"type": "string", "pattern": NUMBER_PATTERN},
                        },
                        {
                            "name": "scope",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "pattern": SCOPE_PATTERN, "maxLength": SCOPE_MAX},
                        },
                    ],
                    "responses": {"200": _json(status), "404": ERROR, **errors},
                }
            },
            "/api/v1/optouts/status": {
                "post": {
                    "summary": "May this number be texted in this scope? (the number in the body: "
                    "never in a URL, where access logs would keep it)",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": STATUS_BODY}}},
                    "responses": {"200": _json(status), "404": ERROR, **errors},
                }
            },
            "/api/v1/optouts": {
                "get": {
                    "summary": "The register of consent changes, oldest first, paginated",
                    "parameters": [
                        {
                            "name": "since",
                            "in": "query",
                            "description": "unix seconds",
                            "schema": {"type": "number", "minimum": 0, "maximum": MAX_UNIX},
                        },
                        {
                            "name": "cursor",
                            "in": "query",
                            "description": "a next_cursor",
                            "schema": {"type": "string", "pattern": CURSOR_PATTERN},
                        },
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}},
                    ],
                    "responses": {"200": _json(page), **errors},
                },
                "post": {
                    "summary": "Import opt-outs gathered elsewhere",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": IMPORT_BODY}}},
                    "responses": {"200": _json(summary), "413": ERROR, **errors},
                },
            },
            **campaign_paths(errors, ERROR, _json),
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This document",
                    "responses": {"200": _json({"type": "object"}), "401": ERROR, "429": RATE_LIMITED},
                }
            },
        },
    }
