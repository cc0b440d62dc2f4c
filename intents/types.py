"""The intent layer's one output type, shared by every layer and the dialogue."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

INTENT_NAMES = ("opt_out", "opt_in", "help", "other")


@dataclass(frozen=True)
class Intent:
    """What a message asks for, how sure we are, and which layer decided."""

    name: str
    confidence: float
    language: str = "en"
    source: str = "none"
    detail: str = ""
    all_scopes: bool = False
    flagged: bool = False

    def __post_init__(self) -> None:
        if self.name not in INTENT_NAMES:
            raise ValueError(f"unknown intent {self.name!r}")

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output and the intent log."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}  # not asdict: no deep copy
        data["intent"] = data.pop("name")
        data["confidence"] = round(self.confidence, 4)
        return data

