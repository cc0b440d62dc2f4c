"""The embedded default under gunicorn: two workers, recycled often, share one server."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import psutil
import pytest
import requests

from tests.conftest import AUTH_TOKEN, BUSINESS, sign, twilio_form
from tests.processes import ServerProcess
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "gunicorn-test-api-token"


def wait_for_http(url: str, seconds: float = 60) -> None:
    """Poll until the server answers (any status), failing after a deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


def embedded_servers(instance: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline", "cwd"]):
        try:
            if "redis-server" in (process.info["name"] or "") and str(instance) in " ".join(process.info["cmdline"] or []) + (
                process.info["cwd"] or ""
            ):
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


@pytest.fixture
def gunicorn(tmp_path):
    port = free_port()
    instance = tmp_path / "instance"
    env = {
        **os.environ,
        "REDIS_URL": "",
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "API_TOKENS": TOKEN,
        "TWILIO_FROM": BUSINESS,
        "FLASK_INSTANCE_PATH": str(instance),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        "2",
        "--max-requests",
        "7",
        "-b",
        f"127.0.0.1:{port}",
        f"app:create_app({{'INSTANCE_PATH': {str(instance)!r}}})",
    ]
    server = ServerProcess(command, tmp_path / "gunicorn.log", cwd=ROOT, env=env)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}", instance
    finally:
        server.stop(grace=30)
        for embedded in embedded_servers(instance):
            embedded.kill()


def test_two_recycled_workers_share_one_embedded_store(gunicorn):
    base, instance = gunicorn
    from concurrent.futures import ThreadPoolExecutor

    numbers = [f"+1415555{n:04d}" for n in range(40)]

    def stop(number: str) -> requests.Response:
        form = twilio_form("STOP", sender=number)
        return requests.post(base + "/sms", data=form, timeout=30, headers={"X-Twilio-Signature": sign(form, url=base + "/sms")})

    with ThreadPoolExecutor(8) as pool:  # both workers' first requests at once
        answers = list(pool.map(stop, numbers))
    assert [(a.status_code, a.text[:200]) for a in answers if a.status_code != 200 or "unsubscribed" not in a.text] == []
    assert len(embedded_servers(instance)) == 1
    for number in numbers:
        status = requests.post(
            f"{base}/api/v1/optouts/status", timeout=30, json={"number": number}, headers={"Authorization": f"Bearer {TOKEN}"}
        ).json()
        assert status["opted_out"] is True, number
