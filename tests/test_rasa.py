"""Rasa: the real rasa-sdk action server on our store, and Rasa NLU as an intent source."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
import requests
import yaml

from intents import Intent, Pipeline
from intents.rasa_nlu import RasaNLU, RasaUnavailable, parse_intent_map
from intents.training_data import DATA_DIR
from tests import rasa_servers
from tests.fake_http import FakeServer, JsonHandler
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parent.parent
SENDER = "+14155550100"


@pytest.fixture(scope="module")
def action_server(redis_url, tmp_path_factory):
    """The real rasa-sdk action server on our Redis: (url, prefix)."""
    with rasa_servers.actions_on_own_prefix(redis_url, tmp_path_factory.mktemp("actions")) as served:
        yield served


def call(url: str, action: str, text: str, intent: str, message_id: str, sender: str = SENDER) -> requests.Response:
    """The JSON Rasa sends to an action server's /webhook."""
    body = {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.0",
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "events": [],
            "paused": False,
            "latest_event_time": time.time(),
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
            "latest_message": {
                "text": text,
                "message_id": message_id,
                "intent": {"name": intent, "confidence": 0.97},
                "entities": [],
                "intent_ranking": [],
            },
        },
        "domain": {"slots": {"opted_out": {"type": "bool"}, "awaiting_reason": {"type": "bool"}}},
    }
    return requests.post(f"{url}/webhook", json=body, timeout=10)


def slots(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def stored(redis_url: str, prefix: str, number: str = SENDER) -> dict:
    return rasa_servers.stored(redis_url, prefix, number)


def test_opt_out_reason_and_opt_in_through_the_action_server(action_server, redis_url):
    url, prefix = action_server
    answer = call(url, "action_opt_out", "please stop texting me", "opt_out", "m1")
    assert answer.status_code == 200
    body = answer.json()
    assert [r["text"] for r in body["responses"]] == [
        "You are unsubscribed from Acme Shoes. No more messages will be sent. "
        "Reply START to resubscribe. Optional: reply with why you unsubscribed."
    ]
    assert slots(body["events"]) == {"opted_out": True, "awaiting_reason": True}
    record = stored(redis_url, prefix)
    assert record["state"] == "awaiting_reason" and record["opted_out_by"] == "rasa:opt_out"

    body = call(url, "action_record_opt_out_reason", "too many texts", "nlu_fallback", "m2").json()
    assert body["responses"] == []
    assert slots(body["events"]) == {"opted_out": True, "awaiting_reason": False}
    assert stored(redis_url, prefix)["reason_category"] == "too_many"

    body = call(url, "action_opt_out_help", "help", "help", "m3").json()
    assert body["responses"][0]["text"].startswith("Acme Shoes: for help contact")

    body = call(url, "action_opt_in", "start", "opt_in", "m4").json()
    assert slots(body["events"]) == {"opted_out": False, "awaiting_reason": False}
    assert stored(redis_url, prefix)["state"] == "subscribed"


def test_repeated_rasa_message_id_is_processed_once(action_server, redis_url):
    url, prefix = action_server
    first = call(url, "action_opt_out", "stop", "opt_out", "dup1", sender="+14155550111").json()
    again = call(url, "action_opt_out", "stop", "opt_out", "dup1", sender="+14155550111").json()
    assert first["responses"] == again["responses"]
    assert stored(redis_url, prefix, "+14155550111")["state"] == "awaiting_reason"


def test_a_sender_that_is_no_number_gets_no_events(action_server):
    url, _ = action_server
    body = call(url, "action_opt_out", "stop", "opt_out", "x1", sender="not a number!!").json()
    assert body["events"] == [] and body["responses"] == []


def test_unknown_action_is_a_404(action_server):
    url, _ = action_server
    answer = call(url, "action_does_not_exist", "hi", "greet", "u1")
    assert answer.status_code == 404
    assert answer.json()["action_name"] == "action_does_not_exist"


class FakeRasa(JsonHandler):
    """Answers POST /model/parse as Rasa documents it; 'slow' and 'boom' misbehave."""

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        text = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["text"]
        if self.path != "/model/parse":
            return self.reply_json(404, {"error": "not found"})
        if "slow" in text:
            time.sleep(4.0)  # far past any budget the tests set
        if "boom" in text:
            return self.reply_json(500, {"error": "model not loaded"})
        name = "unsubscribe" if "leave" in text else "greet"
        ranking = [{"name": name, "confidence": 0.96}, {"name": "affirm", "confidence": 0.04}]
        self.reply_json(200, {"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": []})


@pytest.fixture(scope="module")
def fake_rasa():
    server = FakeServer(("127.0.0.1", 0), FakeRasa)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()  # waits for the 'slow' answers still sleeping


def test_rasa_answer_is_mapped_and_blended(fake_rasa):
    assert Pipeline()("could you leave my phone in peace").name == "other"  # local model alone
    pipeline = Pipeline(rasa=RasaNLU(fake_rasa, 0.5))
    result = pipeline("could you leave my phone in peace")
    assert result.source == "model+rasa" and result.name == "opt_out"
    assert pipeline("hello there").name == "other"


def test_a_forked_worker_can_still_ask_rasa(fake_rasa):
    """gunicorn forks workers after the app is built: the child's questions must still run."""
    import multiprocessing

    rasa = RasaNLU(fake_rasa, 2.0)
    assert rasa.probabilities("please leave me")["opt_out"] > 0.9  # the parent's pool exists now
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    child = context.Process(target=lambda: answers.put(rasa.probabilities("please leave me")["opt_out"]))
    child.start()
    try:
        assert answers.get(timeout=20) > 0.9
    finally:
        child.join(timeout=20)
        if child.is_alive():
            child.kill()


def test_keywords_win_without_asking_rasa(fake_rasa):
    result = Pipeline(rasa=RasaNLU(fake_rasa, 0.5))("STOP")
    assert (result.source, result.confidence) == ("keyword", 1.0)


@pytest.mark.parametrize("text, why", [("slow down please", "timeout"), ("boom", "HTTPError")])
def test_slow_or_failing_rasa_leaves_the_local_model_alone(fake_rasa, text, why, caplog):
    pipeline = Pipeline(rasa=RasaNLU(fake_rasa, 1.0))
    started = time.perf_counter()
    result = pipeline(text)
    assert time.perf_counter() - started < 3.5  # the 1 s budget, not the 4 s Rasa takes
    assert result.source == "model" and result.detail.endswith(f":rasa-unavailable:{why}")
    assert "Rasa NLU unavailable" in caplog.text


def test_unreachable_rasa_is_survived():
    result = Pipeline(rasa=RasaNLU(f"http://127.0.0.1:{free_port()}", 0.2))("I do not consent to these messages")
    assert result.name == "opt_out" and "rasa-unavailable" in result.detail


def test_malformed_rasa_answer_is_rejected():
    with pytest.raises(RasaUnavailable):
        RasaNLU("http://unused").mapped({"intent_ranking": [{"confidence": 1}]})


def test_intent_map_configuration():
    mapping = parse_intent_map("bye:opt_out, greet:other")
    assert mapping["bye"] == "opt_out" and mapping["stop"] == "opt_out"
    with pytest.raises(ValueError):
        parse_intent_map("bye:goodbye")


def test_webhook_uses_rasa_when_configured(redis_url, prefix, fake_rasa):
    from tests.conftest import make_app, post_sms
    from tests.test_webhook import record

    app = make_app(redis_url, prefix, RASA_NLU_URL=fake_rasa, RASA_NLU_TIMEOUT=0.5)
    post_sms(app.test_client(), "could you leave my phone in peace")
    assert record(app).opted_out
    with app.app_context():
        entry = app.service().intent_log.recent(1)[0]
    assert entry["source"] == "model+rasa"


def test_bad_rasa_settings_fail_at_start(redis_url, prefix):
    from domain.errors import ConfigError
    from tests.conftest import make_app

    with pytest.raises(ConfigError):
        make_app(redis_url, prefix, RASA_NLU_URL="http://x", RASA_INTENT_MAP="a:b")
    with pytest.raises(ConfigError):
        make_app(redis_url, prefix, RASA_NLU_URL="http://x", RASA_NLU_TIMEOUT=30.0)


def test_training_data_follows_rasa_3_format_rules():
    names = set()
    for path in sorted(DATA_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert document["version"] == "3.1", path
        assert set(document) == {"version", "nlu"}, path
        in_file = set()
        for entry in document["nlu"]:
            assert set(entry) == {"intent", "examples"}, path
            assert entry["intent"] not in in_file, f"intent {entry['intent']} twice in {path.name}"
            in_file.add(entry["intent"])  # Rasa merges an intent's examples across files
            names.add(entry["intent"])
            lines = [line for line in entry["examples"].splitlines() if line.strip()]
            assert all(line.startswith("- ") for line in lines), path
            texts = [line[2:] for line in lines]
            assert len(texts) == len(set(texts)), f"duplicate examples in {path.name}"
    assert names == {"opt_out", "opt_in", "help", "other"}


def test_the_example_assistant_names_the_real_actions_and_every_intent():
    """rasa/ is whole: the domain lists the data's intents and our actions, and every intent
    has a rule (real Rasa validates it too, in `make test-rasa`)."""
    from assistant import actions as rasa_actions

    domain = yaml.safe_load((ROOT / "rasa" / "domain.yml").read_text())
    rules = yaml.safe_load((ROOT / "rasa" / "data" / "rules.yml").read_text())
    ours = {
        cls.action_name
        for cls in vars(rasa_actions).values()
        if isinstance(cls, type) and issubclass(cls, rasa_actions.OptOutAction) and cls.action_name
    }
    assert set(domain["actions"]) == ours
    assert set(domain["intents"]) == {"opt_out", "opt_in", "help", "other"}
    steps = [step for rule in rules["rules"] for step in rule["steps"]]
    assert {step["action"] for step in steps if "action" in step} == ours
    assert {step["intent"] for step in steps if "intent" in step} == set(domain["intents"]) | {"nlu_fallback"}


def test_the_rasa_nlu_data_is_made_from_the_intent_layers(tmp_path):
    from assistant.training import content_hash, export_nlu

    rasa_dir = tmp_path / "rasa"
    (rasa_dir / "data").mkdir(parents=True)
    for name in ("config.yml", "domain.yml"):
        (rasa_dir / name).write_text((ROOT / "rasa" / name).read_text())
    (rasa_dir / "data" / "nlu").mkdir()
    (rasa_dir / "data" / "nlu" / "stale.yml").write_text("left over")
    copied = export_nlu(DATA_DIR, rasa_dir)
    assert sorted(p.name for p in copied) == sorted(p.name for p in DATA_DIR.glob("*.yml"))
    assert not (rasa_dir / "data" / "nlu" / "stale.yml").exists()
    before = content_hash(rasa_dir)
    with open(copied[0], "a", encoding="utf-8") as data:
        data.write("\n")
    assert content_hash(rasa_dir) != before  # any data change trains a new model


def keyword(name: str) -> Intent:
    return Intent(name, 1.0, "en", "keyword", "keyword:exact")


@pytest.mark.parametrize(
    "local, rasa_says, decided_by",
    [
        (keyword("opt_out"), "other", "keyword"),  # 'STOP' typed in a chat
        (keyword("opt_in"), "opt_out", "keyword"),  # 'START' is the explicit request
        (Intent("opt_out", 0.9, "en", "rule"), "other", "rule"),  # our opt-out is never lost to Rasa
        (Intent("opt_out", 0.9, "en", "rule"), "opt_in", "rule"),
        (Intent("opt_out", 0.9, "en", "rule"), "opt_out", "rasa"),  # both agree: Rasa's turn
        (Intent("other", 0.8, "en", "model"), "opt_out", "rasa"),
        (Intent("other", 0.8, "en", "model"), "help", "rasa"),
    ],
)
def test_which_intent_a_rasa_turn_runs(local, rasa_says, decided_by):
    from assistant.actions import decided_intent

    intent = decided_intent(local, "text", {"name": rasa_says, "confidence": 0.7}, rasa_says)
    assert intent.source == decided_by
    if decided_by == "rasa":
        assert (intent.name, intent.confidence, intent.detail) == (rasa_says, 0.7, f"rasa:{rasa_says}")
    else:
        assert intent is local


def test_a_store_outage_in_a_rasa_turn_is_journalled_and_confirmed(tmp_path, prefix, monkeypatch):
    from assistant import actions
    from service.journal import Journal
    from tests.conftest import make_app
    from tests.redis_server import ThrowawayRedis
    from tests.test_faults import caught_up

    with ThrowawayRedis() as url:
        app = make_app(url, prefix, INSTANCE_PATH=str(tmp_path), REDIS_TIMEOUT_SECONDS=0.3, BRAND_NAME="Acme Shoes")
        monkeypatch.setattr(actions, "_APP", app)
        ThrowawayRedis.last.stop()
        latest = {"text": "please stop", "message_id": "m-out", "intent": {"name": "opt_out", "confidence": 0.9}}
        try:
            turnout = actions.run_turn(SENDER, latest, "opt_out")
            assert turnout is not None and turnout.state_after == "opted_out"
            assert turnout.reply and turnout.reply.startswith("You are unsubscribed from Acme Shoes.")
            assert Journal(str(tmp_path)).consent("rasa", SENDER) is True
            assert actions.slot_events(turnout) == [
                {"event": "slot", "timestamp": None, "name": "opted_out", "value": True},
                {"event": "slot", "timestamp": None, "name": "awaiting_reason", "value": False},
            ]
        finally:
            ThrowawayRedis.last.start()
        with app.app_context():
            assert caught_up(app).store.load("rasa", SENDER).opted_out


def test_a_failed_rasa_turn_is_journalled_then_raised(tmp_path, redis_url, prefix, monkeypatch):
    """Not an outage (a bug): journalled for replay, and the error reaches rasa-sdk (a 500)."""
    from assistant import actions
    from service.journal import Journal
    from tests.conftest import make_app

    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path))
    monkeypatch.setattr(actions, "_APP", app)
    service = actions.service()[0]

    def broken(*args, **kwargs):
        raise ValueError("a bug in the store layer")

    monkeypatch.setattr(service, "handle", broken)
    with pytest.raises(ValueError):
        actions.run_turn(SENDER, {"text": "stop", "message_id": "m-bug"}, "opt_out")
    assert Journal(str(tmp_path)).consent("rasa", SENDER) is True
