"""The layered classifier: normalise, then keywords, typos, the trained model; cheapest first."""
from __future__ import annotations

from .cues import has_opt_out_cue
from .keywords import match_keyword, match_typo
from .language import detect_language
from .model import Model, load
from .normalise import fold
from .policy import Policy
from .types import Intent


class Pipeline:
    """classify(text) -> Intent, with the model and the policy passed in."""

    def __init__(self, model: Model | None = None, policy: Policy | None = None) -> None:
        self.model = model or load()
        self.policy = policy or Policy()

    def __call__(self, text: str) -> Intent:
        """Classify one inbound message; never raises on odd input."""
        folded = fold(text or "")
        if not folded:
            return Intent("other", 1.0, "en", "empty")
        found = match_keyword(folded) or match_typo(folded)
        if found:
            return found
        language = detect_language(folded)
        probabilities = self.model.probabilities(folded)
        if not has_opt_out_cue(folded):
            probabilities = without_opt_out(probabilities)
        return self.policy.decide(probabilities, language, self.model.version)


def without_opt_out(probabilities: dict[str, float]) -> dict[str, float]:
    """Renormalise over the other intents: no cue, no opt-out."""
    rest = {k: v for k, v in probabilities.items() if k != "opt_out"}
    total = sum(rest.values()) or 1.0
    return {"opt_out": 0.0, **{k: v / total for k, v in rest.items()}}


_DEFAULT: Pipeline | None = None


def classify(text: str) -> Intent:
    """The default pipeline (shipped model, default policy), built once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT(text)
