"""One plain handler per intent: each returns an Outcome and does no I/O."""

from __future__ import annotations

from domain.events import Event
from domain.records import State
from intents import Intent
from intents.reasons import REASON_CATEGORIES, classify_reason

from .replies import render, reply_language
from .segments import segment_count
from .turn import Outcome, Turn


def _language(turn: Turn) -> str:
    """Reply in the message's language when we have templates for it."""
    return reply_language(turn.intent.language, turn.subscriber.language)


def _reply(turn: Turn, key: str) -> str:
    """Render a template for this turn's brand and language."""
    s = turn.settings
    return render(key, _language(turn), s.brand, s.contact)


def _silenced(turn: Turn) -> bool:
    """Twilio already answered this keyword itself; a second text would be one too many."""
    return turn.carrier_acted and not turn.settings.reply_when_carrier_acted


def _is_command(turn: Turn) -> bool:
    """A bare keyword (ours, the program's or Twilio's OptOutType), as opposed to a sentence."""
    return turn.intent.source in EXPLICIT_SOURCES


EXPLICIT_SOURCES = frozenset({"keyword", "carrier"})
QUIET_CHANNELS = frozenset({"web", "ops"})  # they ask 'why?' themselves, or nobody is there


def handle_opt_out(turn: Turn) -> Outcome:
    """Opt out at once and confirm once; optionally ask why."""
    if turn.intent.flagged and turn.settings.grey_zone == "confirm":
        return Outcome(turn.subscriber, _reply(turn, "confirm_opt_out"), Event.ASKED_TO_CONFIRM)
    # the web page asks 'why?' itself; after a carrier's STOP no second text may ask it
    ask = turn.settings.ask_reason and not turn.carrier_acted and turn.channel not in QUIET_CHANNELS
    record = turn.subscriber.evolve(
        state=State.AWAITING_REASON if ask else State.OPTED_OUT,
        opted_out_at=turn.now,
        opted_out_by=decided_by(turn.intent),
        awaiting_reason_until=turn.now + turn.settings.reason_timeout if ask else None,
        language=_language(turn),
        channel=turn.channel,
        reason="",
        reason_category="",
    )
    reply = _reply(turn, "opt_out_all" if turn.settings.revoke_all else "opt_out") + (_reply(turn, "ask_reason") if ask else "")
    quiet = _silenced(turn) or turn.channel == "ops"
    return Outcome(record, None if quiet else reply, Event.OPTED_OUT)


def decided_by(intent: Intent) -> str:
    """'keyword:stop', 'rule:command', 'model:0b6dd9d37371': the rule that decided, named once."""
    detail = intent.detail
    return detail if detail.split(":", 1)[0] in (intent.source, f"program-{intent.source}") else f"{intent.source}:{detail}"


def handle_opt_out_while_awaiting_reason(turn: Turn) -> Outcome:
    """A bare keyword is confirmed again; a sentence is the answer to 'why?'."""
    return handle_opt_out(turn) if _is_command(turn) else handle_reason(turn)


def handle_help_while_awaiting_reason(turn: Turn) -> Outcome:
    """HELP/INFO gets the help text; a question-like sentence is still the answer to 'why?'."""
    return handle_help(turn) if _is_command(turn) else handle_reason(turn)


def handle_opt_in(turn: Turn) -> Outcome:
    """Only an explicit START/UNSTOP/YES resubscribes; asked in words, the answer says how."""
    if not _is_command(turn):
        return Outcome(turn.subscriber, _reply(turn, "how_to_opt_in"), Event.OPT_IN_REQUESTED)
    record = turn.subscriber.evolve(
        state=State.SUBSCRIBED, opted_in_at=turn.now, awaiting_reason_until=None, channel=turn.channel, language=_language(turn)
    )
    return Outcome(record, None if _silenced(turn) else _reply(turn, "opt_in"), Event.OPTED_IN)


def handle_opt_in_while_awaiting_reason(turn: Turn) -> Outcome:
    """START resubscribes; 'not relevant' or 'add me back' is only an answer to 'why?'."""
    return handle_opt_in(turn) if _is_command(turn) else handle_reason(turn)


def handle_help(turn: Turn) -> Outcome:
    """The help text, in any state, as carriers require (with the terms' link when it fits)."""
    reply = None if _silenced(turn) else with_terms(turn, _reply(turn, "help"))
    return Outcome(turn.subscriber, reply, Event.HELP)


def with_terms(turn: Turn, text: str) -> str:
    """The program's terms page appended, unless that would cost another SMS segment."""
    url = turn.settings.terms_url
    if not url:
        return text
    longer = f"{text} {TERMS_LABEL.get(_language(turn), 'Terms')}: {url}"  # the page follows the phone's language
    return longer if segment_count(longer) <= segment_count(text) else text


TERMS_LABEL = {"es": "Condiciones", "fr": "Conditions"}


def handle_reason(turn: Turn) -> Outcome:
    """Record the answer to 'why?'; by default say nothing more (one confirmation only).

    A reason never opts anyone out: after a later START it is kept aside, state unchanged."""
    if not turn.subscriber.opted_out:
        return Outcome(turn.subscriber, None, Event.REASON_IGNORED)
    record = turn.subscriber.evolve(
        state=State.OPTED_OUT, awaiting_reason_until=None, reason=turn.text[:500], reason_category=_reason_category(turn)
    )
    reply = _reply(turn, "reason_ack") if turn.settings.reason_ack else None
    return Outcome(record, reply, Event.REASON_RECORDED)


def _reason_category(turn: Turn) -> str:
    """A category the subscriber chose (web form: detail 'category:<name>'), else classified."""
    prefix, _, chosen = turn.intent.detail.partition(":")
    if prefix == "category" and chosen in REASON_CATEGORIES:
        return chosen
    return classify_reason(turn.text)


def handle_other(turn: Turn) -> Outcome:
    """Anything else: no reply, logged for ops."""
    return Outcome(turn.subscriber, None, Event.IGNORED)
