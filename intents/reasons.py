"""Map the answer to 'why did you unsubscribe?' onto a few categories ops can count."""

from __future__ import annotations

import re

from .normalise import fold

CATEGORIES: tuple[tuple[str, str], ...] = (
    (
        "wrong_number",
        r"wrong (number|person|#)|not (me|my number)|new number|numero equivocado"
        r"|who is this|don'?t know (you|who)|mauvais numero",
    ),
    (
        "never_signed_up",
        r"never (signed|subscribed|asked|opted|gave)|didn'?t (sign|subscribe|ask)"
        r"|did not (sign|subscribe|ask)|no consent|spam|nunca me (suscribi|inscribi)",
    ),
    (
        "too_many",
        r"too (many|much|often|frequent)|every ?day|so many|constant|daily|annoying"
        r"|demasiad|trop de",
    ),
    ("cost", r"cost|expensive|price|pay|charge|money|rates?\b|plan|caro|cher"),
    (
        "not_relevant",
        r"not (interested|relevant|useful|for me)|no longer|don'?t (need|want|care|use)"
        r"|irrelevant|moved|no me interesa|pas interesse|never (buy|shop)",
    ),
)
REASON_CATEGORIES = frozenset(name for name, _ in CATEGORIES) | {"other"}
COMPILED = tuple((name, re.compile(rf"\b(?:{pattern})")) for name, pattern in CATEGORIES)


def classify_reason(text: str) -> str:
    """The first matching category, or 'other'."""
    folded = fold(text or "")
    return next((name for name, pattern in COMPILED if pattern.search(folded)), "other")
