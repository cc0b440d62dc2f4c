"""One inbound message end to end: classify, run the dialogue, store atomically, log."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from domain.events import Event, Source
from domain.log_entry import LogEntry
from domain.messages import Inbound
from domain.privacy import mask
from handlers import DialogueSettings, Outcome, State, Subscriber, Turn, current, render, respond
from intents import Intent
from store.connection import OUTAGES
from store.intent_log import IntentLog
from store.subscribers import SubscriberStore

from .attribution import attributed
from .consent import Consent, last_change, merged, overrides
from .journal import NOTHING_WAITING, Journal, Journalled, Waiting
from .revoke_all import across_scopes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    """What to answer, and the log entry that explains it."""

    reply: str | None
    entry: LogEntry
    replayed: bool = False
    queued: bool = False  # journalled behind this number's waiting messages, not yet stored


class OptOutService:
    """Ties the intent layer, the dialogue and the store together (dependencies passed in)."""

    def __init__(
        self,
        classify: Callable[[str], Intent],
        store: SubscriberStore,
        intent_log: IntentLog,
        settings: DialogueSettings,
        journal: Journal | None = None,
    ) -> None:
        self.classify = classify
        self.store = store
        self.intent_log = intent_log
        self.settings = settings
        self.journal = journal  # messages the store could not take yet
        self._replayer: threading.Thread | None = None
        self._replayer_lock = threading.Lock()
        self._stop_replaying = threading.Event()

    def intent_for(self, message: Inbound) -> Intent:
        """Twilio's own OptOutType wins; otherwise the intent layer decides."""
        carrier = message.carrier_intent
        if carrier:
            return Intent(carrier, 1.0, "en", Source.CARRIER, f"OptOutType={message.carrier_action}")
        return self.classify(message.text)

    def handle(
        self,
        message: Inbound,
        intent: Intent | None = None,
        handler: str | None = None,
        replay: bool = False,
        deadline: float | None = None,
        waiting: Waiting | None = None,
    ) -> Result:
        """Process one message exactly once per MessageSid.

        `intent` when the caller already knows it (Rasa, web, import); `handler` to bypass
        the table for an explicit action such as the web page's reason form; `replay` for a
        journalled message, which never overrides a consent change newer than itself;
        `deadline` (time.monotonic()) after which no write is started (the caller journals);
        `waiting`: what the journal holds, when the caller has already asked (self.waiting).
        """
        intent = intent or self.intent_for(message)
        if not replay and (waiting if waiting is not None else self.waiting(message)).number:
            return self._queue_behind(message, intent)
        decide = self._decide_in_order
        applied = self.store.apply(
            message.scope,
            message.number,
            message.message_sid,
            lambda sub: decide(message, intent, sub, handler, replay),
            deadline,
        )
        if not applied.replayed and intent.all_scopes and intent.name == "opt_out":
            self._opt_out_elsewhere(message, intent)
        log.info(
            "%s %s -> %s (%s %.2f)%s",
            mask(message.number),
            message.scope,
            applied.entry["event"],
            intent.source,
            intent.confidence,
            " replayed" if applied.replayed else "",
        )
        return Result(applied.entry["reply"], applied.entry, applied.replayed)

    def waiting(self, message: Inbound) -> Waiting:
        """What the journal holds for a live message: one query, asked once per message."""
        return self.journal.waiting(message.number) if self.journal is not None else NOTHING_WAITING

    def _decide(
        self, message: Inbound, intent: Intent, stored: Subscriber, handler: str | None = None
    ) -> tuple[Subscriber, LogEntry, bool]:
        """The pure part: the dialogue's outcome and the log entry describing it."""
        before = current(stored, message.now)
        turn = Turn(
            before,
            intent,
            message.text,
            message.now,
            self.settings,
            message.channel,
            carrier_acted=message.carrier_intent is not None,
        )
        outcome = respond(turn, handler)
        entry = log_entry(message, intent, stored, outcome)
        record, entry = attributed(stored, outcome.subscriber, entry, self.settings.attribution_window)
        return record, entry, outcome.is_evidence

    def _decide_in_order(
        self, message: Inbound, intent: Intent, stored: Subscriber, handler: str | None = None, replay: bool = False
    ) -> tuple[Subscriber, LogEntry, bool]:
        """A message sent before the record's last consent change is kept, not applied: the later
        message wins, whether it came live (two workers commit out of order) or from the journal."""
        record, entry, evidence = self._decide(message, intent, stored, handler)
        tie = self.settings.consent_tie
        if (record.state is stored.state and not self._lifts_block(stored, record)) or overrides(
            message.now, record.opted_out, self._last_decided(stored, record), tie
        ):
            return record, entry, evidence
        entry = {**entry, "state_after": stored.state.value, "event": Event.SUPERSEDED}
        if not record.opted_out and entry["reply"] and not replay:  # the answer it gets now: still opted out
            entry["reply"] = render("how_to_opt_in", stored.language, self.settings.brand, self.settings.contact)
        return stored, entry, True

    def _lifts_block(self, stored: Subscriber, record: Subscriber) -> bool:
        """A START in a scope that REVOKE_ALL blocks: the state stays 'subscribed', but it decides."""
        blocked = self.settings.revoke_all and stored.revoked_anywhere(self.settings.consent_tie)
        return blocked and not record.opted_out and record.opted_in_at != stored.opted_in_at

    def _last_decided(self, stored: Subscriber, record: Subscriber) -> float | None:
        """The consent change a decision must follow: the record's own; with REVOKE_ALL, for a
        START, an opt-out in any scope too (a START within the tie of a STOP ALL lifts nothing)."""
        own = last_change(stored)
        if not self.settings.revoke_all or record.opted_out or stored.opted_out_anywhere_at is None:
            return own
        return max(own or 0.0, stored.opted_out_anywhere_at)

    def consent(self, scope: str, number: str, record: Subscriber | None = None) -> Consent:
        """The one consent truth: the store's record (`record` when the caller has already read
        it) and the journal's newest decision, merged by time (service.consent.merged); with
        REVOKE_ALL, an opt-out in any scope counts here too (service.revoke_all)."""
        record = record or self.store.load(scope, number)
        journalled = self.journal.decision(scope, number, self.settings.consent_tie) if self.journal is not None else None
        own = merged(record, journalled, self.settings.consent_tie)
        if not self.settings.revoke_all:
            return own
        journalled_here = self.journal.for_number(number) if self.journal is not None else []
        return across_scopes(own, record, journalled_here, self.settings.consent_tie)

    def pending_opt_outs(self) -> list[Journalled]:
        """Journalled opt-outs that decide their number's consent now (the store has not taken
        them yet): what the exports and the API list as 'pending write'."""
        if self.journal is None:
            return []
        found = []
        for journalled in self.journal.opted_out_numbers(self.settings.consent_tie):
            message = journalled.message
            pending = self.consent(message.scope, message.number).pending
            if pending is not None and pending.message.message_sid == message.message_sid:
                found.append(journalled)
        return found

    def opted_out(self, scope: str, number: str, record: Subscriber | None = None) -> bool:
        """May nothing but the allowed replies be sent? (the merged consent)."""
        return self.consent(scope, number, record).opted_out

    def handle_or_keep(self, message: Inbound, intent: Intent) -> bool:
        """A message no one can send again (a carrier's refusal): stored, else journalled.
        True when stored; OSError only when the journal cannot take it either."""
        try:
            result = self.handle(message, intent)
        except Exception as error:  # journalled whatever the failure: the replay applies it
            self.keep(message, intent, error)
            return False
        return not result.queued  # queued: journalled behind this number's waiting messages

    def keep(self, message: Inbound, intent: Intent | None, error: Exception) -> bool:
        """After recording failed: journal the message (OSError when even that fails). True when
        the store is only unreachable (a replay is started), False for any other failure."""
        if self.journal is None:
            raise OSError("no journal to keep the message in") from error
        self.journal.append(message, intent, repr(error))
        if not isinstance(error, OUTAGES):
            return False
        self.replay_soon()
        return True

    def offline_reply(self, message: Inbound, intent: Intent) -> str | None:
        """What the dialogue would answer when the record cannot be read: the confirmation
        (without 'why?'), the help text, or how to opt in again."""
        return self._offline(message, intent)[1].reply

    def _offline(self, message: Inbound, intent: Intent) -> tuple[Subscriber, Outcome]:
        """The record assumed when it cannot be read, and the dialogue's outcome on it."""
        assumed = State.OPTED_OUT if intent.name == "opt_in" else State.SUBSCRIBED
        settings = replace(self.settings, ask_reason=False)
        before = Subscriber(message.scope, message.number, assumed)
        turn = Turn(before, intent, message.text, message.now, settings, message.channel, message.carrier_intent is not None)
        return before, respond(turn)

    def _queue_behind(self, message: Inbound, intent: Intent) -> Result:
        """The number has journalled messages the store has not taken yet: this one is journalled
        behind them (answered as offline), so the replay applies all in the order they were sent."""
        assert self.journal is not None
        self.journal.append(message, intent, "queued behind journalled messages")
        self.replay_soon()
        before, outcome = self._offline(message, intent)
        log.info("%s %s queued behind the journal", mask(message.number), message.scope)
        return Result(outcome.reply, log_entry(message, intent, before, outcome), queued=True)

    def replay_journal(self) -> int:
        """Apply journalled messages now (one process at a time); 0 when there are none."""
        if self.journal is None or not self.journal.has_pending():
            return 0
        return self.journal.replay(lambda j: self.handle(j.message, j.intent, replay=True))

    def replay_soon(self, poll_seconds: float = 1.0) -> None:
        """In the background: replay as soon as the store answers again (one thread a process)."""
        with self._replayer_lock:
            if self._replayer is not None and self._replayer.is_alive():
                return
            self._replayer = threading.Thread(
                target=self._replay_until_empty, args=(poll_seconds,), name="journal-replay", daemon=True
            )
            self._replayer.start()

    def _replay_until_empty(self, poll_seconds: float, longest_wait: float = 5.0) -> None:
        """Poll the store and replay until the journal is empty, waiting longer (up to
        `longest_wait`) while the store stays away: no traffic is needed to drain it."""
        wait = poll_seconds
        while self.journal is not None and self.journal.has_pending():
            try:
                self.replay_journal()
                wait = poll_seconds
            except Exception as error:  # the store is still away: try again shortly
                log.info("journal replay waits for the store: %r", error)
                wait = min(wait * 2, longest_wait)
            if self._stop_replaying.wait(wait if self.journal.has_pending() else 0):
                return

    def stop_replaying(self) -> None:
        """End the background replay (shutdown, tests) and wait for it."""
        self._stop_replaying.set()
        if self._replayer is not None:
            self._replayer.join(timeout=10)

    def _opt_out_elsewhere(self, message: Inbound, intent: Intent) -> None:
        """STOPALL: the same opt-out, silently, in every other scope the number is known in."""
        for scope in self.store.scopes_of(message.number):
            if scope != message.scope:
                other = Inbound(scope, message.number, message.text, message.message_sid, message.channel, "STOP", message.now)
                self.store.apply(scope, message.number, message.message_sid, partial(self._decide, other, intent))


def log_entry(message: Inbound, intent: Intent, before: Subscriber, outcome: Outcome) -> LogEntry:
    """Everything an auditor asks: who, when, what text, which rule, how sure, what changed."""
    return {
        "time": message.now,
        "scope": message.scope,
        "number": message.number,
        "channel": message.channel,
        "text": message.text,
        "message_sid": message.message_sid,
        "carrier_action": message.carrier_action,
        "confidence": round(intent.confidence, 4),  # the intent's fields, in Intent.to_dict's order
        "language": intent.language,
        "source": intent.source,
        "detail": intent.detail,
        "flagged": intent.flagged,
        "intent": intent.name,
        "all_scopes": intent.all_scopes,
        "state_before": before.state.value,
        "state_after": outcome.subscriber.state.value,
        "event": outcome.event,
        "reply": outcome.reply,
        "reason_category": outcome.subscriber.reason_category if outcome.event == "reason_recorded" else "",
    }
