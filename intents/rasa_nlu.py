"""Rasa NLU as an extra intent source: POST /model/parse, within a strict time budget."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import requests

from .types import INTENT_NAMES

log = logging.getLogger(__name__)
DEFAULT_MAP = {name: name for name in INTENT_NAMES} | {
    "stop": "opt_out",
    "unsubscribe": "opt_out",
    "optout": "opt_out",
    "wrong_number": "opt_out",
    "start": "opt_in",
    "subscribe": "opt_in",
    "resubscribe": "opt_in",
    "info": "help",
}
_POOLS: dict[int, ThreadPoolExecutor] = {}


def _pool() -> ThreadPoolExecutor:
    """This process's worker threads, made on first use: a pool made at import time would be
    inherited by forked gunicorn workers without its threads, and its jobs would never run."""
    pid = os.getpid()
    if pid not in _POOLS:
        _POOLS[pid] = ThreadPoolExecutor(max_workers=8, thread_name_prefix="rasa-nlu")
    return _POOLS[pid]


class RasaUnavailable(Exception):
    """Rasa did not answer usefully in time; the reason goes into the log."""


def parse_intent_map(text: str) -> dict[str, str]:
    """'stop:opt_out,greet:other' -> mapping (added to the defaults); bad entries fail loudly."""
    mapping = dict(DEFAULT_MAP)
    for pair in filter(None, (p.strip() for p in text.split(","))):
        rasa_name, _, ours = pair.partition(":")
        if ours not in INTENT_NAMES or not rasa_name:
            raise ValueError(f"RASA_INTENT_MAP entry {pair!r}: want rasa_intent:{'|'.join(INTENT_NAMES)}")
        mapping[rasa_name.strip()] = ours
    return mapping


class RasaNLU:
    """Asks a Rasa server what a message means; never waits longer than `timeout` seconds."""

    def __init__(self, url: str, timeout: float = 0.3, intent_map: Mapping[str, str] | None = None) -> None:
        self.url = url.rstrip("/") + "/model/parse"
        self.timeout = timeout
        self.intent_map = dict(intent_map or DEFAULT_MAP)

    def probabilities(self, text: str) -> dict[str, float]:
        """Our four intents' probabilities from Rasa's ranking, or RasaUnavailable."""
        future = _pool().submit(self._post, text)
        try:
            answer = future.result(timeout=self.timeout)
        except (FutureTimeout, requests.Timeout):  # whichever clock fires first: the same timeout
            raise RasaUnavailable("timeout") from None
        except (requests.RequestException, ValueError) as error:
            raise RasaUnavailable(type(error).__name__) from None
        return self.mapped(answer)

    def _post(self, text: str) -> dict[str, Any]:
        """One HTTP call (its own timeout bounds the worker thread too)."""
        reply = requests.post(self.url, json={"text": text}, timeout=self.timeout)
        reply.raise_for_status()
        body: dict[str, Any] = reply.json()
        return body

    def mapped(self, answer: Mapping[str, Any]) -> dict[str, float]:
        """Sum Rasa's ranking into our intents; unknown names count as 'other'."""
        ranking = answer.get("intent_ranking") or [answer.get("intent") or {}]
        totals: dict[str, float] = dict.fromkeys(INTENT_NAMES, 0.0)
        for entry in ranking:
            if not isinstance(entry, Mapping) or "name" not in entry:
                raise RasaUnavailable("malformed answer")
            ours = self.intent_map.get(str(entry["name"]), "other")
            totals[ours] += float(entry.get("confidence") or 0.0)
        total = sum(totals.values())
        if total <= 0:
            raise RasaUnavailable("empty ranking")
        return {name: value / total for name, value in totals.items()}
