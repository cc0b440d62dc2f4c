"""`flask migrate-store`: data written in the layout before buckets, moved once, in order,
idempotently (a run stopped anywhere and started again duplicates nothing)."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from store import migrate
from store.keys import key_for, old_key
from tests.conftest import BUSINESS, make_app, post_sms, store_client

OPTED_OUT = "+14155550161"
TALKER = "+14155550162"


def old_entry(number: str, text: str, event: str, before: str, after: str, seq: int, **more) -> dict:
    return {
        "id": uuid.uuid4().hex,
        "time": time.time() - 1000 + seq,
        "scope": BUSINESS,
        "number": number,
        "channel": "sms",
        "text": text,
        "message_sid": f"SMold{uuid.uuid4().hex[:8]}",
        "carrier_action": "",
        "intent": more.get("intent", "other"),
        "confidence": more.get("confidence", 0.97),
        "language": "en",
        "source": more.get("source", "keyword"),
        "detail": "rule",
        "flagged": False,
        "all_scopes": False,
        "state_before": before,
        "state_after": after,
        "event": event,
        "reply": more.get("reply"),
        "reason_category": more.get("reason_category", ""),
        "seq": seq,
    }


def write_old(client, prefix: str, entry: dict, evidence: bool, record: dict) -> str:
    """What the old store wrote for one message (its subscriber keys, then the global streams)."""
    line = json.dumps(entry)
    scope, number = entry["scope"], entry["number"]
    client.hset(old_key(prefix, "subscriber", scope, number), mapping=record)
    client.xadd(old_key(prefix, "history", scope, number), {"entry": line})
    if evidence:
        client.rpush(old_key(prefix, "evidence", scope, number), line)
    client.sadd(old_key(prefix, "scopes", number=number), scope)
    log_id = client.xadd(old_key(prefix, "old-log"), {"entry": line}).decode()
    if entry["event"] in ("opted_out", "opted_in", "reason_recorded"):
        client.xadd(old_key(prefix, "old-register"), {"entry": line})
    return log_id


def old_store(client, prefix: str) -> str:
    """Two numbers' histories in the old layout; returns the log id of the reviewed entry."""
    write_old(
        client,
        prefix,
        old_entry(TALKER, "hi", "ignored", "subscribed", "subscribed", 1, source="model", confidence=0.6),
        False,
        {"state": "subscribed", "seq": "1"},
    )
    write_old(
        client,
        prefix,
        old_entry(
            OPTED_OUT, "STOP", "opted_out", "subscribed", "awaiting_reason", 1, intent="opt_out", reply="You are unsubscribed."
        ),
        True,
        {
            "state": "awaiting_reason",
            "opted_out_at": str(time.time() - 999),
            "seq": "1",
            "awaiting_reason_until": str(time.time() + 3600),
        },
    )
    reviewed = write_old(
        client,
        prefix,
        old_entry(TALKER, "maybe later", "ignored", "subscribed", "subscribed", 2, source="model", confidence=0.55),
        False,
        {"state": "subscribed", "seq": "2"},
    )
    write_old(
        client,
        prefix,
        old_entry(OPTED_OUT, "too many", "reason_recorded", "awaiting_reason", "opted_out", 2, reason_category="too_many"),
        True,
        {
            "state": "opted_out",
            "opted_out_at": str(time.time() - 999),
            "seq": "2",
            "reason": "too many",
            "reason_category": "too_many",
        },
    )
    write_old(
        client,
        prefix,
        old_entry(TALKER, "can I join again", "opt_in_requested", "subscribed", "subscribed", 3, source="model", confidence=0.7),
        True,
        {"state": "subscribed", "seq": "3"},
    )
    client.hset(
        old_key(prefix, "old-reviews"),
        reviewed,
        json.dumps(
            {
                "verdict": "corrected",
                "intent": "opt_out",
                "was": "other",
                "text": "maybe later",
                "operator": "ops",
                "time": time.time(),
                "effect": "",
                "state_before": "",
                "state_after": "",
            }
        ),
    )
    return reviewed


def counts(client, prefix: str) -> tuple[int, int]:
    from store.intent_log import IntentLog

    log = IntentLog(client, prefix, 90)
    return log.count("register"), log.count("log")


def test_old_data_is_refused_then_migrated_once_in_order(redis_url, prefix, tmp_path):
    client = store_client(redis_url)
    old_store(client, prefix)
    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path))
    web = app.test_client()
    during = post_sms(web, "STOP", sender=TALKER, sid="SMduring")  # journalled and confirmed
    assert during.status_code == 200 and "unsubscribed" in during.data.decode()
    with app.app_context():
        app.service().stop_replaying()  # the test replays by hand, below
    result = app.test_cli_runner().invoke(args=["migrate-store"])
    assert result.exit_code == 0, result.output
    assert "migrated 2 record(s), 2 register and 5 log entries, 1 other evidence, 1 verdict(s)" in result.output
    with app.app_context():
        service = app.service()
        stopped = service.store.load(BUSINESS, OPTED_OUT)
        assert stopped.opted_out and stopped.reason_category == "too_many" and stopped.seq == 2
        history = service.store.history(BUSINESS, OPTED_OUT)
        assert [e["event"] for e in history] == ["opted_out", "reason_recorded"]
        talker = [e["event"] for e in service.store.history(BUSINESS, TALKER)]
        assert talker == ["ignored", "ignored", "opt_in_requested"]
        assert [e["number"] for e in service.intent_log.register()] == [OPTED_OUT, OPTED_OUT, TALKER]
        assert [e["text"] for e in service.intent_log.recent()][:2] == ["can I join again", "too many"]
        from ops.reviews import Reviews

        reviews = Reviews.for_service(app.service(), app.config)
        assert reviews.corrections() == {"maybe later": "opt_out"}
        # the model's unsure calls still unreviewed, least sure first ("maybe later" has its verdict)
        assert [e["text"] for _, e in reviews.queue()] == ["hi", "can I join again"]
        assert service.replay_journal() == 1  # the STOP sent before the migration
        assert service.store.load(BUSINESS, TALKER).opted_out
    before = counts(client, prefix)
    again = app.test_cli_runner().invoke(args=["migrate-store"])
    assert again.exit_code == 0 and counts(client, prefix) == before
    assert not [k for k in client.scan_iter(f"{prefix}:number:*") for f in client.hkeys(k) if f.startswith(b"x|")]


@pytest.mark.parametrize("stop_after", [1, 3, 6, 9])
def test_a_migration_stopped_anywhere_and_run_again_duplicates_nothing(redis_url, prefix, stop_after):
    client = store_client(redis_url)
    old_store(client, prefix)
    steps = {"n": 0}

    def crash() -> None:
        steps["n"] += 1
        if steps["n"] == stop_after:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        migrate.Migration(client, prefix, tick=crash).run()
    assert migrate.needs_migration(client, prefix)
    migrate.Migration(client, prefix).run()
    assert not migrate.needs_migration(client, prefix)
    assert counts(client, prefix) == (3, 5)  # 2 register entries + 1 other evidence; 5 log lines
    assert client.hget(key_for(prefix, "meta"), "layout") == b"2"


def test_a_fresh_store_needs_no_migration(redis_url, prefix):
    assert not migrate.needs_migration(store_client(redis_url), prefix)
