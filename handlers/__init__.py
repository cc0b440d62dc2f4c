"""The dialogue: states, the transition table and one plain handler per intent."""

from domain.records import State, Subscriber

from .dialogue import TRANSITIONS, current, respond
from .replies import render
from .turn import DialogueSettings, Outcome, Turn

__all__ = ["TRANSITIONS", "current", "render", "respond", "State", "Subscriber", "DialogueSettings", "Outcome", "Turn"]
