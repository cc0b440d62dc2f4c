"""Filtering the intent log for ops: parse filters once, then scan newest first."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from domain import times
from domain.errors import BadInbound
from domain.log_entry import LogEntry
from domain.numbers import normalise_number
from store.entries import BadEntryId
from store.intent_log import IntentLog
from store.number_index import NumberIndex

SCAN_LIMIT = 20000  # entries looked at per page at most


class BadFilter(ValueError):
    """A filter value ops typed that cannot be understood."""


def parse_since(raw: str) -> float:
    """'24h', '7d', '30m' or unix seconds -> unix seconds."""
    try:
        return times.since(raw)
    except ValueError as error:
        raise BadFilter(f"since: {error}") from None


def _float(raw: str, name: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise BadFilter(f"{name}: not a number: {raw!r}") from None
    if not 0 <= value <= 1:
        raise BadFilter(f"{name}: must be between 0 and 1")
    return value


# the query parameters a filter reads: the only ones links are built from
FILTER_ARGS = (
    "intent",
    "source",
    "min_confidence",
    "max_confidence",
    "changed",
    "since",
    "until",
    "scope",
    "q",
    "who",
    "flagged",
    "campaign",
)  # who: a reference to a number (ops/refs.py), never the number


def filter_args(args: Mapping[str, str]) -> dict[str, str]:
    """The filter's own parameters, nothing else ('fmt', '_external', … never reach url_for)."""
    return {name: args[name] for name in FILTER_ARGS if args.get(name)}


@dataclass(frozen=True)
class LogFilter:
    """What ops asked to see."""

    intent: str = ""
    source: str = ""
    min_confidence: float = 0.0
    max_confidence: float = 1.0
    changed: str = ""  # "" | "yes" | an event name
    since: float = 0.0
    until: float = 0.0
    scope: str = ""
    text: str = ""
    number: str = ""
    flagged: bool = False
    campaign: str = ""  # the campaign an opt-out (or the reason after it) is attributed to
    exact: str = ""  # `number` when it is a whole number (E.164): read from the number's own log

    @classmethod
    def from_args(cls, args: Mapping[str, str], region: str = "") -> LogFilter:
        """From query-string or CLI values (strings); BadFilter on nonsense. With `region`, a
        whole number is searched as that number (its index), a part of one as text (the scan)."""
        return cls(
            intent=args.get("intent", ""),
            source=args.get("source", ""),
            min_confidence=_float(args.get("min_confidence") or "0", "min_confidence"),
            max_confidence=_float(args.get("max_confidence") or "1", "max_confidence"),
            changed=args.get("changed", ""),
            since=parse_since(args["since"]) if args.get("since") else 0.0,
            until=parse_since(args["until"]) if args.get("until") else 0.0,
            scope=args.get("scope", "").strip(),
            text=args.get("q", "").strip().casefold(),
            number=re.sub(r"[^\d+]", "", args.get("number", "")),
            flagged=args.get("flagged") in ("1", "on", "true"),
            campaign=args.get("campaign", "").strip(),
            exact=whole_number(args.get("number", ""), region),
        )

    def matches(self, entry: LogEntry) -> bool:
        """True when the entry passes every filter that is set."""
        checks = (
            not self.intent or entry["intent"] == self.intent,
            not self.source or entry["source"] == self.source,
            self.min_confidence <= entry["confidence"] <= self.max_confidence,
            not self.changed or self._changed(entry),
            not self.since or entry["time"] >= self.since,
            not self.until or entry["time"] <= self.until,
            not self.scope or entry["scope"] == self.scope,
            not self.text or self.text in entry["text"].casefold(),
            entry["number"] == self.exact if self.exact else self.number in entry["number"],
            not self.flagged or entry.get("flagged", False),
            not self.campaign or entry.get("campaign", "") == self.campaign,
        )
        return all(checks)

    def _changed(self, entry: LogEntry) -> bool:
        if self.changed == "yes":
            return bool(entry["state_before"] != entry["state_after"])
        return bool(entry["event"] == self.changed)


def whole_number(raw: str, region: str) -> str:
    """A typed number in E.164 when it is a whole one ('' for a part of one, or no region)."""
    if not region or not raw.strip():
        return ""
    try:
        return normalise_number(raw, region)
    except BadInbound:
        return ""


Rows = list[tuple[str, LogEntry]]


def page(
    log: IntentLog, wanted: LogFilter, before: str | None, size: int, index: NumberIndex | None = None
) -> tuple[Rows, str | None]:
    """One page of matching entries, newest first, and the cursor for the next page (a whole
    number's from its own log when the store's `index` is given)."""
    if wanted.exact and index is not None:
        return _number_page(log, index, wanted, before, size)
    return _scan_page(log, wanted, before, size)


def _number_page(log: IntentLog, index: NumberIndex, wanted: LogFilter, before: str | None, size: int) -> tuple[Rows, str | None]:
    """A whole number's page from its own log (a few round trips at any size of the log); once
    that runs out, the next page scans below it, only if the index may not hold every line."""
    try:
        own = index.log_of(wanted.exact, before)
    except BadEntryId:
        raise BadFilter("before: not a position this log gave out") from None
    if not own.ids and not own.complete:
        return _scan_page(log, wanted, own.scan_below, size)
    found: Rows = []
    for stream_id, entry in index.entries(own):
        if wanted.matches(entry):
            found.append((stream_id, entry))
            if len(found) == size:
                return found, stream_id
    return found, None if own.complete else own.scan_below


def _scan_page(log: IntentLog, wanted: LogFilter, before: str | None, size: int) -> tuple[Rows, str | None]:
    """One page found by scanning the whole log newest first (SCAN_LIMIT entries at most)."""
    found: Rows = []
    try:
        entries = log.scan(before)
    except BadEntryId:
        raise BadFilter("before: not a position this log gave out") from None
    for looked, (stream_id, entry) in enumerate(entries):
        if looked >= SCAN_LIMIT:
            return found, stream_id
        if wanted.matches(entry):
            found.append((stream_id, entry))
            if len(found) == size:
                return found, stream_id
    return found, None


def matching(log: IntentLog, wanted: LogFilter, index: NumberIndex | None = None) -> Iterator[tuple[str, LogEntry]]:
    """Every matching entry, newest first (for exports and the CLI): a whole number's from its
    own log (the store's `index`), then from the scan below it when that may not hold every line."""
    if not wanted.exact or index is None:
        return ((sid, e) for sid, e in log.scan() if wanted.matches(e))
    own = index.log_of(wanted.exact)
    rest = iter(()) if own.complete else log.scan(own.scan_below)
    return ((sid, e) for sid, e in itertools.chain(index.entries(own), rest) if wanted.matches(e))
