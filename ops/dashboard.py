"""Numbers behind the dashboard charts, from per-day counters written with each message
(the same atomic write), so a view costs the same at a thousand or a billion entries."""
from __future__ import annotations

from collections import Counter
from typing import Any

from store.commit import day_of
from store.intent_log import IntentLog

DAYS = 14
BUCKETS = ("<0.5", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0")

__all__ = ["day_of", "summary"]


def opt_outs_per_day(days: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    """{day: {source: count}}, oldest first, empty days included."""
    return {day: {name.split(":", 1)[1]: n for name, n in counts.items() if name.startswith("opted_out:")}
            for day, counts in days.items()}


def reasons(days: dict[str, Counter[str]]) -> dict[str, int]:
    """How often each reason category was given over the window, most frequent first."""
    total: Counter[str] = Counter()
    for counts in days.values():
        total.update({k.split(":", 1)[1]: n for k, n in counts.items() if k.startswith("reason:")})
    return dict(total.most_common())


def confidence_histogram(days: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    """{confidence bucket: {intent: count}} over the window."""
    columns: dict[str, dict[str, int]] = {b: {} for b in BUCKETS}
    for counts in days.values():
        for name, n in counts.items():
            if name.startswith("confidence:"):
                _, column, intent = name.split(":", 2)
                columns[column][intent] = columns[column].get(intent, 0) + n
    return columns


def summary(log: IntentLog, days: int = DAYS) -> dict[str, Any]:
    """Everything the dashboard shows: one pipelined read of days × buckets small hashes."""
    counts = log.days(days)
    return {"per_day": opt_outs_per_day(counts), "reasons": reasons(counts),
            "confidence": confidence_histogram(counts)}
