"""The sign-in's `next`: a console path is returned to, one with a control character is refused."""

from __future__ import annotations

import pytest

from tests.conftest import make_app
from tests.test_ops import PASSWORD, csrf_of


@pytest.fixture
def ops_app(redis_url, prefix):
    return make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="ops-test-secret")


def sign_in(app, query: str):
    """The right password posted to /ops/login with `query` as its query string."""
    client = app.test_client()
    token = csrf_of(client.get("/ops/login").data)
    return client.post(f"/ops/login?{query}", data={"password": PASSWORD, "csrf": token})


@pytest.mark.parametrize(
    "tail", ["%0d%0aSet-Cookie:%20evil=1", "%0aX-Injected:%201", "%0d", "%00", "%09", "%1b[31m", "%7f", "%c2%85"]
)
def test_a_next_with_a_control_character_goes_to_the_default_page(ops_app, tail):
    answer = sign_in(ops_app, f"next=/ops/review{tail}")
    assert answer.status_code == 302
    assert answer.headers["Location"] == "/ops/log"
    assert "Set-Cookie: evil" not in str(answer.headers) and "X-Injected" not in answer.headers


@pytest.mark.parametrize("target", ["/ops/review", "/ops/log?intent=opt_out&since=24h", "/ops"])
def test_a_console_path_is_still_returned_to(ops_app, target):
    from urllib.parse import quote

    answer = sign_in(ops_app, "next=" + quote(target, safe=""))
    assert answer.status_code == 302 and answer.headers["Location"] == target


@pytest.mark.parametrize("target", ["https://evil.example/ops", "//evil.example/ops", "/terms"])
def test_a_target_outside_the_console_is_still_refused(ops_app, target):
    from urllib.parse import quote

    answer = sign_in(ops_app, "next=" + quote(target, safe=""))
    assert answer.status_code == 302 and answer.headers["Location"] == "/ops/log"
