"""The dialogue as data: {state: {intent: handler}}, a fallback and a timeout."""
from __future__ import annotations

from collections.abc import Callable

from domain.records import State, Subscriber

from . import actions  # noqa: F401  (registers the handlers)
from .registry import get_handler
from .turn import Outcome, Turn

TRANSITIONS: dict[State, dict[str, str]] = {
    State.SUBSCRIBED: {"opt_out": "opt_out", "help": "help"},
    State.OPTED_OUT: {"opt_out": "opt_out", "opt_in": "opt_in", "help": "help"},
    State.AWAITING_REASON: {"opt_out": "opt_out_while_awaiting_reason",
                            "opt_in": "opt_in_while_awaiting_reason",
                            "help": "help_while_awaiting_reason", "other": "reason"},
}
FALLBACK = "ignore"
def current(subscriber: Subscriber, now: float) -> Subscriber:
    """Apply the timeout: an unanswered 'why?' stops waiting after its deadline."""
    return subscriber.as_of(now)


def handler_for(state: State, intent_name: str) -> Callable[[Turn], Outcome]:
    """The table lookup, with the fallback for pairs the table does not name."""
    return get_handler(TRANSITIONS[state].get(intent_name, FALLBACK))


def respond(turn: Turn, handler_name: str | None = None) -> Outcome:
    """Run one turn through the table (or through a named handler, e.g. a web reason form)."""
    handler = get_handler(handler_name) if handler_name else handler_for(turn.subscriber.state, turn.intent.name)
    outcome: Outcome = handler(turn)
    return outcome


def check_table() -> None:
    """Fail at import when the table names a handler nobody registered."""
    for row in TRANSITIONS.values():
        for name in [*row.values(), FALLBACK]:
            get_handler(name)


check_table()
