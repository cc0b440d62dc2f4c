"""gunicorn.conf.py and REQUIRE_DURABLE_STORE under real gunicorn: a store away at boot is an
outage (workers start, messages are journalled); a reachable store without an append-only file
is one line and one non-zero exit of the whole server; one away at boot and found not durable
later is refused (journalled), its reason logged once."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import redis
import requests

from service import OptOutService
from store.connection import OUTAGES
from tests.conftest import AUTH_TOKEN, BUSINESS, SUBSCRIBER, make_app, post_sms, sign, twilio_form
from tests.processes import ServerProcess, wait_until
from tests.redis_server import free_port
from tests.test_store_outage import start_redis
from tests.test_webhook import CONFIRMATION_NO_ASK, messages

ROOT = Path(__file__).resolve().parent.parent
REFUSAL = "REQUIRE_DURABLE_STORE: the store keeps no append-only file"


def command(instance: Path) -> list[str]:
    """gunicorn with the project's config file, as the Dockerfile runs it."""
    return [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", f"app:create_app({{'INSTANCE_PATH': {str(instance)!r}}})"]


def environment(url: str, port: int, durable: bool = True) -> dict[str, str]:
    """The settings compose gives the app, on this test's store and port."""
    return {
        **os.environ,
        "REDIS_URL": url,
        "REQUIRE_DURABLE_STORE": "true" if durable else "false",
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "ASK_REASON": "false",
    }


def serve(tmp_path: Path, url: str, durable: bool = True) -> tuple[ServerProcess, str]:
    """gunicorn -c gunicorn.conf.py, answering /healthz (deadline 90 s)."""
    port = free_port()
    server = ServerProcess(
        command(tmp_path / "instance"), tmp_path / "gunicorn.log", cwd=ROOT, env=environment(url, port, durable)
    )
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_ready(lambda: requests.get(base + "/healthz", timeout=5).status_code == 200, "gunicorn", 90)
    except BaseException:
        server.stop()
        raise
    return server, base


def signed_stop(base: str) -> requests.Response:
    form = twilio_form("STOP")
    return requests.post(base + "/sms", data=form, timeout=30, headers={"X-Twilio-Signature": sign(form, url=base + "/sms")})


def test_the_config_file_serves_beside_a_durable_store(tmp_path):
    redis_server, url = start_redis(tmp_path, "--appendonly", "yes")
    try:
        server, base = serve(tmp_path, url)
        try:
            assert requests.get(base + "/healthz", timeout=5).status_code == 200
            answer = signed_stop(base)
            assert answer.status_code == 200 and "unsubscribed" in answer.text
            assert server.process.poll() is None
        finally:
            server.stop()
        announced = (tmp_path / "gunicorn.log").read_text().count("optout starting: ")
        assert announced == 2  # each worker says what is on as it starts, once
    finally:
        redis_server.stop()


def test_workers_start_and_journal_while_the_store_is_away(tmp_path):
    closed = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    server, base = serve(tmp_path, closed)
    try:
        answer = signed_stop(base)
        assert answer.status_code == 200 and "unsubscribed" in answer.text  # journalled, confirmed
        assert server.process.poll() is None  # the master and its workers are still there
    finally:
        server.stop()


def test_a_store_without_an_append_only_file_is_one_line_and_one_exit(tmp_path):
    redis_server, url = start_redis(tmp_path, "--appendonly", "no")
    try:
        port = free_port()
        done = subprocess.run(
            command(tmp_path / "instance"), cwd=ROOT, env=environment(url, port), capture_output=True, text=True, timeout=60
        )
    finally:
        redis_server.stop()
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert output.count(REFUSAL) == 1, output
    assert "Booting worker" not in output, output  # refused once, in the master: no crash loop


def test_a_store_away_at_boot_and_not_durable_later_is_refused_and_said_once(tmp_path, prefix, caplog):
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    app = make_app(
        url, prefix, INSTANCE_PATH=str(tmp_path / "instance"), REQUIRE_DURABLE_STORE=True, ASK_REASON=False
    )  # the store is away: the app is created all the same
    client = app.test_client()
    assert post_sms(client, "STOP").status_code == 200  # journalled
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    redis_server = ServerProcess([*_redis_on(port, folder), "--appendonly", "no"], folder / "log")
    try:
        probe = redis.Redis(port=port, socket_timeout=1)
        redis_server.wait_ready(lambda: bool(probe.ping()), "redis-server --appendonly no", 60)
        with app.app_context():
            service = app.service()
            wait_until(lambda: _refused(service), "the first probe to find the store not durable", 10)
            for n in range(3):
                answer = post_sms(client, "STOP", sender=f"+1415555012{n}")
                assert answer.status_code == 200 and messages(answer) == [CONFIRMATION_NO_ASK]
            try:
                service.store.apply(BUSINESS, "+14155550130", "SMrefused", lambda record: (record, {}, False))
                raise AssertionError("a store without an append-only file took a write")
            except OUTAGES as refused:
                assert "append-only" in str(refused)
            assert probe.keys(f"{prefix}:*") == []  # nothing written to it
            service.stop_replaying()
    finally:
        redis_server.stop()
    assert caplog.text.count(REFUSAL) == 1, caplog.text


def _refused(service: OptOutService) -> bool:
    """A call (so that a probe runs); True once the breaker says why it refuses the store."""
    try:
        service.store.load(BUSINESS, SUBSCRIBER)
    except OUTAGES:
        pass
    return "append-only" in service.store.breaker.reason


def _redis_on(port: int, folder: Path) -> list[str]:
    from tests.redis_server import redis_binary

    return [redis_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)]
