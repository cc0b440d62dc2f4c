"""Every page a person sees, checked by axe-core (landmarks, labels, names, contrast, language,
titles) in real headless Chromium, after the page is used with the keyboard."""

from __future__ import annotations

import pytest

from tests.browser import artefact_name, browser_page, screenshot
from tests.conftest import LiveServer, make_app
from tests.test_campaigns import sent
from tests.test_ops import PASSWORD, traffic
from tests.test_unsubscribe import SCOPE, SECRET, link_path


@pytest.fixture
def site(redis_url, prefix):
    app = make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY=SECRET, TWILIO_FROM=SCOPE)
    sent(app, "+14155550100")  # a campaign's opt-out and reason: the dashboard's campaigns table
    traffic(app)
    return app


def violations(page) -> list[str]:
    """axe-core's findings on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in found]


def test_the_console_and_the_public_pages_pass_axe(site):
    unsubscribe = link_path(site)
    with LiveServer(site) as server, browser_page() as page:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server.url + "/ops/login")
        assert violations(page) == []
        for _ in range(10):  # the password field is reached with the keyboard alone
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.type") == "password":
                break
        assert page.evaluate("document.activeElement.labels[0].textContent").strip() == "Password"
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url("**/ops/log")
        for path in [
            "/ops/log",
            "/ops/review",
            "/ops/subscriber",
            "/ops/dashboard",
            "/ops/log?campaign=spring+sale&changed=opted_out",
            "/ops/log?min_confidence=abc",
            "/ops/no-such-page",
            "/",
            "/terms",
            "/no-such-page",
            unsubscribe,
        ]:
            page.goto(server.url + path)
            found = violations(page)
            assert found == [], (path, found, page.content()[:3000])
            screenshot(page, artefact_name(path, 1280))
        page.goto(server.url + "/ops/subscriber")  # the lookup form, typed in as a person would
        page.get_by_label("Number").fill("(415) 555-0100")
        page.get_by_label("Scope").fill(SCOPE)
        page.get_by_role("button", name="Look up").click()
        page.wait_for_url("**/ops/subscriber?**")
        assert "5550100" not in page.url and "too many texts" in page.content()  # a reference, not the number
        assert violations(page) == []
        page.goto(server.url + "/ops/log")
        page.locator("#log tbody a[href*='/ops/subscriber']").first.click()  # a subscriber, from the log
        page.wait_for_url("**/ops/subscriber?**")
        assert violations(page) == []
        screenshot(page, "ops-subscriber")


def test_the_checker_finds_a_page_without_names(site):
    """axe really runs: a page with an unlabelled field and no language fails it."""
    with browser_page() as page:
        page.set_content("<input type=text><img src=x.png>")
        found = " ".join(violations(page))
        assert "html-has-lang" in found and "image-alt" in found and "label" in found
