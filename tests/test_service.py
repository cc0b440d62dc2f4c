"""The service on a real Redis: timeout, concurrency, STOPALL, retention split, journal replay."""

from __future__ import annotations

import os
import threading
import time

import pytest

from service import Inbound
from tests.conftest import BUSINESS, SUBSCRIBER

OTHER_SCOPE = "MG" + "2" * 32


@pytest.fixture
def service(app):
    with app.app_context():
        yield app.service()


def send(service, text: str, sid: str, now: float, scope: str = BUSINESS):
    return service.handle(Inbound(scope, SUBSCRIBER, text, sid, now=now))


def test_reason_wait_times_out(service):
    start = time.time()
    send(service, "STOP", "SM1", start)
    late = start + 86400 + 1
    result = send(service, "because reasons", "SM2", late)
    assert result.reply is None
    assert result.entry["event"] == "ignored"
    stored = service.store.load(BUSINESS, SUBSCRIBER)
    assert stored.state.value == "opted_out" and stored.reason == ""


def test_reason_inside_the_window_is_recorded(service):
    start = time.time()
    send(service, "STOP", "SM1", start)
    send(service, "wrong number", "SM2", start + 86000)
    stored = service.store.load(BUSINESS, SUBSCRIBER)
    assert stored.reason_category == "wrong_number" and stored.state.value == "opted_out"


def test_concurrent_messages_from_one_number_leave_a_consistent_chain(service):
    texts = ["STOP", "START"] * 10
    barrier = threading.Barrier(len(texts))

    def worker(i: int, text: str) -> None:
        barrier.wait()
        send(service, text, f"SMc{i}", time.time())

    threads = [threading.Thread(target=worker, args=(i, t)) for i, t in enumerate(texts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    chain = sorted((e for _, e in service.intent_log.scan() if e["number"] == SUBSCRIBER), key=lambda e: e["seq"])
    assert [e["seq"] for e in chain] == list(range(1, len(texts) + 1))  # one commit order
    assert len({e["message_sid"] for e in chain}) == len(texts)
    for earlier, later in zip(chain, chain[1:]):
        assert later["state_before"] == earlier["state_after"]
    assert service.store.load(BUSINESS, SUBSCRIBER).state.value == chain[-1]["state_after"]
    history = service.store.history(BUSINESS, SUBSCRIBER)  # every consent change, recent chatter
    changes = [e for e in chain if e["state_before"] != e["state_after"]]
    assert all(e in history for e in changes) and history == sorted(history, key=lambda e: e["seq"])


def test_concurrent_retries_of_one_sid_are_processed_once(service):
    barrier = threading.Barrier(8)
    results = []

    def worker() -> None:
        barrier.wait()
        results.append(send(service, "STOP", "SMsame", time.time()))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sum(not r.replayed for r in results) == 1
    assert len({r.reply for r in results}) == 1
    assert len(service.store.history(BUSINESS, SUBSCRIBER)) == 1


def test_stopall_covers_every_known_scope(service):
    now = time.time()
    send(service, "hi", "SMx", now, scope=OTHER_SCOPE)
    result = send(service, "STOP ALL", "SMall", now)
    assert result.entry["all_scopes"] is True
    assert service.store.load(BUSINESS, SUBSCRIBER).opted_out
    other = service.store.load(OTHER_SCOPE, SUBSCRIBER)
    assert other.opted_out and other.state.value == "opted_out"


def test_plain_stop_covers_only_its_scope(service):
    now = time.time()
    send(service, "hi", "SMx", now, scope=OTHER_SCOPE)
    send(service, "STOP", "SMone", now)
    assert not service.store.load(OTHER_SCOPE, SUBSCRIBER).opted_out


def test_opt_out_evidence_outlives_log_retention(redis_url, prefix):
    from tests.conftest import make_app

    app = make_app(redis_url, prefix, LOG_RETENTION_DAYS=0, ASK_REASON=False)
    with app.app_context():
        service = app.service()
        send(service, "STOP", "SMold", time.time() - 10)
        send(service, "hello", "SMnoise", time.time() - 5)
        time.sleep(0.01)
        send(service, "more noise", "SMnew", time.time())
        assert service.intent_log.trim(now=time.time() + 1) == 3  # log lines; the register stays
        assert service.intent_log.trim(now=time.time() + 1) == 0
        kept = [e["message_sid"] for e in service.store.history(BUSINESS, SUBSCRIBER)]
        register = [e["message_sid"] for e in service.intent_log.register()]
    assert kept == ["SMold"]
    assert register == ["SMold"]


def test_journalled_messages_replay_once_in_their_original_order(service, tmp_path):
    from service.journal import Journal

    journal = Journal(str(tmp_path))
    stop = Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMjournalled", now=time.time() - 60)
    start = Inbound(BUSINESS, SUBSCRIBER, "START", "SMlater", now=time.time() - 30)
    journal.append(start, service.intent_for(start), "ConnectionError")  # arrived out of order
    journal.append(stop, service.intent_for(stop), "ConnectionError")
    journal.append(stop, service.intent_for(stop), "ConnectionError")  # a Twilio retry
    assert journal.consent(BUSINESS, SUBSCRIBER) is False  # the newest journalled decision
    assert oct(os.stat(journal.path).st_mode & 0o777) == "0o600"
    assert journal.replay(lambda j: service.handle(j.message, j.intent, replay=True)) == 3
    assert not service.store.load(BUSINESS, SUBSCRIBER).opted_out  # STOP, then START
    assert [e["message_sid"] for e in service.store.history(BUSINESS, SUBSCRIBER)] == ["SMjournalled", "SMlater"]
    assert journal.replay(lambda j: service.handle(j.message, j.intent, replay=True)) == 0


def test_lines_journalled_while_a_replay_runs_are_never_lost(service, tmp_path):
    import threading

    from service.journal import Journal

    journal = Journal(str(tmp_path))
    writes = [Inbound(BUSINESS, f"+1415555{n:04d}", "STOP", f"SMrace{n}") for n in range(60)]
    applied: list[str] = []

    def writer() -> None:
        for message in writes:
            journal.append(message, service.intent_for(message), "ConnectionError")

    thread = threading.Thread(target=writer)
    thread.start()
    while thread.is_alive():
        journal.replay(lambda j: applied.append(j.message.message_sid))
    thread.join()
    journal.replay(lambda j: applied.append(j.message.message_sid))
    assert sorted(applied) == sorted(m.message_sid for m in writes)
    assert not journal.has_pending()


def test_reading_the_journal_while_a_replay_moves_it_never_counts_a_line_twice(service, tmp_path):
    import threading

    from service.journal import Journal

    journal = Journal(str(tmp_path))
    message = Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMonce")
    intent = service.intent_for(message)
    appended: list[int] = []
    stop = threading.Event()

    def store_still_down(_):
        raise RuntimeError("store still down")

    def writer_and_replayer() -> None:
        while not stop.is_set() and len(appended) < 400:
            journal.append(message, intent, "ConnectionError")
            appended.append(1)
            try:
                journal.replay(store_still_down)  # moves the journal aside, applies nothing
            except RuntimeError:
                pass

    thread = threading.Thread(target=writer_and_replayer)
    thread.start()
    try:
        while thread.is_alive():
            before = len(appended)
            entries = journal.entries()
            arrivals = [j.received for j in entries]
            assert len(arrivals) >= before  # nothing written is missing
            assert len(set(arrivals)) == len(arrivals)  # and nothing is seen twice
    finally:
        stop.set()
        thread.join()
