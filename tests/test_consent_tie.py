"""Two consent messages too close for a worker's clock to order (#27 point 4): START and STOP
stamped less than CONSENT_TIE_MS apart are simultaneous and the opt-out wins, whichever commits
first; farther apart, the later stamp wins as before. Stamps are set on the messages, so no
test waits on a clock."""

from __future__ import annotations

import time
import uuid

import pytest

from service import Inbound
from service.consent import overrides
from tests.conftest import BUSINESS, SUBSCRIBER, make_app

TIE = 1.0  # the default CONSENT_TIE_MS, in seconds


@pytest.mark.parametrize(
    "made_at, opts_out, last_at, tie, wins",
    [
        (10.0, False, None, TIE, True),  # nothing to override
        (12.0, False, 10.0, TIE, True),  # an opt-in well after: later wins
        (10.5, False, 10.0, TIE, False),  # an opt-in within the tie: the opt-out stands
        (9.5, True, 10.0, TIE, True),  # an opt-out stamped before an opt-in, within the tie: it wins
        (8.0, True, 10.0, TIE, False),  # an opt-out well before a later opt-in: superseded
        (10.0, True, 10.0, 0.0, True),  # the same instant without a tie window: the opt-out
        (10.0, False, 10.0, 0.0, False),
        (10.999, False, 10.0, TIE, False),
        (11.0, False, 10.0, TIE, True),  # exactly the window apart: ordered
    ],
)
def test_the_later_decision_wins_unless_they_tie(made_at, opts_out, last_at, tie, wins):
    assert overrides(made_at, opts_out, last_at, tie) is wins


@pytest.fixture
def service(redis_url, prefix):
    app = make_app(redis_url, prefix, CONSENT_TIE_MS=int(TIE * 1000), ASK_REASON=False)
    with app.app_context():
        yield app.service()


def text(service, body: str, at: float):
    return service.handle(Inbound(BUSINESS, SUBSCRIBER, body, f"SM{uuid.uuid4().hex}", now=at))


def test_a_start_stamped_within_the_tie_after_a_stop_leaves_the_number_opted_out_and_says_so(service):
    at = time.time()
    text(service, "STOP", at)
    start = text(service, "START", at + TIE / 2)
    assert service.store.load(BUSINESS, SUBSCRIBER).opted_out
    assert start.entry["event"] == "superseded" and start.reply == "Acme Shoes: to get our messages again, reply START."
    again = text(service, "START", at + TIE * 1.5)  # sent again, clearly later: honoured
    assert not service.store.load(BUSINESS, SUBSCRIBER).opted_out and again.entry["event"] == "opted_in"


def test_a_stop_committed_after_a_start_stamped_later_within_the_tie_still_opts_out(service):
    """The reversal the fault script saw: the START's worker stamped it after the STOP's did."""
    at = time.time()
    text(service, "STOP", at - 10)
    text(service, "START", at + TIE / 4)  # committed first, stamped a little later
    stop = text(service, "STOP", at)
    assert stop.entry["event"] == "opted_out" and service.store.load(BUSINESS, SUBSCRIBER).opted_out


def test_a_stop_stamped_well_before_a_committed_start_is_superseded(service):
    """Farther apart than the tie the stamps are trusted: STOP then START a while later."""
    at = time.time()
    text(service, "STOP", at - 10)
    text(service, "START", at)
    stop = text(service, "STOP", at - 2 * TIE)
    assert stop.entry["event"] == "superseded" and not service.store.load(BUSINESS, SUBSCRIBER).opted_out


def test_a_journalled_start_within_the_tie_of_a_journalled_stop_leaves_every_view_opted_out(redis_url, prefix, tmp_path):
    """While both wait in the journal (the store was away), every view reads what the replay
    will do: the STOP stands, so the number is not textable in the meantime."""
    app = make_app(redis_url, prefix, CONSENT_TIE_MS=int(TIE * 1000), INSTANCE_PATH=str(tmp_path), ASK_REASON=False)
    with app.app_context():
        service = app.service()
        at = time.time()
        stop = Inbound(BUSINESS, SUBSCRIBER, "STOP", f"SM{uuid.uuid4().hex}", now=at)
        start = Inbound(BUSINESS, SUBSCRIBER, "START", f"SM{uuid.uuid4().hex}", now=at + TIE / 2)
        for message in (stop, start):
            service.journal.append(message, service.intent_for(message), "ConnectionError('test: store away')")
        consent = service.consent(BUSINESS, SUBSCRIBER)
        assert consent.opted_out and consent.pending is not None and consent.pending.message.message_sid == stop.message_sid
        assert [j.message.message_sid for j in service.pending_opt_outs()] == [stop.message_sid]
        assert service.replay_journal() == 2
        assert service.store.load(BUSINESS, SUBSCRIBER).opted_out  # the replay agrees with the views


def test_a_carrier_start_lost_to_a_tie_sends_nothing_of_ours(service):
    """Twilio already answered a START its Advanced Opt-Out acted on: no second text, tie or not."""
    at = time.time()
    text(service, "STOP", at)
    start = service.handle(
        Inbound(BUSINESS, SUBSCRIBER, "START", f"SM{uuid.uuid4().hex}", carrier_action="START", now=at + TIE / 2)
    )
    assert start.entry["event"] == "superseded" and start.reply is None


OTHER_SCOPE = "+14155550177"  # a second sender of the same business


@pytest.fixture
def revoke_all(redis_url, prefix):
    app = make_app(redis_url, prefix, CONSENT_TIE_MS=int(TIE * 1000), ASK_REASON=False, REVOKE_ALL=True)
    with app.app_context():
        yield app.service()


def text_to(service, scope: str, body: str, at: float):
    return service.handle(Inbound(scope, SUBSCRIBER, body, f"SM{uuid.uuid4().hex}", now=at))


def test_with_revoke_all_a_start_elsewhere_within_the_tie_of_a_stop_lifts_nothing_and_a_later_one_does(revoke_all):
    """STOP to one sender, START to another a few ms later: which came first is a doubt, so
    the opt-out stands everywhere, and a START sent clearly later lifts the block where it went."""
    at = time.time()
    text_to(revoke_all, OTHER_SCOPE, "START", at - 100)  # a record of its own, long before
    text_to(revoke_all, BUSINESS, "STOP", at)
    start = text_to(revoke_all, OTHER_SCOPE, "START", at + TIE / 2)
    assert start.entry["event"] == "superseded" and "reply START" in start.reply
    assert revoke_all.consent(OTHER_SCOPE, SUBSCRIBER).opted_out
    again = text_to(revoke_all, OTHER_SCOPE, "START", at + TIE * 3)
    assert again.entry["event"] == "opted_in" and not revoke_all.consent(OTHER_SCOPE, SUBSCRIBER).opted_out
    assert revoke_all.consent(BUSINESS, SUBSCRIBER).opted_out  # a START resubscribes only its own scope


def test_with_revoke_all_a_start_elsewhere_committed_before_a_stop_stamped_just_before_it_is_blocked_then_lifted(revoke_all):
    """The race the tie is for: the START's worker committed first though the STOP was stamped
    2 ms earlier; the block stands, and the next START there is not lost behind it."""
    at = time.time()
    text_to(revoke_all, OTHER_SCOPE, "START", at - 100)
    text_to(revoke_all, BUSINESS, "STOP", at - 99)  # blocks the other scope
    text_to(revoke_all, BUSINESS, "START", at - 50)  # resubscribes its own scope only
    lifted = text_to(revoke_all, OTHER_SCOPE, "START", at + 0.002)  # lifts the old block: committed first
    assert lifted.entry["event"] == "opted_in"
    text_to(revoke_all, BUSINESS, "STOP", at)  # stamped 2 ms before that START, committed after it
    assert revoke_all.consent(OTHER_SCOPE, SUBSCRIBER).opted_out
    again = text_to(revoke_all, OTHER_SCOPE, "START", at + TIE * 3)
    assert again.entry["event"] == "opted_in" and not revoke_all.consent(OTHER_SCOPE, SUBSCRIBER).opted_out
