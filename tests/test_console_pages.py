"""Issue #30: a dashboard a compliance officer can trust, and console pages that read right,
on a desk and on a phone (375 px) in real headless Chromium."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.browser import artefact_name, browser_page, screenshot
from tests.conftest import BUSINESS, LiveServer, make_app, post_sms
from tests.test_accessibility import violations
from tests.test_campaigns import sent
from tests.test_ops import PASSWORD, look_up, signed_in, traffic

PERSON = "+14155550100"
PHONE = {"width": 375, "height": 800}


@pytest.fixture
def console(redis_url, prefix):
    return make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="console-test-secret")


def texts(app, sender: str, *bodies: str) -> None:
    web = app.test_client()
    for body in bodies:
        assert post_sms(web, body, sender=sender).status_code == 200


def figure(page: str, name: str) -> tuple[str, int]:
    """A headline figure's link and value."""
    found = re.search(rf'<a href="([^"]+)"><strong id="{name}">(\d+)</strong></a>', page)
    assert found, name
    return found.group(1).replace("&amp;", "&"), int(found.group(2))


def test_the_headline_counts_events_and_says_they_are_not_people(console):
    texts(console, PERSON, "STOP", "START", "STOP")  # one person: 2 opt-outs, 1 resubscription
    client = signed_in(console)
    page = client.get("/ops/dashboard").data.decode()
    assert [figure(page, n)[1] for n in ("opt-outs-week", "opt-outs-month", "opt-ins-week", "opt-ins-month")] == [2, 2, 1, 1]
    assert "The first two rows count events, the last two people" in page
    assert figure(page, "numbers-opted-out")[1] == 1  # people: the one number, opted out now
    link, _ = figure(page, "opt-outs-week")
    assert "changed=opted_out" in link and "since=" in link
    listed = client.get(link).data.decode()  # the list behind the figure: exactly what it counts
    assert listed.count('<br><span class="muted">opted_out</span>') == 2
    resubscribed = client.get(figure(page, "opt-ins-month")[0]).data.decode()
    assert resubscribed.count('<br><span class="muted">opted_in</span>') == 1


def test_the_headline_counts_people_who_opted_out_and_resubscribed_once_each(console):
    texts(console, PERSON, "STOP", "START", "STOP", "STOP")  # one person, whatever they sent
    texts(console, "+14155550111", "STOP")
    page = signed_in(console).get("/ops/dashboard").data.decode()
    people = ("people-opted-out-week", "people-opted-out-month", "people-opted-in-week", "people-opted-in-month")
    assert [figure(page, n)[1] for n in people] == [2, 2, 1, 1]
    assert [figure(page, n)[1] for n in ("opt-outs-week", "opt-ins-week")] == [4, 1]  # the events beside them


def test_people_are_counted_by_day_in_the_store_and_leave_the_window_after_it(console):
    """A person of 8 days ago is in the month's figure, not the week's (the windows' UTC days)."""
    import time

    from service import Inbound

    with console.app_context():
        service = console.service()
        now = time.time()
        service.handle(Inbound(BUSINESS, PERSON, "STOP", "SM" + "8" * 32, now=now - 8 * 86400))
        recent = service.store.repositories.people.recent(7, 30, now)
        assert recent == {"opted_out": (0, 1), "opted_in": (0, 0)}


def test_the_headline_windows_are_the_last_7_and_30_utc_days():
    from ops.dashboard import headline, window_start

    days = {f"d{i}": Counter() for i in range(30)}
    days["d0"].update({"event:opted_out": 5})
    days["d25"].update({"event:opted_out": 1, "event:opted_in": 2})
    figures = headline(days, now=86400 * 100 + 5)
    assert figures["opted_out"] == {"week": 1, "month": 6} and figures["opted_in"] == {"week": 2, "month": 2}
    assert window_start(86400 * 100 + 5, 7) == 86400 * 94  # today and the 6 days before, from midnight


def test_reasons_are_words_whatever_the_language_they_were_given_in(console):
    for sender, reason in [
        ("+14155550101", "too many texts"),
        ("+14155550102", "demasiados mensajes"),
        ("+14155550103", "trop de messages"),
    ]:
        texts(console, sender, "STOP", reason)
    page = signed_in(console).get("/ops/dashboard").data.decode()
    assert "Too many messages (3)" in page and "Too many messages: 3" in page  # headline and chart
    assert "too_many" not in page


def test_every_reason_category_has_words():
    from intents.reasons import REASON_CATEGORIES
    from ops.dashboard import REASON_WORDS, in_words

    assert set(REASON_WORDS) == REASON_CATEGORIES
    assert in_words("new_kind") == "New kind"


def test_a_long_range_labels_only_the_days_that_fit():
    from ops.charts import LABEL_ROOM, NARROW, stacked_bars

    days = {f"2026-{m:02d}-{d:02d}": {"keyword": 1} for m in (9, 10, 11) for d in range(1, 31)}
    svg = stacked_bars("90 days", days, width=NARROW)
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="\d+" font-size="12" text-anchor="middle">\d\d-\d\d<', svg)]
    assert 3 <= len(xs) <= NARROW // LABEL_ROOM and min(b - a for a, b in zip(xs, xs[1:])) >= LABEL_ROOM
    assert ">11-30</text>" in svg  # the newest day is always labelled


def test_a_resubscribed_number_shows_its_state_now_and_its_opt_out_below(console):
    texts(console, PERSON, "STOP", "too many texts", "START")
    page = look_up(signed_in(console), PERSON).data.decode()
    now = page[page.index('id="now"') : page.index('id="earlier"')]
    earlier = page[page.index('id="earlier"') : page.index("<h2>History</h2>")]
    assert "State: <strong>subscribed</strong> again since" in now and "(resubscribed)" in now
    assert "decided by" not in now and "too many texts" not in now
    assert "Opted out" in earlier and "keyword:stop" in earlier and "(Too many messages)" in earlier


def test_the_language_shows_only_when_known(console):
    texts(console, PERSON, "STOP")  # answered in English, the default the store keeps as no field
    page = look_up(signed_in(console), PERSON).data.decode()
    assert "· language en</p>" in page and "language </p>" not in page
    texts(console, "+14155550109", "no me manden más mensajes")
    spanish = look_up(signed_in(console), "+14155550109").data.decode()
    assert "· language es" in spanish


def test_the_review_page_says_what_each_verdict_does_once(console):
    traffic(console)
    page = signed_in(console).get("/ops/review").data.decode()
    rows = page.count('action="/ops/review/')
    assert rows >= 1
    assert page.count("no change to the subscriber; the verdict trains the model") == rows
    assert page.count("opts the number out now") == rows and "title=" not in page


LONG_CAMPAIGN = "Spring sale 2026 boots and shoes"
CONSOLE_PAGES = [
    "/ops/log",
    "/ops/review",
    "/ops/dashboard",
    "/ops/dashboard?days=90",
    "/ops/subscriber",
    "/ops/no-such-page",
    "/ops/log?campaign=Spring+sale+2026+boots+and+shoes&changed=opted_out",
]

PUBLIC_PAGES = ["/", "/terms", "/terms?lang=es", "/no-such-page"]


def test_no_console_page_is_wider_than_a_phone_and_axe_finds_nothing(console):
    sent(console, PERSON, LONG_CAMPAIGN)  # the campaigns table and its bars, the longest name there is
    traffic(console)
    texts(console, PERSON, "START", "STOP", "demasiados mensajes")
    with LiveServer(console) as server, browser_page() as page:
        page.set_viewport_size(PHONE)
        page.goto(server.url + "/ops/login")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/ops/log")
        for path in CONSOLE_PAGES:
            page.goto(server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
            assert violations(page) == [], path
            screenshot(page, artefact_name(path, 375))
        for path in PUBLIC_PAGES:  # what a subscriber sees, on the phone they text from
            page.goto(server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
            assert violations(page) == [], path
            screenshot(page, artefact_name(path, 375))
        page.goto(server.url + "/ops/log")
        page.locator("#log tbody a[href*='/ops/subscriber']").first.click()  # a subscriber with history
        page.wait_for_url("**/ops/subscriber?**")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert violations(page) == []
        screenshot(page, "ops-subscriber-phone")


def test_charts_use_a_desk_s_width_and_a_phone_gets_its_own(console):
    traffic(console)
    widths = (
        "[...document.querySelectorAll('svg')].filter(s => s.checkVisibility())"
        ".map(s => [s.getAttribute('class'), s.getBoundingClientRect().width])"
    )
    with LiveServer(console) as server, browser_page() as page:
        page.goto(server.url + "/ops/login")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/ops/log")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server.url + "/ops/dashboard")
        assert [(css, w >= 1200) for css, w in page.evaluate(widths)] == [("chart", True)] * 3
        page.set_viewport_size(PHONE)
        page.goto(server.url + "/ops/dashboard")
        assert [(css, 330 <= w <= 375) for css, w in page.evaluate(widths)] == [("phone-chart", True)] * 3
        screenshot(page, "ops-dashboard-phone")
