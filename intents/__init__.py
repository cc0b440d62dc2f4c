"""The intent layer: what does an inbound SMS ask for? See README, 'Intent layer'."""

from .pipeline import Pipeline, classify
from .policy import Policy
from .reasons import classify_reason
from .types import INTENT_NAMES, Intent

__all__ = ["classify", "classify_reason", "Intent", "INTENT_NAMES", "Pipeline", "Policy"]
