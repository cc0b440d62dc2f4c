"""Rasa's two servers for the tests: the project's rasa-sdk action server (project venv) and
real Rasa (its own Python 3.10 venv), started on free ports, waited on, always stopped."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from domain.records import Subscriber
from store.commit import record_fields
from store.keys import key_for
from tests.conftest import store_client
from tests.processes import ServerProcess
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parent.parent
BRAND = "Acme Shoes"
SCOPE = "rasa"
STARTUP_SECONDS = 300.0  # Rasa loads TensorFlow and the model: slow on a loaded 2-core machine


@contextmanager
def action_server(redis_url: str, prefix: str, logs: Path) -> Iterator[str]:
    """python -m rasa_sdk --actions assistant.actions on our Redis; yields its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "REDIS_PREFIX": prefix,
        "SANIC_HOST": "127.0.0.1",
        "BRAND_NAME": BRAND,
        "RASA_SCOPE": SCOPE,
        "PYTHONPATH": str(ROOT),
        "CONSENT_TIE_MS": "0",  # a conversation's STOP and START can come within a second (as in make_app)
    }
    server = ServerProcess(
        [sys.executable, "-m", "rasa_sdk", "--actions", "assistant.actions", "--port", str(port)],
        logs / "action-server.log",
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        server.wait_ready(lambda: requests.get(url + "/health", timeout=5).ok, "action server", 120)
        yield url
    finally:
        server.stop()


@contextmanager
def actions_on_own_prefix(redis_url: str, logs: Path) -> Iterator[tuple[str, str]]:
    """The action server under a key prefix of its own: (url, prefix); the keys go afterwards."""
    prefix = f"test-rasa-{uuid.uuid4().hex[:8]}"
    try:
        with action_server(redis_url, prefix, logs) as url:
            yield url, prefix
    finally:
        client = store_client(redis_url)
        for key in list(client.scan_iter(f"{prefix}:*")):
            client.unlink(key)


def rasa_server(rasa_bin: str, model: Path, actions_url: str, workdir: Path) -> tuple[ServerProcess, str]:
    """`rasa run --enable-api` with the example's channels on loopback (not yet ready), its URL."""
    from assistant.training import RASA_DIR, rasa_environment

    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "{actions_url}/webhook"\n', encoding="utf-8")
    port = free_port()
    env = {**rasa_environment(), "TWILIO_ACCOUNT_SID": "ACtest", "TWILIO_AUTH_TOKEN": "unused", "TWILIO_FROM": "+15005550006"}
    server = ServerProcess(
        [
            rasa_bin,
            "run",
            "--enable-api",
            "--model",
            str(model),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(RASA_DIR / "credentials.yml"),
            "--interface",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        workdir / "rasa.log",
        cwd=workdir,
        env=env,
    )
    return server, f"http://127.0.0.1:{port}"


def model_loaded(url: str) -> bool:
    """Rasa's /status names the model file once the model is in memory."""
    answer = requests.get(url + "/status", timeout=10)
    return answer.ok and bool(answer.json().get("model_file"))


def stored(redis_url: str, prefix: str, number: str) -> dict:
    """The subscriber's record as the store keeps it, defaults filled in."""
    raw = store_client(redis_url).hgetall(key_for(prefix, "number", number))
    return Subscriber.from_dict(record_fields(raw, SCOPE), SCOPE, number).to_dict()
