"""Per-subscriber dialogue states and the subscriber record kept at the storage boundary."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Any

from .campaigns import LastSend
from .consent import overrides


class State(str, Enum):
    """Where a subscriber stands with one sender scope."""

    SUBSCRIBED = "subscribed"
    OPTED_OUT = "opted_out"
    AWAITING_REASON = "awaiting_reason"


OPTED_OUT_STATES = frozenset({State.OPTED_OUT, State.AWAITING_REASON})
NUMBER_FIELDS = ("opted_out_at", "opted_in_at", "awaiting_reason_until", "updated_at")
INT_FIELDS = ("seq",)
PLAIN_FIELDS = ("language", "channel", "opted_out_by", "reason", "reason_category", "campaign")
LAST_SEND_FIELD = "last"  # the record's field the send writes (store.campaigns)
DERIVED = ("last_send", "opted_out_anywhere_at")  # read with the record, never written by a consent change


@dataclass(frozen=True)
class Subscriber:
    """One number's standing with one scope (a Messaging Service or a sending number)."""

    scope: str
    number: str
    state: State = State.SUBSCRIBED
    language: str = "en"
    channel: str = ""
    opted_out_at: float | None = None
    opted_out_by: str = ""
    opted_in_at: float | None = None
    awaiting_reason_until: float | None = None
    reason: str = ""
    reason_category: str = ""
    updated_at: float | None = None
    seq: int = 0  # changes committed so far: the evidence's order, whatever the clocks say
    campaign: str = ""  # the campaign the current opt-out is attributed to (its reason counts there too)
    # the last campaign message sent (written by the send, never by a consent change: not in to_dict)
    last_send: LastSend | None = field(default=None, compare=False)
    # the number's newest opt-out in any scope, read from the same hash (never written: REVOKE_ALL)
    opted_out_anywhere_at: float | None = field(default=None, compare=False)

    @property
    def opted_out(self) -> bool:
        """True while nothing but the allowed replies may be sent."""
        return self.state in OPTED_OUT_STATES

    def revoked_anywhere(self, tie: float = 0.0) -> bool:
        """Did the number opt out in some scope at or after this record's own last consent change,
        or within `tie` before it? (REVOKE_ALL makes that block this scope too, until a START here.)"""
        revoked, own = self.opted_out_anywhere_at, [t for t in (self.opted_out_at, self.opted_in_at) if t is not None]
        return revoked is not None and (not own or not overrides(max(own), False, revoked, tie))

    def evolve(self, **changes: Any) -> Subscriber:
        """A changed copy; records are never mutated in place (TypeError for an unknown field)."""
        return replace(self, **changes)

    def as_of(self, now: float) -> Subscriber:
        """The record as it stands at `now`: an unanswered 'why?' stops waiting at its deadline."""
        deadline = self.awaiting_reason_until
        if self.state is State.AWAITING_REASON and deadline is not None and now > deadline:
            return self.evolve(state=State.OPTED_OUT, awaiting_reason_until=None)
        return self

    def to_dict(self) -> dict[str, str]:
        """Flat strings for a Redis hash (empty string stands for None)."""
        data = {f.name: getattr(self, f.name) for f in FIELDS if f.name not in DERIVED}  # not asdict: no deep copy
        data["state"] = self.state.value
        return {k: "" if v is None else str(v) for k, v in data.items()}

    @classmethod
    def from_dict(cls, data: Mapping[Any, Any], scope: str, number: str) -> Subscriber:
        """Rebuild from a Redis hash (bytes or str); an empty hash is a new subscriber."""
        text = {_s(k): _s(v) for k, v in data.items()}
        if not text:
            return cls(scope=scope, number=number)
        # keyword arguments by name (Any: mypy checks a ** dict against every parameter)
        numbers: dict[str, Any] = {k: float(text[k]) if text.get(k) else None for k in NUMBER_FIELDS}
        numbers.update({k: int(text[k]) if text.get(k) else 0 for k in INT_FIELDS})
        plain: dict[str, Any] = {k: text.get(k) or PLAIN_DEFAULTS[k] for k in PLAIN_FIELDS}  # stored as nothing
        state, last_send = State(text.get("state", "subscribed")), LastSend.from_field(text.get(LAST_SEND_FIELD, ""))
        return cls(scope=scope, number=number, state=state, **numbers, **plain, last_send=last_send)


FIELDS = fields(Subscriber)
PLAIN_DEFAULTS = {f.name: f.default for f in FIELDS if f.name in PLAIN_FIELDS}  # the store keeps a default as no field


def _s(value: Any) -> str:
    """Decode Redis bytes."""
    return value.decode() if isinstance(value, bytes) else str(value)
