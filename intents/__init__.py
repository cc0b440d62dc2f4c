"""The intent layer: what does an inbound SMS ask for? See README, 'Intent layer'."""
from .pipeline import classify
from .types import INTENT_NAMES, Intent

__all__ = ["classify", "Intent", "INTENT_NAMES"]
