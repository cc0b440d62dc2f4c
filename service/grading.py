"""What a decision counts as: its column of the dashboard's confidence histogram and whether
(and how urgently) it waits for ops. Policy the service decides; the store only writes it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.log_entry import LogEntry
from store.commit import Grade


def confidence_bucket(confidence: float) -> str:
    """The dashboard's histogram columns."""
    if confidence < 0.5:
        return "<0.5"
    return "1.0" if confidence >= 1.0 else f"{int(confidence * 10) / 10:.1f}"


def review_priority(entry: LogEntry, high: float) -> str:
    """Grey-zone and low-confidence model decisions wait for ops: flagged first, then the least
    sure ('' for a decision that needs no review)."""
    if entry.get("flagged"):
        return str(entry["confidence"])
    if str(entry["source"]).startswith("model") and entry["confidence"] < high:
        return str(1 + entry["confidence"])
    return ""


@dataclass(frozen=True)
class Grading:
    """The grading of every decision, with the app's HIGH_CONFIDENCE (below it a model decision
    waits for review); handed to the store, which writes what it answers."""

    high: float = 0.85

    def __call__(self, entry: LogEntry) -> Grade:
        return Grade(confidence_bucket(entry["confidence"]), review_priority(entry, self.high))

    def priority(self, entry: LogEntry) -> str:
        """The review priority alone (the migration of old entries)."""
        return review_priority(entry, self.high)
