"""The decision policy on the model's confidence: act, flag for review, or ask to confirm."""

from __future__ import annotations

from dataclasses import dataclass

from domain.events import Source

from .types import Intent, intent_name


@dataclass(frozen=True)
class Policy:
    """Above `high` act; between `low` and `high` is the grey zone; below `low` is not opt-out."""

    high: float = 0.85
    low: float = 0.5
    grey_zone: str = "opt_out"

    def decide(
        self, probabilities: dict[str, float], language: str, version: str, source: Source = Source.MODEL, note: str = ""
    ) -> Intent:
        """Turn the model's probabilities into one intent (flagged when ops should look)."""
        detail = f"model:{version}{note}"
        p_out = probabilities["opt_out"]
        if p_out >= self.high:
            return Intent("opt_out", p_out, language, source, detail)
        if p_out >= self.low:
            # compliance-safe: honour it (the confirmation says how to resubscribe), flag it
            return Intent("opt_out", p_out, language, source, f"{detail}:grey:{self.grey_zone}", flagged=True)
        name = max((n for n in probabilities if n != "opt_out"), key=probabilities.__getitem__)
        confidence = probabilities[name]
        if name != "other" and confidence < self.high:
            # a help text or a 'text START' answer only when sure; chatter stays chatter
            return Intent("other", probabilities["other"], language, source, f"{detail}:weak:{name}")
        return Intent(intent_name(name), confidence, language, source, detail, flagged=confidence < self.low)

    def decide_rule(self, name: str, confidence: float, language: str, rule: str, flagged: bool) -> Intent:
        """A clause rule's reading, held to the same bar: below `high` an opt-out is grey."""
        detail = f"rule:{rule}"
        if name == "opt_out" and confidence < self.high:
            return Intent("opt_out", confidence, language, Source.RULE, f"{detail}:grey:{self.grey_zone}", flagged=True)
        return Intent(intent_name(name), confidence, language, Source.RULE, detail, flagged=flagged)
