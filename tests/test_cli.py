"""The CLI commands against the real Redis."""

from __future__ import annotations

import json

from tests.conftest import post_sms


def test_chat_runs_the_same_pipeline(runner, app):
    result = runner.invoke(args=["chat", "+14155550100", "--scope", "+14155550199"], input="STOP\ntoo many texts\n")
    assert result.exit_code == 0, result.output
    assert "You are unsubscribed from Acme Shoes" in result.output
    assert "opt_out 1.00 via keyword; subscribed -> awaiting_reason" in result.output
    assert "awaiting_reason -> opted_out" in result.output
    shown = runner.invoke(args=["subscriber", "+14155550100", "--scope", "+14155550199"])
    record = json.loads(shown.output)
    assert record["state"] == "opted_out" and record["reason_category"] == "too_many"
    assert record["channel"] == "chat"


def test_subscriber_prints_record_and_history(client, runner):
    post_sms(client, "STOP", sid="SMcli")
    result = runner.invoke(args=["subscriber", "(415) 555-0100", "--scope", "+14155550199", "--history"])
    record = json.loads(result.output)
    assert record["number"] == "+14155550100" and record["opted_out"] is True
    assert [e["message_sid"] for e in record["history"]] == ["SMcli"]


def test_a_number_never_seen_says_so_with_exit_status_3(client, runner):
    never = runner.invoke(args=["subscriber", "+14155550123"])
    assert never.exit_code == 3 and "has never been seen" in never.output and "+14155550123" not in never.output
    post_sms(client, "hello", sender="+14155550123")
    elsewhere = runner.invoke(args=["subscriber", "+14155550123", "--scope", "MG" + "1" * 32])
    assert elsewhere.exit_code == 3 and "in scope MG" in elsewhere.output


def test_without_a_scope_every_scope_the_number_is_known_in_is_shown(client, runner):
    post_sms(client, "STOP", sid="SMone")
    post_sms(client, "hello", sid="SMtwo", To="+14155550188")
    records = json.loads(runner.invoke(args=["subscriber", "+14155550100"]).output)
    assert [(r["scope"], r["opted_out"]) for r in records] == [("+14155550188", False), ("+14155550199", True)]
    assert all(r["updated_at"] for r in records)


def test_a_scope_is_normalised_like_a_number(client, runner):
    post_sms(client, "STOP")
    record = json.loads(runner.invoke(args=["subscriber", "+14155550100", "--scope", "(415) 555-0199"]).output)
    assert record["scope"] == "+14155550199" and record["opted_out"] is True
    bad = runner.invoke(args=["subscriber", "+14155550100", "--scope", "a:b"])
    assert bad.exit_code == 2 and "scope must be" in bad.output


def test_bad_number_is_a_clear_cli_error(runner):
    result = runner.invoke(args=["subscriber", "not-a-number!"])
    assert result.exit_code == 2
    assert "not a phone number" in result.output


def test_subscriber_times_are_iso_8601(client, runner):
    post_sms(client, "STOP")
    record = json.loads(runner.invoke(args=["subscriber", "+14155550100", "--scope", "+14155550199"]).output)
    assert record["opted_out_at"].endswith("+00:00") and record["opted_in_at"] is None


def test_chat_without_a_scope_uses_the_webhooks_scope_so_the_api_sees_the_same(redis_url, prefix):
    from tests.conftest import make_app

    app = make_app(redis_url, prefix, TWILIO_FROM="+14155550199", API_TOKENS="t" * 32)
    result = app.test_cli_runner().invoke(args=["chat", "+14155550100"], input="STOP\n")
    assert result.exit_code == 0 and "in scope +14155550199" in result.output
    status = app.test_client().post(
        "/api/v1/optouts/status", json={"number": "+14155550100"}, headers={"Authorization": "Bearer " + "t" * 32}
    )
    assert status.get_json()["scope"] == "+14155550199" and status.get_json()["opted_out"] is True


def test_chat_without_a_scope_or_a_sending_identity_is_a_usage_error(redis_url, prefix):
    from tests.conftest import make_app

    app = make_app(redis_url, prefix, TWILIO_FROM="", TWILIO_MESSAGING_SERVICE_SID="")
    result = app.test_cli_runner().invoke(args=["chat", "+14155550100"], input="STOP\n")
    assert result.exit_code == 2 and "--scope is required" in result.output
