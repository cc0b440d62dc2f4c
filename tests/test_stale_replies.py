"""A command whose reply came too late for its read never hands that reply to the next command
on the connection: a WAIT longer than the socket timeout once made a Sentinel primary's next
pipeline read WAIT's count as SCRIPT EXISTS's answer (TypeError: 'int' object is not iterable)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import redis

from service import Inbound
from store.connection import connect
from store.subscribers import NotReplicated
from tests.conftest import BUSINESS, make_app
from tests.redis_server import ThrowawayRedis
from tests.redis_topologies import ThrowawaySentinel

REPLICAS = {"single": 0, "sentinel": 1}  # what each set-up has: a WAIT for one more blocks


@pytest.fixture(scope="module", params=list(REPLICAS))
def store(request: pytest.FixtureRequest) -> Iterator[tuple[str, int]]:
    """(URL, replicas it has) of a throwaway single server, then of a primary behind Sentinels."""
    with ThrowawayRedis() if request.param == "single" else ThrowawaySentinel() as url:
        yield url, REPLICAS[request.param]


def test_a_read_that_timed_out_leaves_no_late_reply_for_the_next_command(store):
    """WAIT blocks 1 s, the read gives up at 0.6 s; the next command's read, 0.6 s more, would
    see WAIT's count arrive first if the connection had gone back to the pool still open."""
    url, replicas = store
    client = connect(url, "", 0.6, guard=False)
    assert client.ping()
    with pytest.raises(redis.TimeoutError):
        client.execute_command("WAIT", replicas + 1, 1000)
    assert client.echo("mine") == b"mine"
    assert client.echo("and mine") == b"and mine"


def test_a_wait_longer_than_the_socket_timeout_is_awaited_not_left_unread(store, tmp_path):
    """STORE_WAIT_MS 1000 over a 0.5 s socket timeout: the write's WAIT answers (too few
    replicas: NotReplicated, the replication breaker opens), and the connection reads on in step."""
    url, replicas = store
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    app = make_app(
        url,
        prefix,
        INSTANCE_PATH=str(tmp_path),
        STORE_MIN_REPLICAS=replicas + 1,
        STORE_WAIT_MS=1000,
        REDIS_TIMEOUT_SECONDS=0.5,
        ASK_REASON=False,
    )
    number = "+14155550177"
    with app.app_context():
        service = app.service()
        with pytest.raises(NotReplicated, match=f"{replicas} of {replicas + 1} replicas"):
            service.handle(Inbound(BUSINESS, number, "STOP", "SMstale1"))
        assert service.store.replication_state == "open"
        assert service.store.load(BUSINESS, number).opted_out  # written on the primary, in step
        assert service.store.load(BUSINESS, "+14155550178").seq == 0
    client = connect(url, "", 2.0, guard=False)
    for key in client.scan_iter(f"{prefix}:*"):
        client.unlink(key)
