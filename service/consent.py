"""One consent truth: the store's record and the journal's newest decision, merged by time.

Every reader that must know whether a number may be texted (the send guard, the API, the CLI,
the console, the exports) asks `merged`, so no view can disagree with another: the change made
later wins, whichever side holds it; on a tie (closer than CONSENT_TIE_MS) the opt-out wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.consent import overrides
from domain.records import Subscriber
from domain.times import iso
from handlers.actions import decided_by

from .journal import Journalled

__all__ = ["Consent", "evidence_of", "last_change", "merged", "overrides"]


@dataclass(frozen=True)
class Consent:
    """Whether a number is opted out, since when, and whether that waits in the journal."""

    opted_out: bool
    changed_at: float | None  # when the deciding change was made (None: never changed)
    pending: Journalled | None = None  # the journalled message deciding it, not yet in the store

    @property
    def pending_write(self) -> bool:
        """Decided by a message the store has not taken yet (shown as 'pending write')."""
        return self.pending is not None

    @property
    def evidence(self) -> dict[str, str] | None:
        """The pending message itself, so every view can show why (None: the store decides)."""
        return evidence_of(self.pending) if self.pending is not None else None


def evidence_of(journalled: Journalled) -> dict[str, str]:
    """What a journalled decision rests on: the exact text, its MessageSid, the rule, when sent."""
    message, intent = journalled.message, journalled.intent
    return {
        "text": message.text,
        "message_sid": message.message_sid,
        "channel": message.channel,
        "decided_by": decided_by(intent) if intent is not None else "",
        "time": iso(message.now),
    }


def last_change(record: Subscriber) -> float | None:
    """When the record's consent last changed (an opt-out or an opt-in), if ever."""
    times = [t for t in (record.opted_out_at, record.opted_in_at) if t is not None]
    return max(times) if times else None


def merged(record: Subscriber, journalled: Journalled | None, tie: float = 0.0) -> Consent:
    """The record's last consent change or the journal's newest decision, whichever
    `overrides` the other."""
    stored = Consent(record.opted_out, last_change(record))
    if journalled is None or journalled.consent is None:
        return stored
    sent = journalled.message.now
    if overrides(sent, journalled.consent, stored.changed_at, tie):
        return Consent(journalled.consent, sent, journalled)
    return stored
