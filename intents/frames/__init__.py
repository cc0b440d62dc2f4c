"""Frames for generated training data, per language: the base set plus later additions.

Each module maps a language code to {"slots": {...}, "opt_out": [...], "opt_in": [...],
"help": [...], "other": [...]}. Additions extend the base: new frames are appended, a slot
named again gains the new values (its old ones kept first, duplicates dropped).
"""

from __future__ import annotations

from ..types import IntentName
from . import asian, base, comeback, en, northern, questions, romance, scope
from .spec import Frames

INTENTS: tuple[IntentName, ...] = ("opt_out", "opt_in", "help", "other")


def merge(*layers: dict[str, Frames]) -> dict[str, Frames]:
    """One spec per language out of several layers of frames (every key present in each)."""
    merged: dict[str, Frames] = {}
    for layer in layers:
        for language, spec in layer.items():
            into = merged.setdefault(language, {"slots": {}, "opt_out": [], "opt_in": [], "help": [], "other": []})
            for name, values in spec.get("slots", {}).items():
                into["slots"][name] = tuple(dict.fromkeys((*into["slots"].get(name, ()), *values)))
            for intent in INTENTS:
                into[intent] = [*into[intent], *spec.get(intent, ())]
    return merged


FRAMES: dict[str, Frames] = merge(base.FRAMES, en.FRAMES, romance.FRAMES, northern.FRAMES, asian.FRAMES, questions.FRAMES)
# drawn after FRAMES with a seed of their own, so that adding them moved no earlier sentence
LATER_FRAMES: tuple[dict[str, Frames], ...] = (merge(scope.FRAMES), merge(comeback.FRAMES))
