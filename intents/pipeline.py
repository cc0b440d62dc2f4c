"""The layered classifier: normalise, then keywords, typos, the trained model; cheapest first."""
from __future__ import annotations

import logging
import re

from .cues import has_opt_out_cue
from .keywords import DEFAULT_KEYWORDS, Keywords
from .language import detect_language
from .model import Model, load
from .normalise import correct_typos, fold, for_model
from .policy import Policy
from .rasa_nlu import RasaNLU, RasaUnavailable
from .reader import ClauseReader
from .types import Intent


log = logging.getLogger(__name__)
SENTENCE_BREAK = re.compile(r"[.!?;\n]+\s*|\s+-\s+")
MIN_SENTENCE_WORDS = 4  # a sentence, not a fragment like "Texting" or "Just quit."


class Pipeline:
    """classify(text) -> Intent, with the model and the policy passed in."""

    def __init__(self, model: Model | None = None, policy: Policy | None = None,
                 rasa: RasaNLU | None = None, keywords: Keywords | None = None) -> None:
        self.model = model or load()
        self.policy = policy or Policy()
        self.rasa = rasa
        self.keywords = keywords or DEFAULT_KEYWORDS
        self.reader = ClauseReader(self.keywords)

    def __call__(self, text: str) -> Intent:
        """Classify one inbound message; never raises on odd input."""
        folded = fold(text or "")
        if not folded:
            return Intent("other", 1.0, "en", "empty")
        found = self.keywords.match(folded) or self.keywords.match_typo(folded)
        if found:
            return found
        language = detect_language(folded)
        reading = self.reader.read(text)
        if reading.intent:
            return self.policy.decide_rule(reading.intent, reading.confidence, language,
                                           reading.rule, reading.flagged)
        probabilities = self.scored(text, correct_typos(folded))
        if reading.veto:
            probabilities = without_opt_out(probabilities)
        if self.rasa is None:
            return self.policy.decide(probabilities, language, self.model.version)
        try:
            rasa = self.rasa.probabilities(text)
        except RasaUnavailable as why:
            log.warning("Rasa NLU unavailable (%s): local model answers alone", why)
            return self.policy.decide(probabilities, language, self.model.version,
                                      note=f":rasa-unavailable:{why}")
        blended = {name: (p + rasa[name]) / 2 for name, p in probabilities.items()}
        return self.policy.decide(blended, language, self.model.version, "model+rasa")

    def scored(self, text: str, whole: str) -> dict[str, float]:
        """The whole message's probabilities, or a sentence's when that one asks to opt out."""
        probabilities = self.gated(whole)
        if probabilities["opt_out"] >= self.policy.low or not has_opt_out_cue(whole):
            return probabilities
        sentences = [for_model(s) for s in SENTENCE_BREAK.split(text)]
        best = max((self.gated(s) for s in sentences if len(s.split()) >= MIN_SENTENCE_WORDS and s != whole),
                   key=lambda p: p["opt_out"], default=probabilities)
        return best if best["opt_out"] >= self.policy.high else probabilities

    def gated(self, model_text: str) -> dict[str, float]:
        """The model's probabilities, with opt-out ruled out for text without a cue."""
        probabilities = self.model.probabilities(model_text)
        return probabilities if has_opt_out_cue(model_text) else without_opt_out(probabilities)


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
