"""The layered classifier: normalise, then keywords, typos, the trained model; cheapest first."""

from __future__ import annotations

import dataclasses
import logging

from domain.events import Source

from .cues import has_any_cue, has_opt_in_cue, has_opt_out_cue
from .language import detect_language
from .matcher import DEFAULT_KEYWORDS, Keywords
from .model import Model, load
from .normalise import correct_typos, fold
from .policy import Policy
from .quotes import strip_quotes
from .rasa_nlu import RasaNLU, RasaUnavailable
from .reader import ClauseReader
from .types import Intent

log = logging.getLogger(__name__)


class Pipeline:
    """classify(text) -> Intent, with the model and the policy passed in."""

    def __init__(
        self,
        model: Model | None = None,
        policy: Policy | None = None,
        rasa: RasaNLU | None = None,
        keywords: Keywords | None = None,
    ) -> None:
        self.model = model or load()
        self.policy = policy or Policy()
        self.rasa = rasa
        self.keywords = keywords or DEFAULT_KEYWORDS
        self.reader = ClauseReader(self.keywords)

    def __call__(self, text: str) -> Intent:
        """Classify one inbound message; never raises on odd input. A phone's reaction to our
        message and our instructions quoted back are taken out first (`quotes.py`)."""
        stripped, quoted = strip_quotes(text or "")
        intent = self._classify(stripped)
        if not quoted:
            return intent
        if intent.source == Source.EMPTY:  # nothing but the reaction: 'Liked “… Reply STOP to end”'
            return Intent("other", 1.0, detect_language(fold(text)), Source.RULE, f"rule:quoted.{quoted.replace('-', '_')}")
        return dataclasses.replace(intent, detail=f"{intent.detail}:{quoted}-removed")

    def _classify(self, text: str) -> Intent:
        folded = fold(text)
        if not folded:
            return Intent("other", 1.0, "en", Source.EMPTY)
        found = self.keywords.match(folded) or self.keywords.match_typo(folded)
        if found:
            return found
        language = detect_language(folded)
        reading = self.reader.read(text, language)
        if reading.intent:
            return self.policy.decide_rule(reading.intent, reading.confidence, language, reading.rule, reading.flagged)
        if self.rasa is None and not has_any_cue(text, folded):  # nothing the model could act on
            return Intent("other", 1.0, language, Source.CUE_GATE, f"model:{self.model.version}:no-cue")
        probabilities, source, note = self.gated(correct_typos(folded)), Source.MODEL, ""
        if self.rasa is not None:
            try:
                rasa = self.rasa.probabilities(text)
                probabilities = {n: (p + rasa[n]) / 2 for n, p in probabilities.items()}
                source = Source.MODEL_RASA
            except RasaUnavailable as why:
                log.warning("Rasa NLU unavailable (%s): local model answers alone", why)
                note = f":rasa-unavailable:{why}"
        if reading.veto:  # a stop word used about something else: no model opt-out
            probabilities = without(probabilities, "opt_out")
        return self.policy.decide(probabilities, language, self.model.version, source, note)

    def gated(self, model_text: str) -> dict[str, float]:
        """The model's probabilities, with opt-out (opt-in) ruled out for text without a cue."""
        probabilities = self.model.probabilities(model_text)
        if not has_opt_out_cue(model_text):
            probabilities = without(probabilities, "opt_out")
        return probabilities if has_opt_in_cue(model_text) else without(probabilities, "opt_in")


def without(probabilities: dict[str, float], name: str) -> dict[str, float]:
    """Renormalise over the other intents: no cue, no `name`."""
    rest = {k: v for k, v in probabilities.items() if k != name}
    total = sum(rest.values()) or 1.0
    return {**{k: v / total for k, v in rest.items()}, name: 0.0}


_DEFAULT: Pipeline | None = None


def classify(text: str) -> Intent:
    """The default pipeline (shipped model, default policy), built once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT(text)
