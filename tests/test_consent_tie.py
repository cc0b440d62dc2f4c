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
