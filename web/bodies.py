"""The API's answers as built (web/api.py) and as described (web/openapi.py): a test keeps the
two in step, field for field."""

from __future__ import annotations

from typing import TypedDict


class Standing(TypedDict):
    """The merged consent of one number in one scope."""

    opted_out: bool
    pending_write: bool  # decided by a journalled message the store has not taken yet
    since: str | None  # ISO 8601 UTC, while opted out
    channel: str | None  # how the opt-out came, while opted out
    evidence: dict[str, str] | None  # while pending_write: the journalled message (service.consent.evidence_of)


class StatusBody(Standing):
    """POST /api/v1/optouts/status and GET /api/v1/optouts/{number}."""

    number: str
    scope: str
    known: bool


class RegisterItem(TypedDict):
    """One consent change of the register, or a journalled opt-out in its shape."""

    number: str
    scope: str
    event: str
    time: str | None
    channel: str
    source: str
    message_sid: str
    pending_write: bool


class RegisterPage(TypedDict):
    """GET /api/v1/optouts."""

    items: list[RegisterItem]
    next_cursor: str | None
    pending: list[RegisterItem]
