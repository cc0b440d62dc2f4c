"""The store's repositories: today's key layouts kept, and their outages raised as the domain's
StoreOutage (never redis-py's), which the edge answers as it answered redis-py's."""

from __future__ import annotations

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from domain.errors import StoreOutage
from service.grading import Grading, review_priority
from store.commit import Grade, counters
from store.connection import OUTAGES
from store.repositories import Repositories
from tests.conftest import BUSINESS, SUBSCRIBER, make_app, store_client
from tests.redis_server import free_port


def test_the_keys_are_the_ones_written_before_the_repositories(redis_url, prefix):
    client = store_client(redis_url)
    repos = Repositories(client, prefix)
    repos.sessions.create("sid1", {"created": "1", "password": "f", "generation": "0"}, 60)
    repos.sessions.next_generation()
    repos.links.create("link1", {"number": SUBSCRIBER, "scope": BUSINESS, "created": "1"}, 60)
    repos.refs.put("tok1", SUBSCRIBER, 60)
    repos.lockouts.count("2001:db8::1", 60)
    repos.audit.append({"action": "reveal-number"})
    assert client.hgetall(f"{prefix}:session:sid1") == {b"created": b"1", b"password": b"f", b"generation": b"0"}
    assert client.get(f"{prefix}:ops-generation") == b"1" and repos.sessions.generation() == "1"
    assert repos.links.read("link1") == {"number": SUBSCRIBER, "scope": BUSINESS, "created": "1"}
    assert client.get(f"{prefix}:ref:tok1") == SUBSCRIBER.encode() and repos.refs.number_of("nope") is None
    assert client.get(f"{prefix}:login:2001_db8__1") == b"1" and 0 < client.ttl(f"{prefix}:login:2001_db8__1") <= 60
    assert client.xlen(f"{prefix}:audit") == 1
    assert repos.reviews.verdict("not-an-id") is None and repos.health.ping() >= 0


def test_an_unreachable_store_is_the_domains_outage_everywhere():
    away = redis.Redis(
        port=free_port(), socket_connect_timeout=0.2, socket_timeout=0.2, retry=Retry(NoBackoff(), 0)
    )  # refused at once, not retried
    repos = Repositories(away, "away")
    calls = [
        lambda: repos.sessions.read("s"),
        lambda: repos.sessions.generation(),
        lambda: repos.links.read("l"),
        lambda: repos.refs.number_of("t"),
        lambda: repos.lockouts.count("1.2.3.4", 60),
        lambda: repos.audit.append({"a": "b"}),
        lambda: repos.reviews.pending(5),
        lambda: repos.reviews.verdicts(),
        lambda: repos.health.ping(),
    ]
    for call in calls:
        with pytest.raises(StoreOutage) as raised:
            call()
        assert isinstance(raised.value.__cause__, redis.ConnectionError)
        assert isinstance(raised.value, OUTAGES)  # every `except OUTAGES` still sees it


def test_a_console_sign_in_with_the_store_away_is_a_503(redis_url, prefix, monkeypatch):
    from tests.test_ops import PASSWORD, csrf_of

    app = make_app(redis_url, prefix, SECRET_KEY="s" * 32, OPS_PASSWORD=PASSWORD)
    client = app.test_client()
    token = csrf_of(client.get("/ops/login").data)

    def away(*args: object, **kwargs: object) -> None:
        raise redis.ConnectionError("connection refused")

    monkeypatch.setattr(app.service().store.client, "eval", away)
    assert client.post("/ops/login", data={"password": PASSWORD, "csrf": token}).status_code == 503


@pytest.mark.parametrize(
    "entry, priority",
    [
        ({"flagged": True, "confidence": 0.7, "source": "model"}, "0.7"),
        ({"confidence": 0.6, "source": "model:v1"}, "1.6"),
        ({"confidence": 0.9, "source": "model:v1"}, ""),
        ({"confidence": 0.3, "source": "keyword"}, ""),
    ],
)
def test_the_review_priority_is_the_services_and_written_as_before(entry, priority):
    assert review_priority(entry, 0.85) == priority
    assert Grading(0.85)({**entry, "intent": "other"}).priority == priority


def test_a_graded_decision_counts_its_confidence_column_one_without_a_column_none():
    entry = {"event": "opted_out", "intent": "opt_out", "confidence": 0.93, "source": "keyword"}
    assert Grading()(entry) == Grade("0.9", "")
    assert counters(entry, Grading()(entry).column) == [
        "messages",
        "event:opted_out",
        "intent:opt_out",
        "confidence:0.9:opt_out",
        "opted_out:keyword",
    ]
    assert counters(entry, Grade().column) == ["messages", "event:opted_out", "intent:opt_out", "opted_out:keyword"]
