"""The store: keys, the connection, streams and their pages, entries, markers, counters, records, replicated writes."""

from __future__ import annotations

import dataclasses
import json
import time
import zlib
from datetime import UTC

import pytest

from handlers import State, Subscriber
from intents import Intent
from service import Inbound
from store.keys import BUCKETS, BadKey, bucket_of, key_for, old_key
from tests.conftest import BUSINESS, SUBSCRIBER, make_app, post_sms

STOP_INTENT = Intent("opt_out", 1.0, "en", "keyword", "stop")
CHAT_INTENT = Intent("other", 0.9, "en", "keyword", "chatter")

# --- keys -----------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["", "a{b", "a}b", "a:b", "a|b", "a\nb"])
def test_key_parts_that_would_break_the_hash_tag_are_refused(number):
    with pytest.raises(BadKey):
        key_for("p", "number", number)


@pytest.mark.parametrize(
    "kind, parts", [("log", {"bucket": 64}), ("log", {"bucket": -1}), ("stats", {"bucket": 0}), ("nothing", {})]
)
def test_keys_that_cannot_exist_are_refused(kind, parts):
    with pytest.raises(BadKey):
        key_for("p", kind, **parts)


def test_keys_have_their_documented_shape():
    bucket = bucket_of("+14155550100")
    assert bucket == zlib.crc32(b"+14155550100") % BUCKETS  # stable across processes and versions
    assert key_for("p", "number", "+14155550100") == f"p:number:{{{bucket}}}:+14155550100"
    assert key_for("p", "log", "+14155550100") == f"p:log:{{{bucket}}}"
    assert key_for("p", "register", bucket=7) == "p:register:{7}"
    assert key_for("p", "stats", bucket=3, day="2026-11-27") == "p:stats:{3}:2026-11-27"
    assert key_for("p", "session", sid="abc") == "p:session:abc"
    assert key_for("p", "audit") == "p:audit"
    assert old_key("p", "subscriber", "MG1", "+1") == "p:subscriber:{MG1|+1}"
    assert old_key("p", "message", "MG1", "+1", "SM1") == "p:message:{MG1|+1}:SM1"
    assert old_key("p", "old-log") == "p:log"
    assert old_key("p", "scopes", number="+1") == "p:scopes:{+1}"


def test_a_numbers_keys_and_streams_share_one_cluster_slot():
    from redis.crc import key_slot

    number = "+14155550100"
    keys = [key_for("p", kind, number, day="2026-11-27") for kind in ("number", "log", "register", "stats", "reviews")]
    assert len({key_slot(k.encode()) for k in keys}) == 1
    assert len({key_slot(key_for("p", "log", bucket=b).encode()) for b in range(BUCKETS)}) > BUCKETS // 2


# --- the connection -------------------------------------------------------------------


def test_the_client_is_made_outside_any_app_context(app):
    from store import connection

    assert connection.get_redis(app).ping()


def test_a_registry_that_vanishes_meanwhile_is_not_an_error(tmp_path, monkeypatch):
    import redis as redis_lib

    from store import connection

    registry = tmp_path / "optout.rdb.settings"
    registry.write_text(json.dumps({"unixsocket": str(tmp_path / "gone.sock")}))

    def ping(self):
        registry.unlink()  # another process cleared it first
        raise redis_lib.ConnectionError("gone")

    monkeypatch.setattr(redis_lib.Redis, "ping", ping)
    connection.clear_stale_registry(str(tmp_path / "optout.rdb"))
    assert not registry.exists()


# --- streams and their pages ----------------------------------------------------------


@pytest.mark.parametrize("batch", [1, 2, 3, 100])
def test_log_and_register_pages_end_exactly_at_the_last_row(app, monkeypatch, batch):
    import store.intent_log as streams

    monkeypatch.setattr(streams, "FIRST_BATCH", batch)
    monkeypatch.setattr(streams, "NEXT_BATCH", batch)
    numbers = ["+14155550000", "+14155550000", "+14155550001", "+14155550002"]  # one bucket twice
    with app.app_context():
        service = app.service()
        for n, number in enumerate(numbers):
            service.handle(Inbound(f"MG{n}", number, "STOP", f"SMpage{n}"))
        log = service.intent_log
        in_order = [f"SMpage{n}" for n in range(4)]
        assert [e["message_sid"] for _, e in log.scan()] == in_order[::-1]  # newest first, merged
        assert [e["message_sid"] for e in log.register()] == in_order
        page, cursor = log.register_page(None, 0, 2)
        assert len(page) == 2 and cursor is not None
        rest, end = log.register_page(cursor, 0, 2)
        assert [e["message_sid"] for e in page + rest] == in_order
        assert log.register_page(end, 0, 2) == ([], None)
        assert len(log.recent()) == 4 and len(log.recent(limit=3)) == 3
        newest = next(iter(log.scan()))[0]
        assert [e["message_sid"] for _, e in log.scan(before=newest)] == in_order[:3][::-1]


def test_history_keeps_chatter_exactly_as_long_as_the_retention(redis_url, prefix):
    app = make_app(redis_url, prefix, LOG_RETENTION_DAYS=1, ASK_REASON=False)
    with app.app_context():
        service = app.service()
        before = time.time()
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMstop"))
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "thanks", "SMchat"))
        after = time.time()
        assert service.intent_log.trim(now=before + 86400 - 0.01) == 0  # not a day old yet
        everything = [e["message_sid"] for e in service.store.history(BUSINESS, SUBSCRIBER)]
        assert service.intent_log.trim(now=after + 86400 + 0.01) == 2
        kept = [e["message_sid"] for e in service.store.history(BUSINESS, SUBSCRIBER)]
        logged = [e["message_sid"] for e in service.intent_log.recent()]
        register = [e["message_sid"] for e in service.intent_log.register()]
    assert everything == ["SMstop", "SMchat"]
    assert kept == ["SMstop"] and logged == [] and register == ["SMstop"]


def test_trimming_is_bounded_per_call(app):
    with app.app_context():
        service = app.service()
        for n in range(5):
            service.handle(Inbound(BUSINESS, SUBSCRIBER, f"hello {n}", f"SMtrim{n}"))
        later = time.time() + 400 * 86400
        assert [service.intent_log.trim(now=later, limit=2) for _ in range(4)] == [2, 2, 1, 0]


def test_the_recent_log_shows_fifty_by_default(app):
    with app.app_context():
        service = app.service()
        for n in range(51):
            service.handle(Inbound(BUSINESS, SUBSCRIBER, f"hello {n}", f"SMrecent{n}"))
        assert len(service.intent_log.recent()) == 50


def test_register_pages_start_from_since_or_the_cursor_whichever_is_later(app):
    with app.app_context():
        service = app.service()
        for n in range(3):
            started = time.time()
            while time.time() < started + 0.003:  # distinct milliseconds on the server's clock
                pass
            service.handle(Inbound(BUSINESS, f"+1415555{n:04d}", "STOP", f"SMsince{n}"))
        log = service.intent_log
        ids = [gid for gid, _ in log.scan(stream="register")][::-1]
        second = int(ids[1].split("-")[1]) / 1000
        by_since, _ = log.register_page(None, second, 10)
        assert [e["message_sid"] for e in by_since] == ["SMsince1", "SMsince2"]
        _, after_first = log.register_page(None, 0, 1)
        _, after_second = log.register_page(None, 0, 2)
        by_cursor, _ = log.register_page(after_second, 0, 10)
        assert [e["message_sid"] for e in by_cursor] == ["SMsince2"]
        older_cursor, _ = log.register_page(after_first, second + 1000, 10)  # since is later: it wins
        assert older_cursor == []
        newer_cursor, _ = log.register_page(after_second, second - 1000, 10)  # the cursor is later: it wins
        assert [e["message_sid"] for e in newer_cursor] == ["SMsince2"]


def test_a_cursor_in_the_same_millisecond_as_since_is_not_repeated(app):
    with app.app_context():
        service = app.service()
        for n in range(2):
            service.handle(Inbound(BUSINESS, f"+1415555{n:04d}", "STOP", f"SMms{n}"))
        log = service.intent_log
        first = [stream_id for stream_id, _ in log.scan(stream="register")][-1]
        since = int(first.split("-")[1]) / 1000
        _, cursor = log.register_page(None, since, 1)
        page, _ = log.register_page(cursor, since, 10)
    assert [e["message_sid"] for e in page] == ["SMms1"]


@pytest.mark.parametrize(
    "position, floor, start",
    [
        ("", "-", "-"),
        ("", "5-0", "5-0"),
        ("7-1", "-", "(7-1"),
        ("7-1", "5-0", "(7-1"),
        ("5-0", "5-0", "(5-0"),
        ("5-0", "7-0", "7-0"),
        ("7-0", "7-1", "7-1"),
    ],
)
def test_a_register_page_starts_after_the_cursor_or_at_since_whichever_is_later(position, floor, start):
    from store.intent_log import _later

    assert _later(position, floor) == start


def test_the_review_queue_is_kept_by_the_write_and_emptied_by_verdicts(app):
    from intents import Intent
    from ops.reviews import Reviews

    with app.app_context():
        service = app.service()
        unsure = [
            ("maybe", Intent("other", 0.7, "en", "model", "m")),
            ("hmm", Intent("other", 0.55, "en", "model", "m")),
            ("sure", Intent("other", 0.95, "en", "model", "m")),
            ("grey", Intent("opt_out", 0.8, "en", "model", "m", flagged=True)),
        ]
        for n, (text, intent) in enumerate(unsure):
            service.handle(Inbound(BUSINESS, f"+1415555{n:04d}", text, f"SMq{n}"), intent)
        reviews = Reviews.for_service(app.service(), app.config)
        queue = reviews.queue()
        assert [e["text"] for _, e in queue] == ["grey", "hmm", "maybe"] and reviews.queue_size() == 3
        reviews.decide(queue[1][0], "other")
        assert [e["text"] for _, e in reviews.queue()] == ["grey", "maybe"] and reviews.queue_size() == 2
        assert [e["text"] for _, e in reviews.queue(limit=1)] == ["grey"]
        service.intent_log.trim(now=time.time() + 400 * 86400)  # the log lines expire
        assert reviews.queue() == [] and reviews.queue_size() == 0


def test_recent_log_ids_stay_within_the_cap(app):
    from store.subscribers import HISTORY_CAP

    with app.app_context():
        service = app.service()
        for n in range(12):
            service.handle(Inbound(BUSINESS, SUBSCRIBER, f"chat {n}", f"SMcap{n}"))
        kept = service.store.client.hget(service.store.key("number", SUBSCRIBER), "0|h")
        assert len(kept) <= HISTORY_CAP < len(kept) + 12  # the newest few, not all twelve
        history = service.store.history(BUSINESS, SUBSCRIBER)
        assert [e["message_sid"] for e in history][-1] == "SMcap11" and len(history) == kept.count(b" ") + 1


# --- log entries ----------------------------------------------------------------------


def test_log_entries_round_trip_through_their_stream_fields():
    from store.entries import FIELDS, pack, unpack

    entry = {
        "time": 1795820782.5,
        "scope": "MG1",
        "number": "+14155550100",
        "channel": "sms",
        "text": "STOP",
        "message_sid": "SM1",
        "carrier_action": "",
        "intent": "opt_out",
        "confidence": 0.9731,
        "language": "en",
        "source": "model",
        "detail": "m",
        "flagged": True,
        "all_scopes": False,
        "state_before": "subscribed",
        "state_after": "opted_out",
        "event": "opted_out",
        "reply": None,
        "reason_category": "",
        "seq": 7,
        "campaign": "spring sale",
    }
    flat = pack(entry)
    assert flat[0::2] == list(FIELDS)  # one fixed order: Redis keeps the names once per node
    fields = {k.encode(): v.encode() for k, v in zip(flat[0::2], flat[1::2])}
    assert unpack(fields, "3-1-0") == {**entry, "id": "3-1-0"}
    assert unpack({**fields, b"flagged": b"", b"all_scopes": b"1"}, "3-1-0")["all_scopes"] is True
    assert flat[1::2] == [  # the stored spelling, byte for byte (entries written before read the same)
        "1795820782.5", "MG1", "+14155550100", "sms", "STOP", "SM1", "", "opt_out", "0.9731", "en", "model", "m",
        "1", "", "subscribed", "opted_out", "opted_out", "", "", "7", "spring sale",
    ]  # fmt: skip


def test_a_log_entry_type_names_exactly_the_stored_fields_and_the_id():
    """LogEntry (every layer's type) and FIELDS (the stored order) name the same fields, and what
    a reader gets back has every one of them, in the stored order."""
    from typing import get_type_hints

    from domain.log_entry import LogEntry
    from store.entries import FIELDS, unpack

    assert set(get_type_hints(LogEntry)) == {"id", *FIELDS}
    assert list(unpack({}, "0-1-0")) == ["id", *FIELDS]
    required = LogEntry.__required_keys__  # what even a retry whose log line expired carries
    assert required == {"scope", "number", "state_after", "event", "reply"}


def test_every_field_of_an_intent_is_logged_with_its_value():
    """service.optout.log_entry copies the intent's fields by hand: one added to Intent must be
    logged (and named in LogEntry), or the evidence would miss what decided."""
    from typing import get_type_hints

    from domain.log_entry import LogEntry
    from domain.messages import Inbound
    from domain.records import Subscriber
    from handlers.turn import Outcome
    from intents import Intent
    from service.optout import log_entry

    intent = Intent("opt_out", 0.91234, "es", "rule", "request.stop", all_scopes=True, flagged=True)
    before = Subscriber("+14155550199", "+14155550100")
    entry = log_entry(Inbound(before.scope, before.number, "para", "SM1"), intent, before, Outcome(before, None, "opted_out"))
    assert {k: entry.get(k) for k in intent.to_dict()} == intent.to_dict()
    assert set(entry) <= set(get_type_hints(LogEntry))


@pytest.mark.parametrize(
    "gid, ok",
    [
        ("0-1-0", True),
        ("63-17-2", True),
        ("64-1-0", False),
        ("-1-0", False),
        ("1-2", False),
        ("1-2-3-4", False),
        ("a-1-0", False),
        ("", False),
    ],
)
def test_entry_ids_name_a_bucket_and_a_stream_id(gid, ok):
    from store.entries import BadEntryId, split_id

    if ok:
        bucket, sid = split_id(gid)
        assert f"{bucket}-{sid}" == gid
    else:
        with pytest.raises(BadEntryId):
            split_id(gid)


# --- message markers and the write ----------------------------------------------------


def test_the_first_time_a_message_is_handled_it_is_not_a_replay(app):
    with app.app_context():
        service = app.service()
        first = service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMonce"))
        again = service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMonce"))
        assert (first.replayed, again.replayed) == (False, True)
        assert [e["message_sid"] for e in service.intent_log.recent()] == ["SMonce"]


def test_message_markers_are_kept_for_the_window_and_at_most_sixteen(app, monkeypatch):
    """A retry inside IDEMPOTENCY_TTL_SECONDS is recognised; past it, or beyond the newest 16,
    the marker is dropped at the next write (the number's hash stays small)."""
    import store.subscribers as subscribers

    with app.app_context():
        service = app.service()
        store, key = service.store, service.store.key("number", SUBSCRIBER)
        for n in range(20):
            service.handle(Inbound(BUSINESS, SUBSCRIBER, f"hi {n}", f"SMm{n}"))
        markers = [f for f in store.client.hkeys(key) if f.startswith(b"m|")]
        assert len(markers) == subscribers.MAX_MARKERS
        assert service.handle(Inbound(BUSINESS, SUBSCRIBER, "hi 19", "SMm19")).replayed  # the newest stay
        assert not service.handle(Inbound(BUSINESS, SUBSCRIBER, "hi 0", "SMm0")).replayed  # the oldest went
        later = time.time() + store.idempotency_ttl + 1
        monkeypatch.setattr(subscribers.time, "time", lambda: later)
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "much later", "SMlate"))
        assert [f for f in store.client.hkeys(key) if f.startswith(b"m|")] == [store_marker(BUSINESS, "SMlate").encode()]


def store_marker(scope: str, sid: str) -> str:
    from store.commit import marker

    return marker(scope, sid)


def test_round_trips_a_first_message_one_a_known_number_two_a_retry_one(app, monkeypatch):
    """While most recent senders are new (a fresh process): the write guesses there is no record."""
    with app.app_context():
        service = app.service()
        service.handle(Inbound(BUSINESS, "+14155550177", "hello", "SMwarm"))  # scripts loaded, layout checked
        client, sent = service.store.client, []
        real = client.execute_command
        monkeypatch.setattr(client, "execute_command", lambda *a, **k: (sent.append(a[0]), real(*a, **k))[1])
        first = service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMtrips"))
        assert sent == ["EVALSHA"] and first.entry["state_before"] == "subscribed"  # no record: written at once
        sent.clear()
        again = service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMtrips"))
        assert sent == ["EVALSHA"] and again.replayed and again.reply == first.reply
        sent.clear()
        later = service.handle(Inbound(BUSINESS, SUBSCRIBER, "START", "SMtrips2"))
        assert sent == ["EVALSHA", "EVALSHA"]  # refused on the guess, answered with the record, written
        assert later.entry["state_before"] == "awaiting_reason" and later.entry["seq"] == 2


def sent_commands(client, monkeypatch) -> list[str]:
    """The commands the store's client sends from now on, by name."""
    sent: list[str] = []
    real = client.execute_command
    monkeypatch.setattr(client, "execute_command", lambda *a, **k: (sent.append(a[0]), real(*a, **k))[1])
    return sent


def test_once_most_senders_have_a_record_it_is_read_first_and_written_in_one_script(app, monkeypatch):
    """A known sender's message costs a read and one script, not a refused guess and a second
    script; once new senders are the many again, a first message is one script again."""
    with app.app_context():
        service = app.service()
        known = [f"+1415555{n:04d}" for n in range(5)]
        for n, number in enumerate(known):
            service.handle(Inbound(BUSINESS, number, "hello", f"SMseed{n}"))
        for n in range(20):  # the same senders again: recent senders have a record
            service.handle(Inbound(BUSINESS, known[n % 5], "hello again", f"SMagain{n}"))
        sent = sent_commands(service.store.client, monkeypatch)
        answer = service.handle(Inbound(BUSINESS, known[0], "STOP", "SMread"))
        assert sent == ["HGETALL", "EVALSHA"] and answer.entry["seq"] == 6 and answer.entry["event"] == "opted_out"
        for n in range(30):  # now new senders, each a first message
            service.handle(Inbound(BUSINESS, f"+1628555{n:04d}", "hello", f"SMnew{n}"))
        sent.clear()
        first = service.handle(Inbound(BUSINESS, "+16285559999", "hello", "SMguess"))
        assert sent == ["EVALSHA"] and first.entry["seq"] == 1


def test_a_record_read_first_that_changes_before_the_write_is_refused_and_decided_again(app, monkeypatch):
    """The read first is only a better guess: a STOP committed between the read and the script
    makes the script refuse, and the message is decided again on the record with the STOP."""
    with app.app_context():
        service = app.service()
        store = service.store
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "hello", "SMbefore"))
        monkeypatch.setattr(store.senders, "known_share", 1.0)
        real_read, interleaved = store.client.hgetall, []

        def read_then_a_stop_commits(key):
            raw = real_read(key)
            if not interleaved:  # another worker's STOP lands after our read (its own read is plain)
                interleaved.append(None)
                interleaved[0] = service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMother"), STOP_INTENT)
            return raw

        monkeypatch.setattr(store.client, "hgetall", read_then_a_stop_commits)
        sent = sent_commands(store.client, monkeypatch)
        late = service.handle(Inbound(BUSINESS, SUBSCRIBER, "what is this", "SMlate"), CHAT_INTENT)
        assert interleaved[0].entry["seq"] == 2
        assert late.entry["seq"] == 3 and late.entry["state_before"] == interleaved[0].entry["state_after"] != "subscribed"
        # ours read, the STOP read and written, ours refused (the record changed under it), ours written
        assert sent == ["HGETALL", "HGETALL", "EVALSHA", "EVALSHA", "EVALSHA"]
        assert store.load(BUSINESS, SUBSCRIBER).opted_out


def test_a_first_message_in_another_scope_is_refused_on_the_guess_and_gets_its_own_alias(app):
    other = "MG" + "7" * 32
    with app.app_context():
        service = app.service()
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMscope1"))
        answer = service.handle(Inbound(other, SUBSCRIBER, "hello", "SMscope2"))
        store = service.store
        raw = store.client.hgetall(store.key("number", SUBSCRIBER))
        assert answer.entry["seq"] == 1 and raw[b"@0"] == BUSINESS.encode() and raw[b"@1"] == other.encode()
        assert store.load(BUSINESS, SUBSCRIBER).opted_out and not store.load(other, SUBSCRIBER).opted_out


def test_a_retry_after_its_log_line_expired_is_still_processed_once(redis_url, prefix):
    app = make_app(redis_url, prefix, LOG_RETENTION_DAYS=0, ASK_REASON=False)
    with app.app_context():
        service = app.service()
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "hello", "SMold"))
        service.intent_log.trim(now=time.time() + 1)
        again = service.handle(Inbound(BUSINESS, SUBSCRIBER, "hello", "SMold"))
    assert again.replayed and again.reply is None and again.entry["event"] == "replayed"
    assert again.entry["state_after"] == "subscribed"


def test_a_numbers_hash_stays_compact_and_its_counters_expire(app):
    """Values of at most 64 bytes keep Redis' listpack encoding (a quarter of a hash table's
    memory); the day counters go after 400 days."""
    from store.commit import marker

    sid = "SM" + "f" * 32
    assert len(marker("MG" + "0" * 32, sid)) == 18  # a 12-byte digest, base64: 16 characters
    assert marker("+14155550199", sid) != marker("+14155550198", sid)
    with app.app_context():
        service = app.service()
        service.handle(Inbound("MG" + "0" * 32, SUBSCRIBER, "STOP", sid))
        client, store = service.store.client, service.store
        assert client.object("encoding", store.key("number", SUBSCRIBER)) == b"listpack"
        stats = [k for k in client.scan_iter(f"{store.prefix}:stats:*")]
        assert len(stats) == 1 and 399 * 86400 < client.ttl(stats[0]) <= 400 * 86400


# --- counters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "confidence, column",
    [(0.0, "<0.5"), (0.4999, "<0.5"), (0.5, "0.5"), (0.59, "0.5"), (0.85, "0.8"), (0.99, "0.9"), (1.0, "1.0")],
)
def test_confidence_columns_of_the_dashboard(confidence, column):
    from service.grading import confidence_bucket

    assert confidence_bucket(confidence) == column


def test_the_day_counters_are_read_for_whole_utc_days(app):
    from datetime import datetime

    just_after_midnight = datetime(2026, 11, 27, 0, 0, 0, 500000, tzinfo=UTC).timestamp()
    with app.app_context():
        days = app.service().intent_log.days(3, now=just_after_midnight)
    assert list(days) == ["2026-11-25", "2026-11-26", "2026-11-27"]


@pytest.mark.parametrize(
    "timestamp", [0.0, 86399.999, 86400.0, -0.5, -86400.0, 1_764_288_000.0 - 1e-3, 1_764_288_000.0, 99_999_999_999.0]
)
def test_the_day_a_message_counts_in_is_its_utc_day(timestamp):
    from domain.times import utc
    from store.commit import day_of

    assert day_of(timestamp) == utc(timestamp, "day")


# --- records --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes", [{}, {"seq": 3, "updated_at": 2.5}, {"state": State.OPTED_OUT, "reason": "x", "campaign": "spring"}]
)
def test_a_record_evolves_as_dataclasses_replace_would_change_it(changes):
    record = Subscriber("+14155550199", SUBSCRIBER, State.AWAITING_REASON, opted_out_at=1.0, seq=2)
    evolved = record.evolve(**changes)
    assert evolved == dataclasses.replace(record, **changes) and evolved is not record
    assert type(evolved) is Subscriber and record.seq == 2  # the original is untouched
    with pytest.raises(dataclasses.FrozenInstanceError):
        evolved.seq = 9  # type: ignore[misc]


def test_a_record_refuses_to_evolve_a_field_it_does_not_have():
    with pytest.raises(TypeError, match="'sequence'"):
        Subscriber("s", SUBSCRIBER).evolve(sequence=1)


# --- writes a replica must confirm ----------------------------------------------------


def test_writes_no_replica_confirmed_are_journalled_and_answered(prefix, tmp_path, monkeypatch):
    """STORE_MIN_REPLICAS=1 on a server with no replica: WAIT confirms nothing, so every STOP
    is journalled (and confirmed to the subscriber) rather than trusted to one copy."""
    from service.journal import Journal
    from tests.redis_server import ThrowawayRedis

    with ThrowawayRedis() as url:  # its own server: the shared one may have replicas (Cluster runs)
        app = make_app(url, prefix, STORE_MIN_REPLICAS=1, STORE_WAIT_MS=50, ASK_REASON=False, INSTANCE_PATH=str(tmp_path))
        with app.app_context():
            service = app.service()
        monkeypatch.setattr(service, "replay_soon", lambda: None)  # keep the line to look at
        answer = post_sms(app.test_client(), "STOP", sid="SMnorep")
        assert answer.status_code == 200 and b"unsubscribed" in answer.data
        assert Journal(str(tmp_path)).consent(BUSINESS, SUBSCRIBER) is True


def test_a_write_its_replica_confirmed_is_stored_not_journalled(prefix, tmp_path):
    """STORE_MIN_REPLICAS=1 with one replica: WAIT confirms the write, nothing is journalled."""
    import redis

    from service.journal import Journal
    from tests.processes import wait_until
    from tests.redis_server import ThrowawayRedis

    with ThrowawayRedis() as url, ThrowawayRedis() as replica_url:
        replica = redis.Redis.from_url(replica_url)
        replica.execute_command("REPLICAOF", "127.0.0.1", url.rsplit(":", 1)[1].split("/")[0])
        wait_until(lambda: replica.info("replication").get("master_link_status") == "up", "the replica to sync")
        app = make_app(url, prefix, STORE_MIN_REPLICAS=1, STORE_WAIT_MS=5000, ASK_REASON=False, INSTANCE_PATH=str(tmp_path))
        assert post_sms(app.test_client(), "STOP", sid="SMrep").status_code == 200
        with app.app_context():
            assert app.service().store.load(BUSINESS, SUBSCRIBER).opted_out
        assert not Journal(str(tmp_path)).has_pending()


def test_the_scripts_arguments_are_named_once_and_every_position_is_read():
    """ScriptArgs is the write script's ARGV in order: as many names as positions, none unused."""
    import re

    from store.commit import SCRIPT, ScriptArgs

    used = {int(n) for n in re.findall(r"ARGV\[(\d+)\]", SCRIPT)}
    assert used == set(range(1, len(ScriptArgs._fields) + 1))


def test_a_writes_keys_are_the_scripts_order_and_a_buckets_are_built_once(app, monkeypatch):
    """The script's KEYS, in its order; a bucket's shared keys are built once a day, not per write."""
    import store.subscribers as subscribers
    from store.keys import key_for as real_key_for

    with app.app_context():
        service = app.service()
        store = service.store
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "hello", "SMkeys1"))
        built, given = [], []
        monkeypatch.setattr(subscribers, "key_for", lambda *a, **k: built.append(a[1]) or real_key_for(*a, **k))
        run = store._run
        monkeypatch.setattr(store, "_run", lambda keys, args: given.append(keys) or run(keys, args))
        service.handle(Inbound(BUSINESS, SUBSCRIBER, "STOP", "SMkeys2"), STOP_INTENT)
        bucket, day = bucket_of(SUBSCRIBER), time.strftime("%Y-%m-%d", time.gmtime())
        kinds = ("log", "register", "stats", "pending", "campaigns", "feed", "opted-out", "counting")
        expected = [store.key("number", SUBSCRIBER)]
        expected += [real_key_for(store.prefix, k, bucket=bucket, day=day if k == "stats" else "") for k in kinds]
        expected += [store.key("index", SUBSCRIBER), real_key_for(store.prefix, "people", bucket=bucket, day=f"{day}-opted_out")]
        assert given[-1] == expected
        assert not set(built) & {*kinds, "people"}  # only the number's own keys are built per write
