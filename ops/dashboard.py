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


def week(days: dict[str, Counter[str]]) -> dict[str, Any]:
    """This week's headline (the last 7 days) against the 7 before: people who opted out, the
    opt-out rate per 1,000 inbound messages, the top reasons. `days` holds 14 days, oldest first."""
    counts = list(days.values())
    this, last = _total(counts[-7:]), _total(counts[-14:-7])
    return {"opted_out": this["event:opted_out"], "messages": this["messages"],
            "rate": _per_thousand(this), "previous_opted_out": last["event:opted_out"],
            "previous_rate": _per_thousand(last), "change": this["event:opted_out"] - last["event:opted_out"],
            "top_reasons": reasons(dict(zip(list(days)[-7:], counts[-7:])))}


def _total(days: list[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for counts in days:
        total.update(counts)
    return total


def _per_thousand(counts: Counter[str]) -> float:
    """Opt-outs per 1,000 inbound messages (0 with no messages)."""
    return round(1000 * counts["event:opted_out"] / counts["messages"], 1) if counts["messages"] else 0.0


def summary(log: IntentLog, days: int = DAYS) -> dict[str, Any]:
    """Everything the dashboard shows: one pipelined read of days × buckets small hashes."""
    counts = log.days(max(days, 14))
    shown = dict(list(counts.items())[-days:])  # the chosen range; the week's comparison needs 14
    return {"per_day": opt_outs_per_day(shown), "reasons": reasons(shown),
            "confidence": confidence_histogram(shown), "week": week(dict(list(counts.items())[-14:]))}
