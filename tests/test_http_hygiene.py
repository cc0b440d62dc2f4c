"""Issue #30: errors a person can read and an API client can parse, HSTS over https, and a
per-token rate limit on /api/v1 (429 with Retry-After, documented in the OpenAPI description)."""

from __future__ import annotations

import pytest

from tests.conftest import make_app, store_client

TOKEN, OTHER = "hygiene-token-1", "hygiene-token-2"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def api_app(redis_url, prefix):
    return make_app(redis_url, prefix, API_TOKENS=f"{TOKEN},{OTHER}", TWILIO_FROM="+14155550199", API_RATE_LIMIT=3)


def test_hsts_is_sent_when_the_service_is_published_over_https(redis_url, prefix):
    secure = make_app(redis_url, prefix).test_client()  # PUBLIC_URL https://sms.example.com
    for path in ("/terms", "/nope", "/api/v1/optouts"):
        assert secure.get(path).headers["Strict-Transport-Security"] == "max-age=31536000", path
    plain = make_app(redis_url, prefix, PUBLIC_URL="http://127.0.0.1:5000").test_client()
    assert "Strict-Transport-Security" not in plain.get("/terms").headers


@pytest.mark.parametrize(
    "method, path, headers, status",
    [
        ("get", "/api/v1/optouts", {}, 401),
        ("get", "/api/v1/nothing", AUTH, 404),
        ("delete", "/api/v1/optouts", AUTH, 405),
        ("get", "/api/v1/optouts?since=x", AUTH, 400),
    ],
)
def test_every_api_error_is_json(api_app, method, path, headers, status):
    answer = getattr(api_app.test_client(), method)(path, headers=headers)
    assert answer.status_code == status and answer.mimetype == "application/json"
    assert set(answer.get_json()) == {"error"} and isinstance(answer.get_json()["error"], str)


def test_a_server_error_under_the_api_is_json_without_internals(redis_url, prefix):
    app = make_app(redis_url, prefix)
    app.add_url_rule("/api/v1/boom", "boom", lambda: 1 / 0)
    answer = app.test_client().get("/api/v1/boom")
    assert answer.status_code == 500 and answer.get_json() == {"error": "internal error (logged)"}


def test_a_person_gets_a_styled_page_for_404_405_and_500(redis_url, prefix):
    app = make_app(redis_url, prefix)
    app.add_url_rule("/boom", "boom", lambda: 1 / 0)
    client = app.test_client()
    for method, path, status, words in [
        ("get", "/nope", 404, "Page not found"),
        ("post", "/terms", 405, "This page cannot do that"),
        ("get", "/boom", 500, "Something went wrong on our side"),
    ]:
        answer = getattr(client, method)(path)
        page = answer.get_data(as_text=True)
        assert answer.status_code == status and answer.mimetype == "text/html", path
        assert words in page and "Acme Shoes" in page and "<style>" in page and "STOP" in page, path
        assert "ZeroDivision" not in page and "Traceback" not in page
    assert "GET" in client.post("/terms").headers["Allow"]
    assert client.get("/sms/x").mimetype == "text/plain"  # machines keep short text


def test_each_token_may_make_api_rate_limit_calls_a_minute(api_app):
    client = api_app.test_client()
    assert [client.get("/api/v1/optouts", headers=AUTH).status_code for _ in range(3)] == [200] * 3
    refused = client.get("/api/v1/optouts", headers=AUTH)
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "3 requests a minute" in refused.get_json()["error"]
    other = {"Authorization": f"Bearer {OTHER}"}
    assert client.get("/api/v1/optouts", headers=other).status_code == 200  # per token
    assert client.get("/api/v1/optouts").status_code == 401  # no token: refused, not counted


def test_the_window_starts_again_each_minute_and_keys_hide_the_token(redis_url, prefix):
    from store.rate_limits import RateLimits

    limits = RateLimits(store_client(redis_url), prefix)
    assert [limits.hit(TOKEN, 2, now=600.0) for _ in range(3)] == [0, 0, 60]
    assert limits.hit(TOKEN, 2, now=659.5) == 1 and limits.hit(TOKEN, 2, now=660.0) == 0
    keys = [k.decode() for k in store_client(redis_url).scan_iter(f"{prefix}:rate:*")]
    assert len(keys) == 2 and not any(TOKEN in k for k in keys)


def test_no_limit_when_api_rate_limit_is_0(redis_url, prefix):
    client = make_app(redis_url, prefix, API_TOKENS=TOKEN, TWILIO_FROM="+14155550199", API_RATE_LIMIT=0).test_client()
    assert {client.get("/api/v1/optouts", headers=AUTH).status_code for _ in range(5)} == {200}


def test_a_negative_rate_limit_stops_the_start(redis_url, prefix):
    from domain.errors import ConfigError

    with pytest.raises(ConfigError, match="API_RATE_LIMIT"):
        make_app(redis_url, prefix, API_RATE_LIMIT=-1)


def test_the_openapi_description_documents_the_limit_and_json_errors():
    from web.openapi import spec

    document = spec()
    assert "API_RATE_LIMIT" in document["info"]["description"] and "429" in document["info"]["description"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            limited = operation["responses"]["429"]
            assert "Retry-After" in limited["headers"], (path, method)
            assert "application/json" in operation["responses"]["401"]["content"], (path, method)


def test_a_store_refusing_writes_lets_api_calls_through_uncounted():
    """NOREPLICAS (min-replicas-to-write) is no outage redis-py names: the limit still never 500s."""
    import redis

    from store.rate_limits import RateLimits
    from tests.redis_server import ThrowawayRedis

    with ThrowawayRedis() as url:
        client = redis.Redis.from_url(url)
        client.config_set("min-replicas-to-write", 1)
        assert RateLimits(client, "refusing").hit("a-token", 1) == 0
        assert RateLimits(client, "refusing").hit("a-token", 1) == 0  # nothing counted: never limited
        client.config_set("min-replicas-to-write", 0)
        assert [RateLimits(client, "refusing").hit("a-token", 1) for _ in range(2)][1] > 0


def test_security_headers_are_added_once_and_a_views_own_are_kept(redis_url, prefix):
    """Added in one pass: each header once, a view's own value kept, HTML pages' and https's
    headers only there; the /sms answer gets them like every route."""
    from flask import Response

    app = make_app(redis_url, prefix)  # PUBLIC_URL is https

    @app.get("/framed")
    def framed() -> Response:
        return Response("<p>x</p>", mimetype="text/html", headers={"x-frame-options": "SAMEORIGIN"})

    answer = app.test_client().get("/framed")
    names = [name.lower() for name, _ in answer.headers]
    assert len(names) == len(set(names)) and answer.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert answer.headers["Content-Security-Policy"] and answer.headers["Strict-Transport-Security"] == "max-age=31536000"
    sms = app.test_client().post("/sms")  # unsigned: refused, still with the headers
    assert sms.headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" not in sms.headers
    assert len(sms.headers["X-Request-Id"]) == 32 and int(sms.headers["X-Request-Id"], 16) >= 0
