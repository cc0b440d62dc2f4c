"""The store away: every command the app registers ends in one line naming the store, with a
non-zero exit status, never a traceback (the README's promise; `send` showed the way)."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup

from domain.messages import Inbound
from service.journal import Journal
from tests.conftest import make_app
from tests.redis_server import free_port

ROOT = Path(__file__).resolve().parent.parent

SUBSCRIBER, SCOPE = "+14155550100", "+14155550199"
# commands that never touch REDIS_URL's store: nothing for an outage to stop
NOT_ON_THE_STORE = {"stop-embedded-store": "asks the embedded server only", "terms": "prints the terms"}


def commands(csv_file: Path) -> dict[str, list[str]]:
    """Each store command with arguments that make it reach the store."""
    return {
        "log": ["log"],
        "review": ["review"],
        "export": ["export", "optouts", "-o", "-"],
        "merge-corrections": ["merge-corrections"],
        "chat": ["chat", SUBSCRIBER],
        "subscriber": ["subscriber", SUBSCRIBER, "--history"],
        "replay-journal": ["replay-journal"],
        "migrate-store": ["migrate-store"],
        "trim-log": ["trim-log"],
        "count-opt-outs": ["count-opt-outs"],
        "send": ["send", SUBSCRIBER, "Hi"],
        "unsubscribe-link": ["unsubscribe-link", SUBSCRIBER],
        "import-optouts": ["import-optouts", str(csv_file), "--source", "carrier"],
        "campaigns": ["campaigns"],
        "deliver": ["deliver", "--once"],
    }


@pytest.fixture
def away(tmp_path, prefix):
    """An app whose store is a local port nobody listens on, with one message journalled."""
    app = make_app(
        f"redis://127.0.0.1:{free_port()}/0",
        prefix,
        INSTANCE_PATH=str(tmp_path / "instance"),
        REDIS_TIMEOUT_SECONDS=0.5,
        SECRET_KEY="s" * 32,
        TWILIO_FROM=SCOPE,
        TWILIO_ACCOUNT_SID="AC" + "1" * 32,
        TWILIO_API_BASE_URL=f"http://127.0.0.1:{free_port()}",
        OPTOUT_WEBHOOK_URL=f"http://127.0.0.1:{free_port()}/",  # the feed on: `deliver` reads the store
        OPTOUT_WEBHOOK_SECRET="s",
        FEED_DELIVERER="off",
    )
    Journal(app.instance_path).append(Inbound(SCOPE, SUBSCRIBER, "STOP", "SMjournalled"), None, "test")
    return app


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "optouts.csv"
    path.write_text("number\n+14155550101\n")  # no journalled message to queue behind
    return path


def assert_one_line_about_the_store(result: click.testing.Result) -> None:
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "store" in lines[0], result.output
    assert "Traceback" not in result.output


def test_every_command_is_covered_here(away, csv_file):
    """A new command must be added to this test (or to NOT_ON_THE_STORE, with the reason)."""
    assert set(away.cli.commands) == set(commands(csv_file)) | set(NOT_ON_THE_STORE)


@pytest.mark.parametrize("name", sorted(commands(Path("x.csv"))))
def test_a_command_ends_in_one_line_when_the_store_is_away(away, csv_file, name):
    result = away.test_cli_runner().invoke(args=commands(csv_file)[name], input="STOP\n")
    assert_one_line_about_the_store(result)
    if name != "send":  # send's line is its result on stdout, as for every message it sends
        assert result.stdout == "" and "store cannot be reached" in result.stderr


def test_the_flask_script_path_is_guarded_too(away):
    """`flask …` and `sms-optout …` find the command through FlaskGroup, not app.cli itself."""
    result = CliRunner().invoke(FlaskGroup(create_app=lambda: away), ["log", "--limit", "5"])
    assert_one_line_about_the_store(result)


def test_the_journalled_message_waits_for_the_store(away):
    away.test_cli_runner().invoke(args=["replay-journal"])
    assert Journal(away.instance_path).has_pending()


def test_cli_commands_and_help_print_no_start_up_summary(tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:1/0", "FLASK_APP": "app"}
    for args in (["--help"], ["subscriber", "--help"], ["terms"]):
        done = subprocess.run(
            [sys.executable, "-m", "flask", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
        )
        assert done.returncode == 0 and "optout starting" not in done.stdout + done.stderr, done.stderr
