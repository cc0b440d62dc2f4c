"""Views and commands get the service of the app they run in, through Flask's app context
(service/binding.py): two apps in one process never share one."""

from __future__ import annotations

import pytest

from service import bound, current_service
from tests.conftest import BUSINESS, SUBSCRIBER, make_app, post_sms

TOKEN = "binding-test-token"


def status(app) -> bool:
    answer = app.test_client().post(
        "/api/v1/optouts/status", json={"number": SUBSCRIBER, "scope": BUSINESS}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert answer.status_code == 200, answer.data
    return bool(answer.get_json()["opted_out"])


def test_two_apps_in_one_process_each_answer_from_their_own_store(redis_url, prefix):
    first, second = make_app(redis_url, prefix, API_TOKENS=TOKEN), make_app(redis_url, prefix + "-other", API_TOKENS=TOKEN)
    assert post_sms(first.test_client(), "STOP").status_code == 200
    assert status(first) is True and status(second) is False
    listed = second.test_cli_runner().invoke(args=["subscriber", SUBSCRIBER])
    assert "never" in listed.output.lower(), listed.output


def test_a_bound_view_gets_the_service_of_the_current_app(redis_url, prefix):
    first, second = make_app(redis_url, prefix), make_app(redis_url, prefix + "-other")
    seen = bound(lambda service: service)
    with first.app_context():
        assert seen() is first.service() is current_service()
    with second.app_context():
        assert seen() is second.service() and seen() is not first.service()


def test_outside_an_app_a_bound_view_says_so():
    with pytest.raises(RuntimeError, match="application context"):
        bound(lambda service: service)()
