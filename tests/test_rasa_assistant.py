"""The example assistant (rasa/) run by real Rasa 3.6: trained, served, talked to through its
REST channel, and asked by the webhook as an intent source. `make test-rasa` runs this
module (it needs the Python 3.10 venv that target builds); `make test` leaves it out."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
import requests

from assistant.training import RASA_DIR, cached_model, export_nlu, rasa_environment
from tests import rasa_servers
from tests.conftest import make_app, post_sms
from tests.rasa_servers import BRAND, model_loaded, stored

pytestmark = pytest.mark.rasa
ROOT = Path(__file__).resolve().parent.parent
CONFIRMATION = f"You are unsubscribed from {BRAND}. No more messages will be sent. Reply START to resubscribe."


@pytest.fixture(scope="module")
def rasa_bin() -> str:
    """RASA_BIN, else the venv `make rasa-install` builds; a clear failure without either."""
    found = os.environ.get("RASA_BIN") or str(ROOT / ".venv-rasa" / "bin" / "rasa")
    if not Path(found).exists():
        pytest.fail(f"no Rasa at {found}: run `make test-rasa` (it builds the Python 3.10 venv)")
    return str(Path(found).resolve())


@pytest.fixture(scope="module")
def model(rasa_bin) -> Path:
    """The example trained on the intent layer's current data (cached by content hash)."""
    export_nlu()
    return cached_model(rasa_bin)


@pytest.fixture(scope="module")
def prefix_and_actions(redis_url, tmp_path_factory):
    """(prefix, action server URL)."""
    with rasa_servers.actions_on_own_prefix(redis_url, tmp_path_factory.mktemp("actions")) as (url, prefix):
        yield prefix, url


@pytest.fixture(scope="module")
def rasa(rasa_bin, model, prefix_and_actions, tmp_path_factory):
    """Real `rasa run` with the REST and Twilio channels; stopped whatever the tests did."""
    server, url = rasa_servers.rasa_server(rasa_bin, model, prefix_and_actions[1], tmp_path_factory.mktemp("rasa"))
    try:
        server.wait_ready(lambda: model_loaded(url), "rasa run", rasa_servers.STARTUP_SECONDS)
        requests.post(url + "/model/parse", json={"text": "hello"}, timeout=120)  # first parse warms up
        yield server, url
    finally:
        server.stop()


def say(url: str, sender: str, text: str) -> list[str]:
    """One SMS-like turn through Rasa's REST channel; the texts Rasa answers with."""
    answer = requests.post(url + "/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=120)
    answer.raise_for_status()
    return [reply["text"] for reply in answer.json() if "text" in reply]


def test_the_example_passes_rasa_data_validate(rasa_bin, model):
    done = subprocess.run(
        [rasa_bin, "data", "validate", "--fail-on-warnings"],
        cwd=RASA_DIR,
        env=rasa_environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def test_stop_reason_help_and_start_through_the_rest_channel(rasa, prefix_and_actions, redis_url):
    (_, url), (prefix, _) = rasa, prefix_and_actions
    sender = "+14155550120"
    assert say(url, sender, "STOP") == [CONFIRMATION + " Optional: reply with why you unsubscribed."]
    assert stored(redis_url, prefix, sender)["state"] == "awaiting_reason"
    assert say(url, sender, "you send far too many texts") == []
    record = stored(redis_url, prefix, sender)
    assert (record["state"], record["reason_category"]) == ("opted_out", "too_many")
    assert say(url, sender, "HELP")[0].startswith(f"{BRAND}: for help contact")
    assert say(url, sender, "START") == [f"You are resubscribed to {BRAND} messages. Reply STOP to opt out, HELP for help."]
    assert stored(redis_url, prefix, sender)["state"] == "subscribed"


@pytest.mark.parametrize(
    "sender, text",
    [
        ("+14155550121", "please take me off your list"),
        ("+14155550122", "wrong number, there is no Mary here"),
    ],
)
def test_natural_opt_outs_and_wrong_numbers_are_honoured(rasa, prefix_and_actions, redis_url, sender, text):
    """Rasa's own model names the intent (opted_out_by says which model decided)."""
    (_, url), (prefix, _) = rasa, prefix_and_actions
    replies = say(url, sender, text)
    assert replies and replies[0].startswith(CONFIRMATION)
    record = stored(redis_url, prefix, sender)
    assert record["state"] in {"opted_out", "awaiting_reason"}
    assert record["opted_out_by"] == "rasa:opt_out"


def test_chatter_changes_nothing(rasa, prefix_and_actions, redis_url):
    (_, url), (prefix, _) = rasa, prefix_and_actions
    sender = "+14155550123"
    assert say(url, sender, "see you at the game tomorrow") == []
    assert stored(redis_url, prefix, sender)["state"] == "subscribed"


def test_the_twilio_channel_is_mounted(rasa):
    answer = requests.get(rasa[1] + "/webhooks/twilio/", timeout=30)
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}


def last_entry(app) -> dict:
    with app.app_context():
        return app.service().intent_log.recent(1)[0]


def test_the_webhook_blends_the_real_rasa(rasa, redis_url, prefix):
    app = make_app(redis_url, prefix, RASA_NLU_URL=rasa[1], RASA_NLU_TIMEOUT=5.0)
    client = app.test_client()
    post_sms(client, "see you at the game tomorrow", sid="SMrasa1", sender="+14155550124")
    entry = last_entry(app)
    assert (entry["source"], entry["intent"], entry["event"]) == ("model+rasa", "other", "ignored")
    post_sms(client, "please take me off your list", sid="SMrasa2")  # a rule decides: Rasa not asked
    assert (last_entry(app)["source"], last_entry(app)["event"]) == ("rule", "opted_out")


def test_the_webhook_survives_rasa_hanging_then_stopping(rasa, redis_url, prefix):
    """Runs last in this module: it stops the module's Rasa server."""
    server, url = rasa
    app = make_app(redis_url, prefix, RASA_NLU_URL=url, RASA_NLU_TIMEOUT=1.0)
    client = app.test_client()
    server.signal(signal.SIGSTOP)  # Rasa hangs mid-run
    try:
        answer = post_sms(client, "I do not consent to these messages", sid="SMhang1")
    finally:
        server.signal(signal.SIGCONT)
    assert CONFIRMATION in answer.get_data(as_text=True)
    assert last_entry(app)["detail"].endswith(":rasa-unavailable:timeout")
    server.wait_ready(lambda: model_loaded(url), "rasa after SIGCONT", 120)
    server.stop()  # Rasa goes away for good
    answer = post_sms(client, "I do not consent to these messages", sid="SMgone1", sender="+14155550125")
    assert CONFIRMATION in answer.get_data(as_text=True)
    assert ":rasa-unavailable:" in last_entry(app)["detail"]
