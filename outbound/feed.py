"""The opt-out feed's deliverer: each consent change POSTed to OPTOUT_WEBHOOK_URL as signed JSON,
retried with a doubling wait until the receiver answers 2xx, and acknowledged only then (at
least once: a receiver may see an event twice, always with the same `id`)."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import requests

from domain.decided import decided_by
from domain.events import Event
from domain.log_entry import LogEntry
from domain.times import iso
from store.feed import FeedItem, FeedStore

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Optout-Signature"
MAX_WAIT_SECONDS = 3600.0  # the doubling wait between retries stops growing here
BATCH = 50  # entries read a bucket, a round


@dataclass(frozen=True)
class FeedSettings:
    """Where events go, the key they are signed with, and how patiently."""

    url: str
    secret: str
    timeout: float
    retry: float  # seconds before the first retry; doubled at each failed attempt

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> FeedSettings:
        """The validated settings (service/settings.py checks URL, secret and ranges)."""
        return cls(
            config["OPTOUT_WEBHOOK_URL"],
            config["OPTOUT_WEBHOOK_SECRET"],
            config["FEED_TIMEOUT_SECONDS"],
            config["FEED_RETRY_SECONDS"],
        )

    def wait_ms(self, attempts: int) -> int:
        """How long an event waits after its `attempts`-th failed delivery."""
        return int(min(MAX_WAIT_SECONDS, self.retry * 2 ** max(attempts - 1, 0)) * 1000)


def payload(entry: LogEntry) -> dict[str, str]:
    """What a receiver gets for one consent change (the register entry's own fields)."""
    reason = entry["event"] == Event.REASON_RECORDED
    return {
        "id": entry["id"],  # the register entry's global id: the same on every redelivery
        "event": entry["event"],
        "number": entry["number"],
        "scope": entry["scope"],
        "time": iso(entry["time"]),
        "reason": (entry["reason_category"] or "other") if reason else "",
        "reason_text": entry["text"] if reason else "",
        "campaign": entry["campaign"],
        "decided_by": decided_by(entry["source"], entry["detail"]),
    }


def body_of(entry: LogEntry) -> bytes:
    """The exact bytes POSTed (and signed): compact JSON, UTF-8."""
    return json.dumps(payload(entry), ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, body: bytes) -> str:
    """The X-Optout-Signature value: HMAC-SHA256 of the raw body with OPTOUT_WEBHOOK_SECRET."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post(session: requests.Session, settings: FeedSettings, body: bytes) -> str:
    """One attempt: 'delivered' on a 2xx, else why not ('status', 'timeout', 'error')."""
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature(settings.secret, body)}
    try:
        answer = session.post(settings.url, data=body, headers=headers, timeout=settings.timeout, allow_redirects=False)
    except requests.Timeout:
        return "timeout"
    except requests.RequestException:
        return "error"
    answer.close()
    return "delivered" if 200 <= answer.status_code < 300 else "status"


@dataclass
class Tally:
    """What one round did."""

    delivered: int = 0
    failed: int = 0
    read: int = 0  # entries taken this round (new or due for a retry)


PRUNE_AFTER_MS = 24 * 3600 * 1000  # a deliverer this quiet with nothing pending has ended
Counted = Callable[[str], None]  # told each attempt's outcome (web/metrics.py counts them)


class Deliverer:
    """Rounds of delivery for one consumer of the group (a worker's thread, `flask deliver`)."""

    def __init__(self, feed: FeedStore, settings: FeedSettings, consumer: str, counted: Counted | None = None) -> None:
        self.feed, self.settings, self.consumer = feed, settings, consumer
        self.counted = counted or (lambda outcome: None)
        self.session = requests.Session()

    def ready(self, prune_after_ms: int = PRUNE_AFTER_MS) -> None:
        """Before the first round: the group on every stream, and the names of deliverers that
        ended (idle that long, nothing pending) dropped from it, so the group does not grow
        by one name per worker ever started."""
        self.feed.ensure_groups()
        pruned = self.feed.prune_consumers(self.consumer, prune_after_ms)
        if pruned:
            log.info("opt-out feed: %d ended deliverers' names dropped from the group", pruned)

    def round(self) -> Tally:
        """Retries whose wait is over, then new events, one POST each, in that order. After a
        failure the rest of the round waits for its own retry: a receiver that is down or hanging
        is not asked again and again within one round (StoreOutage when the store is away)."""
        items = self.feed.claim_due(self.consumer, self.settings.wait_ms, BATCH)
        items += self.feed.read_new(self.consumer, BATCH)
        tally = Tally(read=len(items))
        for item in items:
            if not self._deliver(item, tally):
                break
        return tally

    def _deliver(self, item: FeedItem, tally: Tally) -> bool:
        """One event; acknowledged only once the receiver answered 2xx (or when it is gone)."""
        if item.entry is None:  # its register entry is gone: nothing left to send
            self.feed.ack(item)
            return True
        outcome = post(self.session, self.settings, body_of(item.entry))
        self.counted(outcome)
        if outcome != "delivered":
            tally.failed += 1
            log.warning("opt-out feed: %s not delivered (%s, attempt %d)", item.entry["id"], outcome, item.attempts)
            return False
        self.feed.ack(item)
        tally.delivered += 1
        return True

    def close(self) -> None:
        """Its HTTP connections."""
        self.session.close()
