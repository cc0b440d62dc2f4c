"""Numbers behind the dashboard charts, from the register and the recent log."""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from itertools import islice
from typing import Any

from store.intent_log import IntentLog

DAYS = 14
LOG_SAMPLE = 5000
BUCKETS = ("<0.5", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0")


def day_of(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d")


def opt_outs_per_day(log: IntentLog, days: int = DAYS) -> dict[str, dict[str, int]]:
    """{day: {source: count}} for the last `days` days, oldest first, empty days included."""
    now = time.time()
    columns: dict[str, dict[str, int]] = {day_of(now - d * 86400): {} for d in range(days - 1, -1, -1)}
    cutoff = now - days * 86400
    for _, entry in log.scan(stream="register"):
        if entry["time"] < cutoff:
            break
        if entry["event"] == "opted_out" and day_of(entry["time"]) in columns:
            stack = columns[day_of(entry["time"])]
            stack[entry["source"]] = stack.get(entry["source"], 0) + 1
    return columns


def reasons(log: IntentLog) -> dict[str, int]:
    """How often each reason category was given (every reason ever recorded)."""
    counts = Counter(e["reason_category"] or "other" for _, e in log.scan(stream="register")
                     if e["event"] == "reason_recorded")
    return dict(counts.most_common())


def bucket(confidence: float) -> str:
    if confidence < 0.5:
        return "<0.5"
    return "1.0" if confidence >= 1.0 else f"{int(confidence * 10) / 10:.1f}"


def confidence_histogram(log: IntentLog) -> dict[str, dict[str, int]]:
    """{bucket: {intent: count}} over the most recent decisions."""
    columns: dict[str, dict[str, int]] = {b: defaultdict(int) for b in BUCKETS}
    for _, entry in islice(log.scan(), LOG_SAMPLE):
        columns[bucket(entry["confidence"])][entry["intent"]] += 1
    return {b: dict(c) for b, c in columns.items()}


def summary(log: IntentLog) -> dict[str, Any]:
    """Everything the dashboard shows, computed once per request."""
    return {"per_day": opt_outs_per_day(log), "reasons": reasons(log),
            "confidence": confidence_histogram(log)}
