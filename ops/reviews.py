"""The review queue, verdicts, and corrections exported as Rasa NLU YAML for training."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from domain.events import Source
from domain.log_entry import LogEntry
from intents.normalise import fold
from intents.training_data import DATA_DIR, load_examples
from intents.types import INTENT_NAMES
from service import OptOutService
from store.intent_log import IntentLog
from store.reviews import ReviewStore, Verdict

CORRECTIONS_FILE = "corrections.yml"


class ReviewError(ValueError):
    """A verdict that cannot be stored (unknown entry or intent)."""


class Reviews:
    """Verdicts on log entries (by entry id) and corrections (by text)."""

    @classmethod
    def for_service(cls, service: OptOutService, config: Mapping[str, Any]) -> Reviews:
        """On the service's store and log, with the app's HIGH_CONFIDENCE threshold."""
        return cls(service.store.repositories.reviews, service.intent_log, config["HIGH_CONFIDENCE"], service)

    def __init__(self, store: ReviewStore, log: IntentLog, high: float, service: Any = None) -> None:
        self.store, self.log, self.high, self.service = store, log, high, service

    def queue(self, limit: int = 50) -> list[tuple[str, LogEntry]]:
        """Unreviewed decisions: flagged first, then by confidence, lowest first. Read from the
        pending index the write keeps (the first `limit` of each bucket), not from the log."""
        found = []
        for gid in self.store.pending(limit):
            entry = self.log.entry(gid)
            if entry is None:  # the log line expired: nothing left to review
                self.store.settle(gid)
                continue
            found.append((gid, entry))
            if len(found) == limit:
                break
        return found

    def queue_size(self) -> int:
        """Decisions waiting for a verdict."""
        return self.log.pending_reviews()

    def decide(self, stream_id: str, intent: str, operator: str = "ops") -> Verdict:
        """Confirm (same intent) or correct (another intent) one decision."""
        entry = self.log.entry(stream_id)
        if entry is None:
            raise ReviewError(f"no log entry {stream_id!r}")
        if intent not in INTENT_NAMES:
            raise ReviewError(f"unknown intent {intent!r}")
        before = self.standing(entry)
        effect = effect_of(entry, intent, before)
        if effect == OPTS_OUT_NOW:  # the record first, then the verdict that says it happened
            self._opt_out_now(stream_id, entry, operator)
        verdict: Verdict = {
            "verdict": "confirmed" if intent == entry["intent"] else "corrected",
            "intent": intent,
            "was": entry["intent"],
            "text": entry["text"],
            "operator": operator,
            "time": time.time(),
            "effect": effect,
            "state_before": before,
            "state_after": self.standing(entry),
        }
        self.store.record(stream_id, verdict)  # the correction is part of the verdict
        return verdict

    def standing(self, entry: LogEntry) -> str:
        """The subscriber's state now, in the entry's scope."""
        if self.service is None:
            return str(entry["state_after"])
        return str(self.service.store.load(entry["scope"], entry["number"]).state.value)

    def effects(self, entry: LogEntry) -> dict[str, str]:
        """intent -> what choosing it will do to the subscriber (shown before the click)."""
        now = self.standing(entry)
        return {intent: effect_of(entry, intent, now) for intent in INTENT_NAMES}

    def _opt_out_now(self, stream_id: str, entry: LogEntry, operator: str) -> None:
        """An opt-out ops found in the log: recorded now, channel 'ops', no text to anyone."""
        from intents import Intent
        from service import Inbound

        message = Inbound(entry["scope"], entry["number"], entry["text"], f"OPS{stream_id}", channel="ops")
        decided = f"correction:{operator}:of:{entry['message_sid']}"
        self.service.handle(message, Intent("opt_out", 1.0, entry.get("language", "en"), Source.OPS, decided))

    def verdict(self, stream_id: str) -> Verdict | None:
        return self.store.verdict(stream_id)

    def corrections(self) -> dict[str, str]:
        """text -> corrected intent (the latest correction of each text wins)."""
        return {
            v["text"].strip(): v["intent"] for v in self.store.verdicts() if v["verdict"] == "corrected" and v["text"].strip()
        }


OPTS_OUT_NOW = "opts the number out now (recorded as channel ops; no text is sent)"
STAYS_OPTED_OUT = "the number stays opted out: consent can only be given back by the subscriber, by texting START"


def effect_of(entry: LogEntry, intent: str, state_now: str) -> str:
    """What a verdict does to the subscriber: an opt-out ops found acts; nothing resubscribes."""
    opted_out_now = state_now != "subscribed"
    if intent == "opt_out":
        return "already opted out: nothing changes" if opted_out_now else OPTS_OUT_NOW
    if opted_out_now:
        return STAYS_OPTED_OUT
    return "no change to the subscriber; the verdict trains the model"


def corrections_yaml(corrections: dict[str, str]) -> str:
    """Rasa NLU 3.1 YAML, one block per intent, texts sorted (stable output)."""
    lines = ['version: "3.1"', "nlu:"]
    for intent in INTENT_NAMES:
        texts = sorted(t for t, i in corrections.items() if i == intent)
        if texts:
            lines += [f"- intent: {intent}", "  examples: |"]
            lines += [f"    - {' '.join(t.split())}" for t in texts]
    return "\n".join(lines) + "\n" if len(lines) > 2 else 'version: "3.1"\nnlu: []\n'


def merge_corrections(corrections: dict[str, str], directory: Path = DATA_DIR) -> dict[str, int]:
    """Write corrections.yml beside the training data, dropping texts other files already have
    (a correction of such a text means fixing that file by hand: they are counted)."""
    path = directory / CORRECTIONS_FILE
    existing = {fold(t) for p in directory.glob("*.yml") if p.name != CORRECTIONS_FILE for t in _texts(p)}
    merged = dict(_read(path))
    clashes = 0
    for text, intent in corrections.items():
        if fold(text) in existing:
            clashes += 1
        else:
            merged[text] = intent
    path.write_text(corrections_yaml(merged), encoding="utf-8")
    load_examples(directory)  # fails loudly if the result is not valid training data
    return {"written": len(merged), "skipped_already_in_training_data": clashes}


def _texts(path: Path) -> Iterator[str]:
    return iter(_read(path))


def _read(path: Path) -> dict[str, str]:
    """text -> intent of one NLU file (empty when missing)."""
    if not path.exists():
        return {}
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    result = {}
    for entry in document.get("nlu") or []:
        for line in (entry.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                result[line.strip()[2:]] = entry["intent"]
    return result
