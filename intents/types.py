"""The intent layer's one output type, shared by every layer and the dialogue."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

from domain.events import Source

IntentName = Literal["opt_out", "opt_in", "help", "other"]  # mypy checks every literal use
INTENT_NAMES: tuple[IntentName, ...] = get_args(IntentName)


def intent_name(name: str) -> IntentName:
    """A name read from data (a model's labels, Rasa, a journal) checked into the closed set."""
    if name not in INTENT_NAMES:
        raise ValueError(f"unknown intent {name!r}")
    return name  # narrowed to IntentName by the membership test


@dataclass(frozen=True)
class Intent:
    """What a message asks for, how sure we are, and which layer decided."""

    name: IntentName
    confidence: float
    language: str = "en"
    source: Source = Source.EMPTY
    detail: str = ""
    all_scopes: bool = False
    flagged: bool = False

    def __post_init__(self) -> None:
        if self.name not in INTENT_NAMES:
            raise ValueError(f"unknown intent {self.name!r}")
        object.__setattr__(self, "source", Source(self.source))  # a journalled str comes back typed

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output and the intent log."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}  # not asdict: no deep copy
        data["intent"] = data.pop("name")
        data["confidence"] = round(self.confidence, 4)
        return data
