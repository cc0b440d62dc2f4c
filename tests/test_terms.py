"""The SMS program's public terms: every setting and every keyword list, in a real browser too."""

from __future__ import annotations

import html

import pytest

from intents import keywords as keyword_lists
from tests.browser import browser_page, screenshot
from tests.conftest import LiveServer, make_app, post_sms
from tests.test_webhook import messages

SETTINGS = {
    "BRAND_NAME": "Acme Shoes",
    "HELP_CONTACT": "help@acme.test",
    "PROGRAM_DESCRIPTION": "Shipping updates and weekly deals from Acme Shoes.",
    "MESSAGE_FREQUENCY": "up to 6 messages a month",
    "PRIVACY_URL": "https://acme.test/privacy",
    "LOG_RETENTION_DAYS": 45,
    "OPT_OUT_KEYWORDS": "Quit2End",
    "OPT_IN_KEYWORDS": "JOINACME",
    "SECRET_KEY": "k" * 32,
}


@pytest.fixture
def terms_app(redis_url, prefix):
    return make_app(redis_url, prefix, **SETTINGS)


@pytest.mark.parametrize(
    "lang, phrase",
    [
        ("en", "Msg & data rates may apply."),
        ("es", "Pueden aplicarse tarifas"),
        ("fr", "Des frais de messages"),
    ],
)
def test_every_setting_is_on_the_page_in_each_language(terms_app, lang, phrase):
    answer = terms_app.test_client().get(f"/terms?lang={lang}")
    page = html.unescape(answer.data.decode())
    assert answer.status_code == 200 and answer.headers["Content-Language"] == lang
    assert phrase in page and f'<html lang="{lang}">' in page
    for value in (
        "Acme Shoes",
        "help@acme.test",
        "Shipping updates and weekly deals",
        "up to 6 messages a month",
        'href="https://acme.test/privacy"',
        "45",
        "QUIT2END",
        "JOINACME",
        "STOP",
        "START",
    ):
        assert value in page, (lang, value)


def test_accept_language_picks_the_page_language(terms_app):
    client = terms_app.test_client()
    page = client.get("/terms", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"}).data.decode()
    assert "Comment vous désinscrire" in page
    assert "How to stop" in client.get("/terms", headers={"Accept-Language": "de"}).data.decode()


def test_the_page_follows_the_keyword_lists(terms_app, monkeypatch):
    page = html.unescape(terms_app.test_client().get("/terms").data.decode())
    for words in keyword_lists.KEYWORDS["opt_out"].values():  # every way to stop, every language
        for word in words:
            assert word.upper() in page, word
    for intent in ("opt_in", "help"):
        for word in keyword_lists.KEYWORDS[intent]["en"]:
            assert word.upper() in page, word
    monkeypatch.setitem(keyword_lists.KEYWORDS["opt_out"], "en", (*keyword_lists.KEYWORDS["opt_out"]["en"], "halt it"))
    assert "HALT IT" in terms_app.test_client().get("/terms").data.decode()


def test_a_page_without_links_or_privacy_url_does_not_promise_them(redis_url, prefix):
    app = make_app(redis_url, prefix)
    page = app.test_client().get("/terms").data.decode()
    assert "unsubscribe link" not in page and "Privacy policy" not in page
    assert "Text messages from Example Co." in page or "Text messages from" in page


@pytest.mark.parametrize("fmt, marker", [("md", "# Acme Shoes text messages: terms"), ("html", "<h1>")])
def test_flask_terms_prints_the_same_text(terms_app, fmt, marker):
    out = terms_app.test_cli_runner().invoke(args=["terms", "--format", fmt, "--lang", "es"]).output
    assert ("Condiciones" in out or "condiciones" in out) and "QUIT2END" in out
    english = terms_app.test_cli_runner().invoke(args=["terms", "--format", fmt]).output
    assert marker in english


def test_help_reply_carries_the_terms_link_when_it_fits(redis_url, prefix):
    app = make_app(redis_url, prefix, HELP_INCLUDES_TERMS_URL=True)
    reply = messages(post_sms(app.test_client(), "HELP"))[0]
    assert reply.endswith("Terms: https://sms.example.com/terms") and len(reply) <= 160
    spanish = messages(post_sms(app.test_client(), "AYUDA"))[0]
    assert "terms" not in spanish  # would need a second segment: left out
    plain = make_app(redis_url, prefix)
    assert "Terms:" not in messages(post_sms(plain.test_client(), "HELP"))[0]


def test_terms_url_needs_a_public_url(redis_url, prefix):
    from domain.errors import ConfigError

    with pytest.raises(ConfigError, match="PUBLIC_URL"):
        make_app(redis_url, prefix, HELP_INCLUDES_TERMS_URL=True, PUBLIC_URL="")


def test_in_a_real_browser_on_a_phone_and_a_desktop(terms_app):
    with LiveServer(terms_app) as server, browser_page() as page:
        for name, size in (("terms-phone", {"width": 390, "height": 844}), ("terms-desktop", {"width": 1280, "height": 900})):
            page.set_viewport_size(size)
            page.goto(server.url + "/terms")
            assert page.get_by_role("heading", name="How to stop").is_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{name}: {width}px wide"
            screenshot(page, name)
        page.get_by_role("link", name="Español").click()
        page.wait_for_url("**lang=es")
        assert page.get_by_role("heading", name="Cómo darte de baja").is_visible()
