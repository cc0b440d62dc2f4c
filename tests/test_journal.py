"""The SQLite journal under real faults (a file-size limit, a torn JSONL tail, a damaged row),
and the one consent truth that merges it with the store by time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from domain.records import State, Subscriber
from intents import Intent
from service import Inbound
from service.consent import merged
from service.journal import Journal, Journalled
from tests.conftest import BUSINESS, SUBSCRIBER, make_app, post_sms
from tests.test_consent import wait_for

STOP = Intent("opt_out", 1.0, "en", "keyword", "stop")
START = Intent("opt_in", 1.0, "en", "keyword", "start")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def stop(number: str = SUBSCRIBER, sid: str = "SMstop", now: float | None = None) -> Inbound:
    return Inbound(BUSINESS, number, "STOP", sid, now=time.time() if now is None else now)


def start(number: str = SUBSCRIBER, sid: str = "SMstart", now: float | None = None) -> Inbound:
    return Inbound(BUSINESS, number, "START", sid, now=time.time() if now is None else now)


# --- a message is written whole or not at all ------------------------------------------

FILL_UNDER_A_LIMIT = textwrap.dedent("""
    import resource, sys
    from intents import Intent
    from service import Inbound
    from service.journal import Journal, JournalUnwritable
    journal = Journal(sys.argv[1])
    journal.has_pending()  # the schema first, then the limit
    limit = int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # CPython ignores SIGXFSZ
    stop = Intent("opt_out", 1.0, "en", "keyword", "stop")
    for n in range(100000):
        try:
            journal.append(Inbound("+14155550199", f"+1415555{n:04d}", "STOP " + "x" * 400, f"SMfs{n}"),
                           stop, "ConnectionError")
        except JournalUnwritable as error:
            print(n, "refused:", error)
            break
""")


def test_a_file_size_limit_refuses_a_message_whole_and_keeps_every_earlier_one(tmp_path):
    run = subprocess.run(
        [sys.executable, "-c", FILL_UNDER_A_LIMIT, str(tmp_path), str(1024 * 1024)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    written = int(run.stdout.split()[0])
    assert written > 10 and "refused:" in run.stdout  # the limit was reached, cleanly
    journal = Journal(str(tmp_path))
    entries = journal.entries()
    assert [j.message.message_sid for j in entries] == [f"SMfs{n}" for n in range(written)]
    assert journal.damaged() == 0
    assert journal.replay(lambda j: None) == written and not journal.has_pending()


def test_a_journal_that_cannot_be_written_is_a_503_and_no_confirmation(tmp_path, prefix):
    (tmp_path / "journal.sqlite3").mkdir()  # not a database: every write fails
    app = make_app("redis://127.0.0.1:1/0", prefix, INSTANCE_PATH=str(tmp_path), REDIS_TIMEOUT_SECONDS=0.2)
    answer = post_sms(app.test_client(), "STOP", sid="SMnowhere")
    assert answer.status_code == 503 and b"<Message>" not in answer.data  # Twilio's fallback URL gets it


# --- damage is set aside, never blocks ---------------------------------------------------


def old_line(message: Inbound, intent: Intent) -> str:
    return Journalled(message, intent, time.time()).to_json("ConnectionError")


def test_an_old_jsonl_journal_with_a_torn_tail_moves_in_and_the_torn_line_is_set_aside(tmp_path):
    whole = old_line(stop(sid="SMwhole"), STOP)
    torn = old_line(stop("+14155550111", "SMtorn"), STOP)[:40]
    (tmp_path / "journal.jsonl").write_text(whole + "\n" + torn, encoding="utf-8")
    (tmp_path / "journal.replaying-1.jsonl").write_text(old_line(start(sid="SMmoved"), START) + "\n")
    journal = Journal(str(tmp_path))
    assert sorted(j.message.message_sid for j in journal.entries()) == ["SMmoved", "SMwhole"]
    assert journal.damaged() == 1
    assert not list(tmp_path.glob("*.jsonl"))  # moved in, once
    assert Journal(str(tmp_path)).depth() == 2  # a second process imports nothing again


def test_a_damaged_row_is_set_aside_and_the_rest_replays(tmp_path):
    journal = Journal(str(tmp_path))
    journal.append(stop(sid="SMfirst"), STOP, "ConnectionError")
    journal.append(stop("+14155550111", "SMsecond"), STOP, "ConnectionError")
    journal._query("UPDATE pending SET body = substr(body, 1, 30) WHERE body LIKE '%SMfirst%'")
    applied: list[str] = []
    assert journal.replay(lambda j: applied.append(j.message.message_sid)) == 1
    assert applied == ["SMsecond"] and journal.damaged() == 1 and not journal.has_pending()


def test_a_failing_apply_keeps_the_message_for_the_next_replay(tmp_path):
    journal = Journal(str(tmp_path))
    journal.append(stop(), STOP, "ConnectionError")

    def store_down(_: Journalled) -> None:
        raise ConnectionError("still down")

    with pytest.raises(ConnectionError):
        journal.replay(store_down)
    assert journal.depth() == 1 and journal.replay(lambda j: None) == 1


def test_the_journal_file_is_private(tmp_path):
    journal = Journal(str(tmp_path))
    journal.append(stop(), STOP, "ConnectionError")
    assert oct(os.stat(journal.path).st_mode & 0o777) == "0o600"


# --- one consent truth, ordered by time ---------------------------------------------------


def journalled(message: Inbound, intent: Intent) -> Journalled:
    return Journalled(message, intent, message.now)


NOW = 1_800_000_000.0
CASES = [  # record, journalled, opted out, pending
    (Subscriber(BUSINESS, SUBSCRIBER, State.OPTED_OUT, opted_out_at=NOW), journalled(start(now=NOW - 5), START), True, False),
    (Subscriber(BUSINESS, SUBSCRIBER, State.OPTED_OUT, opted_out_at=NOW), journalled(start(now=NOW + 5), START), False, True),
    (Subscriber(BUSINESS, SUBSCRIBER, opted_in_at=NOW), journalled(stop(now=NOW - 5), STOP), False, False),
    (Subscriber(BUSINESS, SUBSCRIBER, opted_in_at=NOW), journalled(stop(now=NOW + 5), STOP), True, True),
    (Subscriber(BUSINESS, SUBSCRIBER, opted_in_at=NOW), journalled(stop(now=NOW), STOP), True, True),  # tie: opted out
    (Subscriber(BUSINESS, SUBSCRIBER, State.OPTED_OUT, opted_out_at=NOW), journalled(start(now=NOW), START), True, False),
    (Subscriber(BUSINESS, SUBSCRIBER), journalled(stop(now=NOW - 999), STOP), True, True),  # never changed
    (Subscriber(BUSINESS, SUBSCRIBER, State.OPTED_OUT, opted_out_at=NOW), None, True, False),
]


@pytest.mark.parametrize(("record", "pending", "opted_out", "is_pending"), CASES)
def test_store_and_journal_merge_by_the_time_each_change_was_made(record, pending, opted_out, is_pending):
    consent = merged(record, pending)
    assert (consent.opted_out, consent.pending_write) == (opted_out, is_pending)


@pytest.fixture
def service(tmp_path, redis_url, prefix):
    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path), ASK_REASON=False)
    with app.app_context():
        yield app.service()
        app.service().stop_replaying()


def test_a_journalled_start_never_beats_a_newer_stop_at_send_time(service):
    service.journal.append(start(now=time.time() - 60), START, "ConnectionError")  # during an outage
    service.store.apply(
        BUSINESS, SUBSCRIBER, "SMlive", lambda sub: service._decide(stop(sid="SMlive"), STOP, sub)
    )  # reached the store
    assert service.opted_out(BUSINESS, SUBSCRIBER)


def test_a_journal_only_opt_out_is_opted_out_pending_write(service):
    service.journal.append(stop(), STOP, "ConnectionError")
    consent = service.consent(BUSINESS, SUBSCRIBER)
    assert consent.opted_out and consent.pending_write and consent.pending.message.message_sid == "SMstop"


def test_a_live_start_behind_a_journalled_stop_is_applied_after_it(service):
    service.journal.append(stop(now=time.time() - 1), STOP, "ConnectionError")
    result = service.handle(start(), START)  # the store is back, the replay has not run yet
    assert result.queued and (result.reply or "").startswith("You are resubscribed")
    assert service.journal.depth() == 2  # queued behind the STOP, not applied before it
    wait_for(lambda: not service.journal.has_pending())
    assert not service.store.load(BUSINESS, SUBSCRIBER).opted_out  # STOP, then START
    events = [e["event"] for e in service.store.history(BUSINESS, SUBSCRIBER)]
    assert events == ["opted_out", "opted_in"]


def test_a_live_message_older_than_the_last_consent_change_never_overrides_it(service):
    sent = time.time()
    service.handle(stop(sid="SMnewer", now=sent), STOP)  # committed first on one worker
    older = service.handle(start(sid="SMolder", now=sent - 0.005), START)  # sent 5 ms before it
    assert older.entry["event"] == "superseded"
    assert service.store.load(BUSINESS, SUBSCRIBER).opted_out


def test_many_stops_and_starts_replay_in_sending_order_across_numbers(service):
    base = time.time() - 100
    for n in range(20):
        number = f"+1415555{n:04d}"
        service.journal.append(start(number, f"SMa{n}", base + n + 0.5), START, "ConnectionError")
        service.journal.append(stop(number, f"SMo{n}", base + n), STOP, "ConnectionError")
    assert service.replay_journal() == 40
    assert not any(service.store.load(BUSINESS, f"+1415555{n:04d}").opted_out for n in range(20))


def test_depth_and_damage_are_counted_for_metrics(service):
    service.journal.append(stop(), STOP, "ConnectionError")
    assert service.journal.depth() == 1 and service.journal.damaged() == 0
    assert json.loads(service.journal.entries()[0].to_json())["message"]["message_sid"] == "SMstop"


def test_messages_journalled_before_a_start_are_replayed_without_traffic(tmp_path, redis_url, prefix):
    Journal(str(tmp_path)).append(stop(sid="SMbefore"), STOP, "ConnectionError")  # an earlier process
    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path))
    with app.app_context():
        service = app.service()
        try:
            wait_for(lambda: not service.journal.has_pending())
            assert service.store.load(BUSINESS, SUBSCRIBER).opted_out
        finally:
            service.stop_replaying()


def test_pending_opt_outs_are_the_journalled_ones_that_decide_their_number_now(service):
    later = "+14155550177"
    service.journal.append(stop(sid="SMwaits"), STOP, "ConnectionError")
    service.journal.append(stop(later, "SMolder", now=time.time() - 60), STOP, "ConnectionError")
    service.journal.append(start(sid="SMhelp", now=time.time() - 120), START, "ConnectionError")
    service.store.apply(
        BUSINESS,
        later,
        "SMnew",
        lambda sub: service._decide(
            Inbound(BUSINESS, later, "START", "SMnew", now=time.time() - 30),
            START,
            sub.evolve(state=State.OPTED_OUT, opted_out_at=time.time() - 40),
        ),
    )
    assert [j.message.message_sid for j in service.pending_opt_outs()] == ["SMwaits"]


def test_the_journal_file_is_opened_only_by_sqlite_so_no_close_drops_its_locks(tmp_path, monkeypatch):
    """Closing any descriptor of an SQLite file drops every POSIX lock the process holds on it
    (SQLite's 'how to corrupt' list): a second Journal must not open the file itself."""
    import builtins

    first = Journal(str(tmp_path))
    first.append(stop(), STOP, "ConnectionError")  # a connection of this process holds the file
    opened: list[str] = []
    real_os_open, real_open = os.open, builtins.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(str(path)) or real_os_open(path, *a, **k))
    monkeypatch.setattr(builtins, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k))
    second = Journal(str(tmp_path))
    assert second.depth() == 1
    assert not [p for p in opened if p.startswith(str(first.path))]
    assert oct(os.stat(first.path).st_mode & 0o777) == "0o600"
    second.close()
    assert second.depth() == 1  # a closed journal opens a connection again when used


def test_each_test_journals_in_a_folder_of_its_own(redis_url, prefix, own_instance):
    """The checkout's instance/ would be every test's journal: one test's journalled STOPs were
    replayed into the next test's prefix (a count of 9 where 1 was sent)."""
    first, second = make_app(redis_url, prefix), make_app(redis_url, prefix)
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assert first.instance_path == second.instance_path == own_instance
    assert not os.path.abspath(own_instance).startswith(checkout + os.sep)


def test_a_webhook_message_asks_the_journal_once_and_a_waiting_one_is_replayed(tmp_path, redis_url, prefix, monkeypatch):
    """One query a message (its number's waiting messages and anyone's together): the journal is
    read on every webhook request; another number's waiting message starts the replay."""
    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path), ASK_REASON=False)
    service = app.service()
    service.journal.append(stop("+14155550111", "SMother", time.time() - 5), STOP, "ConnectionError")
    asked: list[str] = []
    query = Journal._query
    monkeypatch.setattr(Journal, "_query", lambda self, sql, *args: asked.append(sql) or query(self, sql, *args))
    replays: list[bool] = []
    monkeypatch.setattr(service, "replay_soon", lambda: replays.append(True))
    assert post_sms(app.test_client(), "hello there").status_code == 200
    assert len(asked) == 1 and replays == [True]
    assert service.journal.waiting(SUBSCRIBER) == (False, True)
    assert service.journal.waiting("+14155550111") == (True, True)


def test_an_absent_journal_lists_its_folder_once_and_still_sees_another_process_journal(tmp_path, monkeypatch):
    """Asked on every request while nothing is journalled: one stat, the folder listed only the
    first time; a journal another worker creates afterwards is still seen at once."""
    import service.journal as journal_module

    listed: list[object] = []
    real = journal_module.old_journals
    monkeypatch.setattr(journal_module, "old_journals", lambda folder: listed.append(folder) or real(folder))
    journal = Journal(str(tmp_path))
    assert journal.waiting(SUBSCRIBER) == (False, False) and not journal.has_pending() and journal.depth() == 0
    assert len(listed) == 1
    other = Journal(str(tmp_path))  # another worker journals a message
    other.append(stop(), STOP, "ConnectionError")
    assert journal.waiting(SUBSCRIBER) == (True, True) and journal.has_pending()
    other.close()
    journal.close()
