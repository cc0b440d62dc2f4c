"""Which campaign made them leave: an opt-out soon after a campaign message is that campaign's,
and the reason given after it counts for the same campaign; an opt-in clears it."""

from __future__ import annotations

from domain.events import Event
from domain.log_entry import LogEntry
from domain.records import Subscriber


def attributed(stored: Subscriber, record: Subscriber, entry: LogEntry, window: float) -> tuple[Subscriber, LogEntry]:
    """The record and log entry with their campaign ('' for none), from the number's last send."""
    event = entry["event"]
    if event == Event.OPTED_OUT:
        sent = stored.last_send
        campaign = sent.campaign if sent is not None and sent.covers(entry["time"], window) else ""
        return record.evolve(campaign=campaign), {**entry, "campaign": campaign}
    if event == Event.REASON_RECORDED:
        return record, {**entry, "campaign": stored.campaign}
    if event == Event.OPTED_IN:
        return record.evolve(campaign=""), {**entry, "campaign": ""}
    return record, {**entry, "campaign": ""}
