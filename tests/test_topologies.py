"""The store on a real Redis Cluster and behind real Sentinels: single-slot writes, and a
failover in the middle of traffic that loses no acknowledged opt-out."""

from __future__ import annotations

import threading

import pytest
from redis.crc import key_slot

from service import Inbound
from store.keys import key_for
from tests.conftest import BUSINESS, make_app, post_sms
from tests.redis_topologies import ThrowawayCluster, ThrowawaySentinel, wait_until


def test_one_message_is_one_write_on_one_cluster_slot(redis_url, prefix):
    """Whatever the store (single, Cluster, Sentinel): every key one message writes shares a slot."""
    app = make_app(redis_url, prefix)
    with app.app_context():
        service = app.service()
        seen: list[list[str]] = []
        script = service.store._commit

        def recording(keys, args, client=None):
            seen.append(keys)
            return script(keys=keys, args=args, client=client)

        service.store._commit = recording
        service.handle(Inbound(BUSINESS, "+14155550142", "STOP", "SMslot"))
    assert len(seen) == 1 and len({key_slot(k.encode()) for k in seen[0]}) == 1
    assert seen[0][0] == key_for(prefix, "number", "+14155550142")


def traffic(client, numbers, during=None, after: int = 10):
    """STOPs from distinct numbers; `during` runs in a thread once a third have gone; goes on
    until it has finished and `after` more were sent. Returns (acknowledged, all sent)."""
    acknowledged, sent = [], []
    worker = threading.Thread(target=during) if during else None
    left_after = after
    for n, number in enumerate(numbers):
        if worker and n == len(numbers) // 3:
            worker.start()
        answer = post_sms(client, "STOP", sender=number, sid=f"SMfail{n}")
        sent.append(number)
        if answer.status_code == 200:
            acknowledged.append(number)
        if worker and worker.ident and not worker.is_alive():
            left_after -= 1
            if left_after == 0:
                break
    if worker:
        worker.join()
    return acknowledged, sent


@pytest.mark.parametrize("topology", ["sentinel", "cluster"])
def test_a_primary_killed_mid_traffic_loses_no_acknowledged_opt_out(tmp_path, prefix, topology):
    setup = ThrowawaySentinel() if topology == "sentinel" else ThrowawayCluster()
    with setup as url:
        app = make_app(
            url,
            prefix,
            INSTANCE_PATH=str(tmp_path),
            STORE_MIN_REPLICAS=1,
            STORE_WAIT_MS=1000,
            REDIS_TIMEOUT_SECONDS=0.5,
            ASK_REASON=False,
        )
        numbers = [f"+1415555{n:04d}" for n in range(600)]
        kill = setup.kill_primary if topology == "sentinel" else setup.kill_a_primary
        acknowledged, sent = traffic(app.test_client(), numbers, during=kill)
        setup.restart_killed()
        with app.app_context():
            service = app.service()
            wait_until(
                lambda: service.replay_journal() >= 0 and not service.journal.has_pending(), "the journal to drain", deadline=120
            )
            service.stop_replaying()
            lost = [n for n in sent if not service.store.load(BUSINESS, n).opted_out]
            registered = {e["number"] for e in service.intent_log.register()}
    print(f"{topology}: {len(sent)} sent, {len(acknowledged)} acknowledged, {len(lost)} lost")
    assert len(acknowledged) >= 20 and lost == []
    assert set(sent) <= registered


def test_a_cluster_away_when_the_first_message_comes_is_an_outage_journalled_not_a_503(tmp_path, prefix):
    from tests.redis_server import free_port

    app = make_app(f"redis+cluster://127.0.0.1:{free_port()}", prefix, INSTANCE_PATH=str(tmp_path))
    answer = post_sms(app.test_client(), "STOP")
    assert answer.status_code == 200 and "unsubscribed" in answer.data.decode()
    with app.app_context():
        service = app.service()
        service.stop_replaying()
        assert service.journal.depth() == 1  # kept, replayed once the cluster answers


def test_a_cluster_client_reaches_the_cluster_at_its_first_command_not_when_made(tmp_path, prefix):
    with ThrowawayCluster() as url:
        app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path))
        with app.app_context():
            service = app.service()
            assert "deferred" in service.store.client.__dict__  # built without a round trip
            assert post_sms(app.test_client(), "STOP").status_code == 200
            assert "deferred" not in service.store.client.__dict__
            assert service.store.load(BUSINESS, "+14155550100").opted_out
            assert service.journal.depth() == 0
