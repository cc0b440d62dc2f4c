"""The OpenAPI description of /api/v1/campaigns (web/openapi.py puts it in the document)."""

from __future__ import annotations

from collections.abc import Callable

from domain.campaigns import NAME

from .json_value import Object

COUNT: Object = {"type": "integer", "minimum": 0}
WHEN: Object = {"type": ["string", "null"], "description": "ISO 8601 UTC; null when nothing was sent"}
CAMPAIGN: Object = {
    "type": "object",
    "required": ["name", "sent", "delivered", "failed", "opted_out", "opt_out_rate", "reasons", "first_sent", "last_sent"],
    "properties": {
        "name": {"type": "string"},
        "sent": COUNT,
        "delivered": {**COUNT, "description": "final status 'delivered' (Twilio's StatusCallback)"},
        "failed": {**COUNT, "description": "final status 'failed' or 'undelivered'"},
        "opted_out": {**COUNT, "description": "opt-outs within ATTRIBUTION_WINDOW_DAYS of this campaign's message"},
        "opt_out_rate": {"type": "number", "minimum": 0, "maximum": 1, "description": "opted_out / sent (0 before a send)"},
        "reasons": {
            "type": "object",
            "additionalProperties": COUNT,
            "description": "reason category → how often it was given after an opt-out of this campaign",
        },
        "first_sent": WHEN,
        "last_sent": WHEN,
    },
}
NAME_PARAMETER: Object = {
    "name": "name",
    "in": "path",
    "required": True,
    "description": "the campaign's name as `flask send --campaign` took it (URL-encoded: spring%20sale)",
    "schema": {"type": "string", "pattern": NAME.pattern},
}


def campaign_paths(errors: Object, not_found: Object, ok: Callable[[Object], Object]) -> Object:
    """The two campaign routes in the document's own terms: `ok(schema)` its 200 answer,
    `errors` its 400/401/429, `not_found` its 404."""
    return {
        "/api/v1/campaigns": {
            "get": {
                "summary": "Every campaign's sends, opt-outs, rate and reasons, the latest send first",
                "responses": {"200": ok({"type": "array", "items": CAMPAIGN}), **errors},
            }
        },
        "/api/v1/campaigns/{name}": {
            "get": {
                "summary": "One campaign (404 when nothing was sent under that name)",
                "parameters": [NAME_PARAMETER],
                "responses": {"200": ok(CAMPAIGN), "404": not_found, **errors},
            }
        },
    }
