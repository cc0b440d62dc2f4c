"""The one shape of a log entry, named by every layer that passes one on: the service builds
it, the store writes and reads it (store/entries.py), the console, the exports and the feed
read it. (No `from __future__ import annotations`: Required is then seen at run time too.)"""

from typing import Required, TypedDict


class LogEntry(TypedDict, total=False):
    """One decision, from the service through the store to the console and the exports (a dict
    at run time: no conversion on the webhook's path). `unpack` gives every field; the service's
    own entry gets campaign, then seq and id from the store; a retry whose log line expired has
    only the required ones. Every field but id is in store.entries.FIELDS, the order they are stored in."""

    id: str  # the global id '<bucket>-<ms>-<seq>', once stored
    time: float
    scope: Required[str]
    number: Required[str]
    channel: str
    text: str
    message_sid: str
    carrier_action: str
    intent: str  # an IntentName
    confidence: float
    language: str
    source: str  # a domain.events.Source
    detail: str
    flagged: bool
    all_scopes: bool
    state_before: str
    state_after: Required[str]
    event: Required[str]  # a domain.events.Event
    reply: Required[str | None]
    reason_category: str
    seq: int
    campaign: str
