"""The Dockerfile and compose.yaml, checked against the code (no Docker engine runs here):
every package is copied, every setting exists, Redis keeps an append-only file, and the
container's own command, run as a process beside a Redis set up as compose sets it up,
serves a signed STOP and reports ready."""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
import tomllib
from pathlib import Path

import redis
import requests
import yaml

from service import settings
from tests.conftest import AUTH_TOKEN, sign, twilio_form
from tests.processes import ServerProcess
from tests.redis_server import ThrowawayRedis, free_port

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def container_command() -> list[str]:
    """The Dockerfile's CMD (exec form)."""
    line = next(line for line in DOCKERFILE.splitlines() if line.startswith("CMD "))
    return list(json.loads(line.removeprefix("CMD ")))


def test_the_image_copies_every_package_the_distribution_installs():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    packages = {p.rstrip("*") for p in patterns["include"]}
    copied = set(re.findall(r"^COPY (\w+) \1$", DOCKERFILE, re.M))
    assert copied == packages
    assert "app.py" in DOCKERFILE and "pip install --no-cache-dir -c requirements.txt ." in DOCKERFILE  # the pins


def test_compose_sets_only_real_settings_and_a_durable_redis():
    environment = COMPOSE["services"]["app"]["environment"]
    assert set(environment) <= set(settings.DEFAULTS)
    assert environment["REQUIRE_DURABLE_STORE"] == "true"
    command = COMPOSE["services"]["redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert "journal:/data" in COMPOSE["services"]["app"]["volumes"]
    assert "'INSTANCE_PATH': '/data'" in container_command()[-1]  # the journal is on that volume


def test_the_containers_command_serves_a_stop_beside_an_append_only_redis(tmp_path):
    with ThrowawayRedis() as url:
        redis.Redis.from_url(url).config_set("appendonly", "yes")  # as compose starts it
        port = free_port()
        command = container_command()
        command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
        command[-1] = command[-1].replace("/data", str(tmp_path))
        env = {
            **os.environ,
            "REDIS_URL": url,
            "REQUIRE_DURABLE_STORE": "true",
            "LOG_FORMAT": "json",
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "PUBLIC_URL": f"http://127.0.0.1:{port}",
        }
        server = ServerProcess([sys.executable, "-m", *command], tmp_path / "gunicorn.log", cwd=ROOT, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            server.wait_ready(
                lambda: requests.get(base + "/readyz", timeout=5).status_code == 200,
                "the container's command " + shlex.join(command),
                90,
            )
            form = twilio_form("STOP")
            answer = requests.post(
                base + "/sms", data=form, timeout=30, headers={"X-Twilio-Signature": sign(form, url=base + "/sms")}
            )
            assert answer.status_code == 200 and "unsubscribed" in answer.text
            assert '"level"' in server.tail(200)  # LOG_FORMAT=json, as the image sets it
        finally:
            server.stop()
