"""Numbers behind the dashboard charts, from per-day counters written with each message
(the same atomic write), so a view costs the same at a thousand or a billion entries."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any, TypedDict

from store.commit import day_of
from store.intent_log import IntentLog
from store.people import PeopleCounts

from . import charts

DAYS = 14
WEEK, MONTH = 7, 30
BUCKETS = ("<0.5", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0")
# intents/reasons.py's categories (the same for an answer in English, Spanish or French) in words
REASON_WORDS = {
    "too_many": "Too many messages",
    "not_relevant": "Not relevant to them",
    "never_signed_up": "Never signed up",
    "cost": "Cost",
    "wrong_number": "Wrong number",
    "other": "Another reason (not one of these)",
}

__all__ = ["day_of", "summary"]


class WeekMonth(TypedDict):
    week: int
    month: int


class Headline(TypedDict):
    """Consent-change events over the last 7 and 30 days, and the unix second each window starts."""

    opted_out: WeekMonth
    opted_in: WeekMonth
    since: WeekMonth


class ShownHeadline(Headline):
    range_since: int  # where the charts' window starts (the log filter behind them)


class Week(TypedDict):
    """This week against the one before."""

    opted_out: int
    messages: int
    rate: float  # opt-outs per 1,000 inbound messages
    previous_opted_out: int
    previous_rate: float
    change: int
    top_reasons: dict[str, int]


class Summary(TypedDict):
    """Everything the dashboard page shows."""

    per_day: dict[str, dict[str, int]]
    reasons: dict[str, int]
    confidence: dict[str, dict[str, int]]
    headline: ShownHeadline
    week: Week


def in_words(category: str) -> str:
    """A reason category as a compliance officer reads it (an unknown one made readable)."""
    return REASON_WORDS.get(category) or category.replace("_", " ").capitalize()


def worded(counts: dict[str, int]) -> dict[str, int]:
    """{category: n} as {words: n}, order kept."""
    return {in_words(category): n for category, n in counts.items()}


def window_start(now: float, days: int) -> int:
    """Unix seconds at the start of the oldest UTC day of `days` days ending today: the log
    filter that lists exactly what the day counters of that window count."""
    return (int(now // 86400) - days + 1) * 86400


def headline(days: dict[str, Counter[str]], now: float) -> Headline:
    """Consent-change events over the last 7 and 30 days and where each window starts. Events,
    not people: STOP, START, STOP from one number is 2 opt-outs and 1 resubscription."""
    counts = list(days.values())
    week, month = _total(counts[-WEEK:]), _total(counts[-MONTH:])
    return {
        "opted_out": {"week": week["event:opted_out"], "month": month["event:opted_out"]},
        "opted_in": {"week": week["event:opted_in"], "month": month["event:opted_in"]},
        "since": {"week": window_start(now, WEEK), "month": window_start(now, MONTH)},
    }


def people(counts: PeopleCounts, now: float | None = None) -> dict[str, dict[str, int]]:
    """Distinct numbers behind the headline's events: {'opted_out'|'opted_in': {week, month}}."""
    recent = counts.recent(WEEK, MONTH, now)
    return {event: {"week": week, "month": month} for event, (week, month) in recent.items()}


def opt_outs_per_day(days: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    """{day: {source: count}}, oldest first, empty days included."""
    return {
        day: {name.split(":", 1)[1]: n for name, n in counts.items() if name.startswith("opted_out:")}
        for day, counts in days.items()
    }


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


def week(days: dict[str, Counter[str]]) -> Week:
    """This week's headline (the last 7 days) against the 7 before: opt-out events, the
    opt-out rate per 1,000 inbound messages, the top reasons. `days` holds 14 days, oldest first."""
    counts = list(days.values())
    this, last = _total(counts[-7:]), _total(counts[-14:-7])
    return {
        "opted_out": this["event:opted_out"],
        "messages": this["messages"],
        "rate": _per_thousand(this),
        "previous_opted_out": last["event:opted_out"],
        "previous_rate": _per_thousand(last),
        "change": this["event:opted_out"] - last["event:opted_out"],
        "top_reasons": reasons(dict(zip(list(days)[-7:], counts[-7:]))),
    }


def _total(days: list[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for counts in days:
        total.update(counts)
    return total


def _per_thousand(counts: Counter[str]) -> float:
    """Opt-outs per 1,000 inbound messages (0 with no messages)."""
    return round(1000 * counts["event:opted_out"] / counts["messages"], 1) if counts["messages"] else 0.0


def summary(log: IntentLog, days: int = DAYS, now: float | None = None) -> Summary:
    """Everything the dashboard shows: one pipelined read of days × buckets small hashes."""
    now = time.time() if now is None else now
    counts = log.days(max(days, MONTH), now)  # the headline needs 30 days, the week's comparison 14
    shown = dict(list(counts.items())[-days:])
    last = week(dict(list(counts.items())[-14:]))
    return {
        "per_day": opt_outs_per_day(shown),
        "reasons": worded(reasons(shown)),
        "confidence": confidence_histogram(shown),
        "headline": {**headline(counts, now), "range_since": window_start(now, days)},
        "week": {**last, "top_reasons": worded(last["top_reasons"])},
    }


def charts_for(data: Summary) -> dict[str, tuple[str, str]]:
    """Each chart drawn twice, for a desk and for a phone (CSS shows one): (wide, narrow)."""

    def both(draw: Any, *args: Any) -> tuple[str, str]:
        return draw(*args, width=charts.WIDE), draw(*args, width=charts.NARROW, css="phone-chart")

    return {
        "per_day": both(charts.stacked_bars, "Opt-out events per day by source", data["per_day"], "opt-out events"),
        "reasons": both(charts.bars, "Reasons given for opting out", data["reasons"] or {"none yet": 0}),
        "confidence": both(charts.histogram, "Decisions by confidence and intent", data["confidence"]),
    }
