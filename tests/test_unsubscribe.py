"""The web unsubscribe link: GET shows, POST unsubscribes; bad links get clear pages."""

from __future__ import annotations

import dataclasses
import re
import time

import pytest
from itsdangerous import TimestampSigner

from service.links import SALT, Links
from tests.browser import browser_page, screenshot
from tests.conftest import BUSINESS, SUBSCRIBER, LiveServer, make_app

NUMBER, SCOPE = "+14155550100", "+14155550199"
SECRET = "test-secret-key-not-for-production"


@pytest.fixture
def web_app(redis_url, prefix):
    return make_app(redis_url, prefix, SECRET_KEY=SECRET, TWILIO_FROM=SCOPE)


def link_path(app) -> str:
    result = app.test_cli_runner().invoke(args=["unsubscribe-link", "(415) 555-0100"])
    assert result.exit_code == 0, result.output
    url = result.output.strip()
    assert url.startswith("https://sms.example.com/u/") and len(url) < 80
    return url.removeprefix("https://sms.example.com")


def record(app):
    with app.app_context():
        return app.service().store.load(SCOPE, NUMBER)


def csrf(html: bytes) -> str:
    return re.search(rb'name="csrf" value="([0-9a-f]+)"', html).group(1).decode()


def test_get_shows_the_page_and_changes_nothing(web_app):
    client = web_app.test_client()
    page = client.get(link_path(web_app))
    assert page.status_code == 200
    assert b"Unsubscribe from Acme Shoes" in page.data and "+1415•••0100".encode() in page.data
    assert NUMBER.encode() not in page.data
    assert page.headers["Cache-Control"] == "no-store"
    assert not record(web_app).opted_out


def test_post_unsubscribes_through_the_dialogue_with_channel_web(web_app):
    client = web_app.test_client()
    path = link_path(web_app)
    token = csrf(client.get(path).data)
    done = client.post(path, data={"csrf": token})
    assert done.status_code == 200 and b"You are unsubscribed" in done.data
    stored = record(web_app)
    assert stored.state.value == "opted_out" and stored.channel == "web"
    assert stored.opted_out_by == "web:unsubscribe-link"


@pytest.mark.parametrize("form, headers", [({}, {}), ({"csrf": "0" * 64}, {}), ("right", {"Origin": "https://evil.example"})])
def test_forged_posts_are_refused(web_app, form, headers):
    client = web_app.test_client()
    path = link_path(web_app)
    token = csrf(client.get(path).data)
    data = {"csrf": token} if form == "right" else form
    response = client.post(path, data=data, headers=headers)
    assert response.status_code == 400
    assert not record(web_app).opted_out


def test_reused_link_shows_it_was_done_and_records_once(web_app):
    client = web_app.test_client()
    path = link_path(web_app)
    token = csrf(client.get(path).data)
    client.post(path, data={"csrf": token})
    again = client.post(path, data={"csrf": token})
    assert again.status_code == 200 and b"You are unsubscribed" in again.data
    later = client.get(path)
    assert b"You are unsubscribed" in later.data
    with web_app.app_context():
        history = web_app.service().store.history(SCOPE, NUMBER)
    assert [e["event"] for e in history] == ["opted_out"]


def test_tampered_link_gets_a_clear_page(web_app):
    path = link_path(web_app)
    response = web_app.test_client().get(path[:-3] + "abc")
    assert response.status_code == 400 and b"This link is not valid" in response.data


def test_expired_link_gets_a_clear_page(web_app):
    links = Links(None, SECRET, 30)  # type: ignore[arg-type]
    old = TimestampSigner(SECRET, salt=SALT)
    old.get_timestamp = lambda: int(time.time()) - 31 * 86400  # type: ignore[method-assign]
    token = old.sign("someid").decode()
    assert links.signer.unsign(token) == b"someid"  # the signature itself is fine
    response = web_app.test_client().get(f"/u/{token}")
    assert response.status_code == 410 and b"This link has expired" in response.data


def test_links_without_secret_key_are_refused_clearly(redis_url, prefix):
    app = make_app(redis_url, prefix, SECRET_KEY="")
    result = app.test_cli_runner().invoke(args=["unsubscribe-link", NUMBER])
    assert result.exit_code == 1 and "SECRET_KEY" in result.output
    page = app.test_client().get("/u/whatever")
    assert page.status_code == 503 and b"not available" in page.data


def test_reason_form_records_the_chosen_category(web_app):
    client = web_app.test_client()
    path = link_path(web_app)
    token = csrf(client.get(path).data)
    client.post(path, data={"csrf": token})
    thanks = client.post(path + "/reason", data={"csrf": token, "category": "cost", "details": "too many texts anyway"})
    assert b"Thank you" in thanks.data
    stored = record(web_app)
    assert stored.reason_category == "cost" and "too many texts anyway" in stored.reason


def test_in_a_real_browser_open_click_confirm_and_give_a_reason(web_app):
    path = link_path(web_app)
    with LiveServer(web_app) as server, browser_page() as page:
        page.goto(server.url + path)
        assert page.title() == "Unsubscribe from Acme Shoes"
        assert record(web_app).opted_out is False  # opening the page changed nothing
        screenshot(page, "unsubscribe-page")
        page.get_by_role("button", name="Unsubscribe").click()
        page.get_by_role("status").wait_for()
        assert "You are unsubscribed" in page.content()
        assert record(web_app).opted_out is True
        page.get_by_label("Optional: why did you unsubscribe?").select_option("too_many")
        page.get_by_role("button", name="Send").click()
        page.get_by_text("Your answer is recorded.").wait_for()
        screenshot(page, "unsubscribe-done")
    assert record(web_app).reason_category == "too_many"


def test_links_expire_after_exactly_their_days(redis_url, prefix, monkeypatch):
    from service.links import LinkProblem, Links

    app = make_app(redis_url, prefix)
    with app.app_context():
        client = app.service().store.client
        links = Links(app.service().store.repositories.links, "k" * 32, 1)
    token = links.create(SUBSCRIBER, BUSINESS)
    assert 86390 <= client.ttl(f"{prefix}:link:{links.signer.unsign(token).decode()}") <= 86400
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 86400 - 5)
    assert links.resolve(token).number == SUBSCRIBER
    monkeypatch.setattr(time, "time", lambda: now + 86400 + 5)
    with pytest.raises(LinkProblem, match="expired"):
        links.resolve(token)


def test_links_are_frozen_and_carry_64_random_bits(redis_url, prefix):
    from service.links import Link, Links

    link = Link("id", SUBSCRIBER, BUSINESS, False, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        link.used = True  # type: ignore[misc]
    app = make_app(redis_url, prefix)
    with app.app_context():
        links = Links(app.service().store.repositories.links, "k" * 32, 1)
        link_id = links.signer.unsign(links.create(SUBSCRIBER, BUSINESS)).decode()
    assert len(link_id) == 11  # token_urlsafe(8)
