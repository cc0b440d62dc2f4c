"""The closed sets every layer names: what a message did (events) and which layer decided
(sources). The store, ops, the API and its OpenAPI document all read them from here."""

from __future__ import annotations

from enum import StrEnum  # str(Event.OPTED_OUT) == "opted_out": safe in JSON, f-strings and Redis


class Event(StrEnum):
    """What handling one message did."""

    OPTED_OUT = "opted_out"
    OPTED_IN = "opted_in"
    REASON_RECORDED = "reason_recorded"
    REASON_IGNORED = "reason_ignored"
    OPT_IN_REQUESTED = "opt_in_requested"
    ASKED_TO_CONFIRM = "asked_to_confirm"
    HELP = "help"
    IGNORED = "ignored"
    SUPERSEDED = "superseded"  # a journalled message older than the last consent change
    REPLAYED = "replayed"  # a retry whose log line has expired


class Source(StrEnum):
    """Which layer decided an intent."""

    KEYWORD = "keyword"
    TYPO = "typo"
    RULE = "rule"
    MODEL = "model"
    MODEL_RASA = "model+rasa"
    CUE_GATE = "cue-gate"
    EMPTY = "empty"
    CARRIER = "carrier"
    RASA = "rasa"
    WEB = "web"
    OPS = "ops"
    IMPORT = "import"


# consent changes and what else is kept for ever as evidence; the register feed shows the first
REGISTER_EVENTS = frozenset({Event.OPTED_OUT, Event.OPTED_IN, Event.REASON_RECORDED})
EVIDENCE_EVENTS = REGISTER_EVENTS | {Event.OPT_IN_REQUESTED}
