"""The program's public face: the home page and the 404 a subscriber sees."""

from __future__ import annotations

import pytest

from tests.conftest import make_app


def test_the_home_page_names_the_program_and_how_to_stop(client):
    page = client.get("/")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "Acme Shoes text messages" in text and "<strong>STOP</strong>" in text and 'href="/terms"' in text
    assert page.headers["Content-Security-Policy"]  # the HTML pages' headers


def test_the_privacy_link_shows_when_configured(redis_url, prefix):
    client = make_app(redis_url, prefix, PRIVACY_URL="https://acme.test/privacy").test_client()
    assert 'href="https://acme.test/privacy"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/old-campaign/page", "/nothing-here", "/terms/old"])
def test_an_unknown_public_url_is_a_page_with_a_way_on(client, path):
    page = client.get(path)
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Page not found" in page.get_data(as_text=True) and "Acme Shoes" in page.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/healthz/x", "/sms/x"])  # /api/ answers JSON: tests/test_http_hygiene.py
def test_machine_paths_keep_their_plain_404(client, path):
    answer = client.get(path)
    assert answer.status_code == 404 and answer.mimetype == "text/plain"


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_without_a_privacy_url_the_terms_say_whom_to_ask(client, lang):
    page = client.get(f"/terms?lang={lang}").get_data(as_text=True)
    assert "help@acme.test" in page.split("</h2>")[-1]  # the contact, after the last heading


def test_the_terms_title_is_larger_than_its_headings(client):
    css = client.get("/terms").get_data(as_text=True)
    sizes = {tag: float(css.split(f"  {tag} {{ font-size: ", 1)[1].split("rem", 1)[0]) for tag in ("h1", "h2")}
    assert sizes["h1"] > sizes["h2"]
