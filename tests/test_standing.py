"""Numbers currently opted out (a running count the commit script keeps per bucket), its backfill
on a store written before it, and a number's own log for ops search by number (issue #30)."""

from __future__ import annotations

import csv

import pytest

from intents import Intent
from ops.queries import LogFilter, matching, page
from service import Inbound
from service.carrier import carrier_opt_out
from service.importer import import_optouts
from store import commit, number_index
from store.keys import BUCKETS, bucket_of, key_for
from tests.conftest import BUSINESS, make_app, post_sms, store_client

PERSON, OTHER = "+14155550101", "+14155550102"
SERVICE_SID = "MG" + "3" * 32  # a second scope: a Messaging Service
NEIGHBOUR = "+14155550205"  # PERSON's bucket: one being counted, not a fresh one


@pytest.fixture
def service(redis_url, prefix):
    app = make_app(redis_url, prefix)
    with app.app_context():
        yield app.service()


def counted(service) -> tuple[int, int]:
    """(numbers, pairs) opted out now, every bucket counted."""
    standing = service.store.repositories.opted_out.standing()
    assert standing.complete
    return standing.numbers, standing.pairs


def texts(service, number: str, *bodies: str, scope: str = BUSINESS) -> None:
    """Each body a distinct message (its own MessageSid)."""
    for n, body in enumerate(bodies):
        service.handle(Inbound(scope, number, body, f"SM{number[-4:]}{scope[-4:]}{n}{body[:8]}"))


# --- the count --------------------------------------------------------------------------


def test_stop_start_stop_from_one_number_is_one_number_opted_out(service):
    assert counted(service) == (0, 0)  # a fresh store counts from its first message
    texts(service, PERSON, "STOP")
    assert counted(service) == (1, 1)
    texts(service, PERSON, "x", "START")  # (a new sid for each, the START resubscribes)
    assert service.store.load(BUSINESS, PERSON).state.value == "subscribed"
    assert counted(service) == (0, 0)
    texts(service, PERSON, "stop please", "STOP")
    assert counted(service) == (1, 1)


def test_the_reason_and_a_second_stop_change_nothing(service):
    texts(service, PERSON, "STOP", "too many texts", "STOP", "stop texting me")
    assert service.store.load(BUSINESS, PERSON).state.value == "opted_out"
    assert counted(service) == (1, 1)


def test_a_twilio_retry_is_counted_once(service):
    for _ in range(3):
        service.handle(Inbound(BUSINESS, PERSON, "STOP", "SMretried"))
    assert counted(service) == (1, 1)


def test_two_scopes_are_one_number_and_two_pairs(service):
    texts(service, PERSON, "STOP")
    texts(service, PERSON, "STOP", scope=SERVICE_SID)
    assert counted(service) == (1, 2)
    texts(service, PERSON, "START")
    assert counted(service) == (1, 1)  # still opted out of the service
    texts(service, PERSON, "START", scope=SERVICE_SID)
    assert counted(service) == (0, 0)


def test_stopall_counts_every_scope_and_two_numbers_count_two(service):
    texts(service, PERSON, "hello")
    texts(service, PERSON, "hi", scope=SERVICE_SID)
    texts(service, PERSON, "STOPALL")
    texts(service, OTHER, "STOP")
    assert counted(service) == (2, 3)


def test_revoke_all_counts_the_number_once(redis_url, prefix):
    app = make_app(redis_url, prefix, REVOKE_ALL=True)
    with app.app_context():
        service = app.service()
        texts(service, PERSON, "hello", scope=SERVICE_SID)
        texts(service, PERSON, "STOP")
        assert service.opted_out(SERVICE_SID, PERSON)  # blocked there too
        assert counted(service) == (1, 1)


def test_imports_carrier_refusals_and_ops_corrections_are_counted(redis_url, prefix):
    from ops.reviews import Reviews

    app = make_app(redis_url, prefix)
    with app.app_context():
        service = app.service()
        rows = [{"number": "+14155550111"}, {"number": "+14155550112"}, {"number": "+14155550111"}]
        import_optouts(service, rows, "old-crm", lambda raw: BUSINESS, "US")
        import_optouts(service, rows, "old-crm", lambda raw: BUSINESS, "US")  # idempotent
        assert counted(service) == (2, 2)
        service.handle(*carrier_opt_out(BUSINESS, "+14155550113", "Twilio error 21610", "SMsent1"))
        assert counted(service) == (3, 3)
        service.handle(Inbound(BUSINESS, "+14155550114", "hmm maybe", "SMgrey"), Intent("other", 0.6, "en", "model", "model"))
        reviews = Reviews.for_service(service, app.config)
        [(stream_id, _)] = [(sid, e) for sid, e in reviews.queue() if e["number"] == "+14155550114"]
        reviews.decide(stream_id, "opt_out", "ops")
        assert counted(service) == (4, 4)


def test_the_metrics_show_the_count(redis_url, prefix):
    app = make_app(redis_url, prefix, METRICS_TOKEN="metrics-token")
    web = app.test_client()
    for sender in (PERSON, OTHER):
        assert post_sms(web, "STOP", sender=sender).status_code == 200
    text = web.get("/metrics", headers={"Authorization": "Bearer metrics-token"}).data.decode()
    assert "\noptout_numbers_opted_out 2.0\n" in text and "\noptout_pairs_opted_out 2.0\n" in text


def test_the_webhook_and_the_dashboard_show_the_count(redis_url, prefix):
    from tests.test_console_pages import figure
    from tests.test_ops import PASSWORD, signed_in

    app = make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="console-test-secret")
    web = app.test_client()
    for body in ("STOP", "START", "STOP"):
        assert post_sms(web, body, sender=PERSON).status_code == 200
    page_text = signed_in(app).get("/ops/dashboard").data.decode()
    link, value = figure(page_text, "numbers-opted-out")
    assert value == 1 and link.endswith("/ops/export/optouts.csv")
    assert figure(page_text, "pairs-opted-out")[1] == 1
    assert "people, not events" in page_text


# --- the backfill -----------------------------------------------------------------------


def forget_counts(redis_url: str, prefix: str) -> None:
    """The store as an older version left it: records, no count."""
    client = store_client(redis_url)
    for bucket in range(BUCKETS):
        client.delete(key_for(prefix, "opted-out", bucket=bucket))


def test_the_backfill_counts_what_the_live_count_said(redis_url, prefix, service):
    texts(service, PERSON, "STOP", "START", "STOP")
    texts(service, PERSON, "STOP", scope=SERVICE_SID)
    for n in range(20):
        texts(service, f"+1628555{n:04d}", "STOP", *(["START"] if n % 3 == 0 else []))
    live = counted(service)
    forget_counts(redis_url, prefix)
    assert not service.store.repositories.opted_out.standing().complete
    texts(service, OTHER, "STOP")  # written while nothing is counted: the backfill reads it
    result = make_app(redis_url, prefix).test_cli_runner().invoke(args=["count-opt-outs"])
    assert result.exit_code == 0, result.output
    assert counted(service) == (live[0] + 1, live[1] + 1)
    assert result.output.startswith(f"{live[0] + 1} number(s) opted out ({live[1] + 1} ")
    again = make_app(redis_url, prefix).test_cli_runner().invoke(args=["count-opt-outs"])
    assert again.exit_code == 0 and counted(service) == (live[0] + 1, live[1] + 1)  # idempotent


def test_changes_during_the_backfill_are_neither_lost_nor_counted_twice(redis_url, prefix, service, monkeypatch):
    from store.standing import OptedOutCounts

    texts(service, PERSON, "STOP")
    texts(service, OTHER, "STOP")
    forget_counts(redis_url, prefix)
    scan = OptedOutCounts._numbers

    def writes_meanwhile(self):
        found = scan(self)  # the records as the scan saw them, then changes before the recount
        texts(service, PERSON, "START")  # a counted number resubscribes
        texts(service, NEIGHBOUR, "STOP")  # a number the scan never saw opts out
        texts(service, OTHER, "STOP", scope=SERVICE_SID)  # a second scope of a counted one
        return found

    monkeypatch.setattr(OptedOutCounts, "_numbers", writes_meanwhile)
    assert bucket_of(NEIGHBOUR) == bucket_of(PERSON)
    assert service.store.repositories.opted_out.backfill().numbers == 2
    assert counted(service) == (2, 3)
    texts(service, OTHER, "START", scope=SERVICE_SID)  # live from here on
    assert counted(service) == (2, 2)


# --- search by number -------------------------------------------------------------------


def test_a_whole_number_is_found_from_its_own_log_as_the_scan_finds_it(service):
    texts(service, PERSON, *(f"message {n}" for n in range(9)), "STOP", "too many")
    texts(service, PERSON, "hello", "STOP", scope=SERVICE_SID)
    texts(service, OTHER, "STOP", "message 1")
    index = service.store.repositories.number_index
    wanted = LogFilter.from_args({"number": "(415) 555-0101"}, "US")
    assert wanted.exact == PERSON
    own = [sid for sid, _ in matching(service.intent_log, wanted, index)]
    scanned = [sid for sid, e in service.intent_log.scan() if e["number"] == PERSON]
    assert own == scanned and len(own) == 13
    rows, cursor = page(service.intent_log, wanted, None, 50, index)
    assert [sid for sid, _ in rows] == scanned and cursor is None
    part = LogFilter.from_args({"number": "0101"}, "US")  # a part of a number: matched as text
    assert part.exact == "" and [sid for sid, _ in matching(service.intent_log, part, index)] == scanned


def test_pages_past_the_index_cap_go_on_with_the_scan(service, monkeypatch):
    monkeypatch.setattr(commit, "INDEX_CAP", 3)
    monkeypatch.setattr(number_index, "INDEX_CAP", 3)
    texts(service, PERSON, *(f"message {n}" for n in range(12)))
    texts(service, OTHER, "hello")
    index = service.store.repositories.number_index
    assert len(index.log_of(PERSON).ids) == 8 and not index.log_of(PERSON).complete  # 5 in the hash, 3 kept
    wanted = LogFilter.from_args({"number": PERSON}, "US")
    seen, cursor = [], None
    for _ in range(4):
        rows, cursor = page(service.intent_log, wanted, cursor, 4, index)
        seen += [e["text"] for _, e in rows]
        if cursor is None:
            break
    assert seen == [f"message {n}" for n in range(11, -1, -1)]


def test_the_ops_log_and_the_cli_search_one_number(redis_url, prefix):
    from tests.test_ops import PASSWORD, csrf_of, signed_in

    app = make_app(redis_url, prefix, OPS_PASSWORD=PASSWORD, SECRET_KEY="console-test-secret")
    web = app.test_client()
    for sender, body in ((PERSON, "STOP"), (OTHER, "hello there"), (PERSON, "too many texts")):
        assert post_sms(web, body, sender=sender).status_code == 200
    client = signed_in(app)
    token = csrf_of(client.get("/ops/log").data)
    answer = client.post("/ops/log", data={"number": PERSON, "csrf": token})
    assert answer.status_code == 303 and "0101" not in answer.headers["Location"]
    listed = client.get(answer.headers["Location"]).data.decode()
    assert "too many texts" in listed and "hello there" not in listed
    result = app.test_cli_runner().invoke(args=["log", "--number", "+1 415 555 0101", "--json"])
    assert result.exit_code == 0, result.output
    assert [line.count(PERSON) for line in result.output.splitlines()] == [1, 1]


def test_the_register_export_lists_what_the_count_counts(redis_url, prefix, service, tmp_path):
    """The figure links to the register: its newest row per (number, scope) says the same."""
    from ops import exports

    texts(service, PERSON, "STOP", "START", "STOP")
    texts(service, OTHER, "STOP", "START")
    lines = "".join(exports.register_csv(service.intent_log, []))
    newest: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(lines.splitlines()):
        newest[(row["number"], row["scope"])] = row["event"]
    assert sum(1 for event in newest.values() if event == "opted_out") == counted(service)[1]


def test_a_migrated_store_is_counted_and_the_journal_replayed_into_it(redis_url, prefix, tmp_path):
    from tests.test_migrate import OPTED_OUT, TALKER, old_store

    client = store_client(redis_url)
    old_store(client, prefix)  # one number opted out, one subscribed, in the layout before buckets
    app = make_app(redis_url, prefix, INSTANCE_PATH=str(tmp_path))
    assert post_sms(app.test_client(), "STOP", sender=TALKER, sid="SMduring").status_code == 200  # journalled
    with app.app_context():
        app.service().stop_replaying()
    assert app.test_cli_runner().invoke(args=["migrate-store"]).exit_code == 0
    with app.app_context():
        service = app.service()
        assert service.store.load(BUSINESS, OPTED_OUT).opted_out
        assert counted(service) == (1, 1)
        assert service.replay_journal() == 1
        assert service.replay_journal() == 0  # replayed once: counted once
        assert counted(service) == (2, 2)
