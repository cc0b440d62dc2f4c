"""With no REDIS_URL the service runs on an embedded Redis whose data survives a restart."""

from __future__ import annotations

import os
import signal
import time

from app import create_app
from tests.conftest import AUTH_TOKEN, PUBLIC_URL, post_sms


def embedded_app(instance: str):
    return create_app({"INSTANCE_PATH": instance, "REDIS_URL": "", "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "PUBLIC_URL": PUBLIC_URL})


def wait_until_gone(pid: int) -> None:
    """A killed server may linger a moment; restart only once it is really gone."""
    import psutil

    for _ in range(100):
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        time.sleep(0.05)
    raise AssertionError(f"redis-server {pid} did not die")


def test_opt_out_survives_a_hard_restart_of_the_embedded_store(tmp_path, caplog):
    instance = str(tmp_path / "instance")
    first = embedded_app(instance)
    assert post_sms(first.test_client(), "STOP").status_code == 200
    assert "embedded Redis" in caplog.text
    server = first.extensions["optout_redis"]
    os.kill(server.embedded_pid, signal.SIGKILL)  # no clean shutdown, no final save
    wait_until_gone(server.embedded_pid)
    second = embedded_app(instance)
    try:
        with second.app_context():
            stored = second.service().store.load("+14155550199", "+14155550100")
        assert stored.opted_out
        assert os.path.exists(os.path.join(instance, "appendonly.aof"))
    finally:
        result = second.test_cli_runner().invoke(args=["stop-embedded-store"])
    assert result.output.strip() == "embedded store stopped"
    wait_until_gone(second.extensions["optout_redis"].embedded_pid)
    assert second.test_cli_runner().invoke(args=["stop-embedded-store"]).output.strip() == "no embedded store is running"


def test_a_store_without_an_append_only_file_is_refused_when_durability_is_required(prefix, caplog):
    import pytest

    from domain.errors import ConfigError
    from tests.conftest import make_app
    from tests.redis_server import ThrowawayRedis

    with ThrowawayRedis() as url:  # started with --appendonly no
        with pytest.raises(ConfigError, match="appendonly no"):
            make_app(url, prefix, REQUIRE_DURABLE_STORE=True)
        app = make_app(url, prefix)
        assert post_sms(app.test_client(), "STOP").status_code == 200
    assert "DURABILITY: the store keeps no append-only file" in caplog.text


def test_the_embedded_store_is_durable(tmp_path):
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "REDIS_URL": "",
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "PUBLIC_URL": PUBLIC_URL,
            "REQUIRE_DURABLE_STORE": True,
        }
    )
    try:
        from store.connection import durability_problem, get_redis

        assert durability_problem(get_redis(app)) is None
    finally:
        app.test_cli_runner().invoke(args=["stop-embedded-store"])
