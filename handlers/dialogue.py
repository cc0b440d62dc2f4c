"""The dialogue as data: {state: {intent: handler function}}, a fallback and a timeout."""

from __future__ import annotations

from collections.abc import Callable

from domain.records import State, Subscriber
from intents.types import IntentName

from .actions import (
    handle_help,
    handle_help_while_awaiting_reason,
    handle_opt_in,
    handle_opt_in_while_awaiting_reason,
    handle_opt_out,
    handle_opt_out_while_awaiting_reason,
    handle_other,
    handle_reason,
)
from .turn import Outcome, Turn

Handler = Callable[[Turn], Outcome]
TRANSITIONS: dict[State, dict[IntentName, Handler]] = {
    State.SUBSCRIBED: {"opt_out": handle_opt_out, "help": handle_help},
    State.OPTED_OUT: {"opt_out": handle_opt_out, "opt_in": handle_opt_in, "help": handle_help},
    State.AWAITING_REASON: {
        "opt_out": handle_opt_out_while_awaiting_reason,
        "opt_in": handle_opt_in_while_awaiting_reason,
        "help": handle_help_while_awaiting_reason,
        "other": handle_reason,
    },
}
FALLBACK: Handler = handle_other
# actions a caller names outright, bypassing the table (the web page's reason form)
EXPLICIT: dict[str, Handler] = {"reason": handle_reason}


def current(subscriber: Subscriber, now: float) -> Subscriber:
    """Apply the timeout: an unanswered 'why?' stops waiting after its deadline."""
    return subscriber.as_of(now)


def handler_for(state: State, intent_name: IntentName) -> Handler:
    """The table lookup, with the fallback for pairs the table does not name."""
    return TRANSITIONS[state].get(intent_name, FALLBACK)


def explicit(name: str) -> Handler:
    """A named action, failing loudly with the known names."""
    try:
        return EXPLICIT[name]
    except KeyError:
        raise KeyError(f"no explicit handler {name!r}; known: {sorted(EXPLICIT)}") from None


def respond(turn: Turn, handler_name: str | None = None) -> Outcome:
    """Run one turn through the table (or through a named action, e.g. a web reason form)."""
    handler = explicit(handler_name) if handler_name else handler_for(row_of(turn), turn.intent.name)
    return handler(turn)


def row_of(turn: Turn) -> State:
    """The table's row for this turn: with REVOKE_ALL, a record that an opt-out in another scope
    blocks is answered as opted out, so that a START here resubscribes here."""
    subscriber = turn.subscriber
    if (
        turn.settings.revoke_all
        and subscriber.state is State.SUBSCRIBED
        and subscriber.revoked_anywhere(turn.settings.consent_tie)
    ):
        return State.OPTED_OUT
    return subscriber.state
