"""The suppression-list API: bearer auth, lookups, the register, imports, and its OpenAPI."""

from __future__ import annotations

import time

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig

from service import Inbound
from tests.conftest import LiveServer, make_app
from web.openapi import spec

TOKEN = "test-api-token-1"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SCOPE = "+14155550199"


@pytest.fixture
def api_app(redis_url, prefix):
    return make_app(redis_url, prefix, API_TOKENS=f"other-token, {TOKEN}", TWILIO_FROM=SCOPE)


@pytest.fixture
def api(api_app):
    return api_app.test_client()


def opt_out(app, number: str, scope: str = SCOPE, sid: str | None = None) -> None:
    with app.app_context():
        app.service().handle(Inbound(scope, number, "STOP", sid or f"SM{number[1:]}{scope[-3:]}"))


ROUTES = [
    ("post", "/api/v1/optouts/status"),
    ("get", "/api/v1/optouts/+14155550100"),
    ("get", "/api/v1/optouts"),
    ("post", "/api/v1/optouts"),
    ("get", "/api/v1/openapi.json"),
]


@pytest.mark.parametrize("method, path", ROUTES)
@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}]
)
def test_every_route_refuses_without_a_valid_token(api, method, path, headers):
    response = getattr(api, method)(path, headers=headers, json={"optouts": []})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_no_tokens_configured_means_the_api_is_off(redis_url, prefix):
    client = make_app(redis_url, prefix, API_TOKENS="").test_client()
    assert client.get("/api/v1/optouts", headers={"Authorization": "Bearer "}).status_code == 401


def status(api, number: str, **more: str):
    """POST /api/v1/optouts/status: the number in the body, never in the URL."""
    return api.post("/api/v1/optouts/status", headers=AUTH, json={"number": number, **more})


@pytest.mark.parametrize("written", ["+14155550100", "(415) 555-0100", "415.555.0100", "1-415-555-0100"])
def test_lookup_normalises_numbers(api, api_app, written):
    opt_out(api_app, "+14155550100")
    body = status(api, written).get_json()
    assert body["number"] == "+14155550100" and body["scope"] == SCOPE
    assert body["opted_out"] is True and body["channel"] == "sms"
    assert body["since"].startswith(time.strftime("%Y-", time.gmtime()))


def test_lookup_of_a_subscribed_number_and_other_scope(api, api_app):
    opt_out(api_app, "+14155550100", scope="MG" + "4" * 32)
    body = status(api, "+14155550100").get_json()
    assert body == {
        "number": "+14155550100",
        "scope": SCOPE,
        "opted_out": False,
        "known": False,
        "since": None,
        "channel": None,
        "pending_write": False,
        "evidence": None,
    }
    scoped = status(api, "+14155550100", scope="MG" + "4" * 32).get_json()
    assert scoped["opted_out"] is True and scoped["known"] is True


@pytest.mark.parametrize(
    "path", ["/api/v1/optouts?limt=5", "/api/v1/optouts?cursor=abc", "/api/v1/optouts?since=yesterday", "/api/v1/optouts?limit=0"]
)
def test_bad_input_is_a_clear_400(api, path):
    response = api.get(path, headers=AUTH)
    assert response.status_code == 400 and b"Traceback" not in response.data


def test_register_pages_with_a_cursor(api, api_app):
    numbers = [f"+1415555011{i}" for i in range(5)]
    for number in numbers:
        opt_out(api_app, number)
    seen, cursor, pages = [], None, 0
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        body = api.get("/api/v1/optouts" + query, headers=AUTH).get_json()
        seen += [item["number"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == numbers and pages == 3
    assert {i["event"] for i in api.get("/api/v1/optouts", headers=AUTH).get_json()["items"]} == {"opted_out"}


def test_register_since_filters_by_time(api, api_app):
    opt_out(api_app, "+14155550120")
    time.sleep(0.01)
    middle = time.time()
    time.sleep(0.01)
    opt_out(api_app, "+14155550121")
    body = api.get(f"/api/v1/optouts?since={middle}", headers=AUTH).get_json()
    assert [i["number"] for i in body["items"]] == ["+14155550121"]


def test_import_is_recorded_with_its_source_and_idempotent(api, api_app):
    payload = {
        "source": "carrier-export-2026-11",
        "optouts": [{"number": "(415) 555-0130"}, {"number": "+14155550131", "scope": "MG" + "5" * 32}, {"number": "garbage!!"}],
    }
    first = api.post("/api/v1/optouts", json=payload, headers=AUTH).get_json()
    assert first["imported"] == 2 and first["already"] == 0 and len(first["invalid"]) == 1
    again = api.post("/api/v1/optouts", json=payload, headers=AUTH).get_json()
    assert again["imported"] == 0 and again["already"] == 2
    with api_app.app_context():
        store = api_app.service().store
        record = store.load(SCOPE, "+14155550130")
        history = store.history(SCOPE, "+14155550130")
    assert record.opted_out and record.channel == "import"
    assert history[0]["source"] == "import" and history[0]["detail"] == "carrier-export-2026-11"


@pytest.mark.parametrize("body", [None, {"optouts": "x"}, {"optouts": [1, 2]}, [1]])
def test_import_rejects_malformed_bodies(api, body):
    assert api.post("/api/v1/optouts", json=body, headers=AUTH).status_code == 400


def test_import_cli_uses_the_same_code(api_app, tmp_path):
    csv_file = tmp_path / "carrier.csv"
    csv_file.write_text("PhoneNumber,OptOutDate\n+14155550140,2026-10-01\nnope,2026-10-02\n")
    result = api_app.test_cli_runner().invoke(args=["import-optouts", str(csv_file), "--source", "twilio-export"])
    assert '"imported": 1' in result.output and '"invalid"' in result.output
    with api_app.app_context():
        assert api_app.service().store.load(SCOPE, "+14155550140").opted_out


def test_served_description_is_the_spec(api):
    assert api.get("/api/v1/openapi.json", headers=AUTH).get_json() == spec()


def _answer(path: str, method: str = "get") -> dict:
    return spec()["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]


@pytest.mark.parametrize(
    "body, schema",
    [
        ("StatusBody", lambda: _answer("/api/v1/optouts/status", "post")),
        ("RegisterPage", lambda: _answer("/api/v1/optouts")),
        ("RegisterItem", lambda: _answer("/api/v1/optouts")["properties"]["items"]["items"]),
        ("RegisterItem", lambda: _answer("/api/v1/optouts")["properties"]["pending"]["items"]),
        ("ImportSummary", lambda: _answer("/api/v1/optouts", "post")),
        ("CampaignJSON", lambda: _answer("/api/v1/campaigns/{name}")),
    ],
)
def test_each_answer_s_type_names_every_field_its_description_requires(body, schema):
    """The TypedDict a view builds (mypy checks the building) and the OpenAPI schema it is
    described by (schemathesis checks the answers) name the same fields."""
    from typing import get_type_hints

    from service import campaigns, importer
    from web import bodies

    typed = next(getattr(m, body) for m in (bodies, importer, campaigns) if hasattr(m, body))
    described = schema()
    assert set(get_type_hints(typed)) == set(described["properties"]) == set(described["required"])


SCHEMA = schemathesis.openapi.from_dict(
    spec(), config=SchemathesisConfig.from_dict({"auth": {"openapi": {"bearer": {"bearer": TOKEN}}}})
)


@pytest.fixture(scope="module")
def live_api(redis_url):
    import uuid

    app = make_app(redis_url, f"test-schema-{uuid.uuid4().hex[:8]}", API_TOKENS=TOKEN, TWILIO_FROM=SCOPE)
    with LiveServer(app) as server:
        yield server.url


@SCHEMA.parametrize()
def test_api_conforms_to_its_openapi_description(case, live_api):
    case.call_and_validate(base_url=live_api)


@pytest.mark.parametrize(
    "body",
    [
        {"number": "+14155550100", "scope": "a:b"},
        {"number": "+14155550100", "scope": ""},
        {"number": 14155550100},
        {},
        {"number": "+14155550100", "extra": 1},
        [],
        "STOP",
    ],
)
def test_bad_status_bodies_are_a_clear_400(api, body):
    response = api.post("/api/v1/optouts/status", headers=AUTH, json=body)
    assert response.status_code == 400 and b"Traceback" not in response.data


def test_lookup_of_something_that_is_no_number_is_a_404(api):
    response = status(api, "415555010999888")
    assert response.status_code == 404 and b"415555010999888" not in response.data


def test_the_old_get_with_the_number_in_the_path_still_answers_marked_deprecated(api, api_app):
    opt_out(api_app, "+14155550100")
    response = api.get("/api/v1/optouts/(415)%20555-0100", headers=AUTH)
    assert response.status_code == 200 and response.get_json() == status(api, "+14155550100").get_json()
    assert response.headers["Deprecation"] == "true" and "/api/v1/optouts/status" in response.headers["Link"]
    assert api.get("/api/v1/optouts/+14155550100?scope=a:b", headers=AUTH).status_code == 400
    assert api.get("/api/v1/optouts/+14155550100").status_code == 401


def test_a_scope_is_normalised_like_a_number_in_the_api_too(api, api_app):
    opt_out(api_app, "+14155550100")
    body = status(api, "+14155550100", scope="(415) 555-0199").get_json()
    assert body["scope"] == "+14155550199" and body["opted_out"] is True
    assert api.get("/api/v1/optouts/+14155550100?scope=(415)%20555-0199", headers=AUTH).get_json()["opted_out"]


def test_the_largest_schema_valid_import_is_taken_and_a_larger_body_is_a_413(api):
    import json

    item = {"number": "+1415555" + "0" * 4, "scope": "MG" + "7" * 32, "text": "🛑" * 200}
    payload = {"source": "s" * 64, "optouts": [{**item, "number": f"+1415555{n:04d}"} for n in range(100)]}
    raw = json.dumps(payload)  # ensure_ascii: every emoji a \\ud83d\\uded1 pair
    assert len(raw) > 64 * 1024  # beyond the app-wide limit the webhook keeps
    answer = api.post("/api/v1/optouts", data=raw, content_type="application/json", headers=AUTH)
    assert answer.status_code == 200 and answer.get_json()["imported"] == 100
    too_big = api.post("/api/v1/optouts", data=raw + " " * 500_000, content_type="application/json", headers=AUTH)
    assert too_big.status_code == 413


def test_every_other_route_keeps_the_app_wide_limit(api):
    assert api.post("/api/v1/optouts/status", data="x" * 70_000, content_type="application/json", headers=AUTH).status_code == 413
