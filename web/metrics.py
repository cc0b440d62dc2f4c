"""Prometheus metrics with prometheus_client. Process-wide counters and histograms never reset at
midnight and, under gunicorn (PROMETHEUS_MULTIPROC_DIR, set by gunicorn.conf.py), add up over
every worker; today's figures, the review queue, the journal and the breakers are gauges read at
scrape time (a custom collector), so every worker reports the same store figures."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache

from flask import Flask, Response, current_app, g, has_app_context, request
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from service import OptOutService
from store.connection import OUTAGES

disable_created_metrics()  # type: ignore[no-untyped-call]  # no *_created series: the counters' start is not worth a series each

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0)  # Twilio waits 15 s
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
REQUESTS = Counter("optout_http_requests", "HTTP answers by route, method and status", ["route", "method", "status"])
LATENCY = Histogram(
    "optout_http_request_duration_seconds", "time to answer a request, by route", ["route", "method"], buckets=BUCKETS
)
DECISIONS = Counter("optout_decisions", "messages decided, by intent and the layer that decided", ["intent", "source"])
STORE_ERRORS = Counter("optout_store_errors", "store calls that failed, by kind (outage or failure)", ["kind"])
FEED_DELIVERED = Counter("optout_feed_delivered", "opt-out feed events a receiver took (a 2xx)")
FEED_FAILED = Counter("optout_feed_failed_attempts", "opt-out feed POSTs that failed, by why (status, timeout, error)", ["why"])
FAMILIES = (
    ("optout_messages_today", "intent:", "intent", "inbound messages today (UTC) by intent"),
    ("optout_events_today", "event:", "event", "dialogue events today (UTC)"),
    ("optout_opt_outs_today", "opted_out:", "source", "opt-outs today (UTC) by the layer that decided"),
)


# Each label set's child looked up once (prometheus_client's .labels() validates and locks on
# every call); bounded: label values are rules, methods, statuses, intents and sources, never input
@lru_cache(maxsize=256)
def _decisions(intent: str, source: str) -> Counter:
    return DECISIONS.labels(intent, source)


@lru_cache(maxsize=16)
def _store_errors(kind: str) -> Counter:
    return STORE_ERRORS.labels(kind)


@lru_cache(maxsize=1024)
def _requests(route: str, method: str, status: str) -> Counter:
    return REQUESTS.labels(route, method, status)


@lru_cache(maxsize=256)
def _latency(route: str, method: str) -> Histogram:
    return LATENCY.labels(route, method)


def count_decision(intent: str, source: str) -> None:
    """One message decided (the hook the webhook calls after the service handled it)."""
    _decisions(intent, source).inc()


def count_store_error(kind: str) -> None:
    """One store call failed: 'outage' (away, too slow) or 'failure' (a command refused)."""
    _store_errors(kind).inc()


def count_delivery(outcome: str) -> None:
    """One POST of the opt-out feed: 'delivered', or why it failed (outbound/feed.py's hook)."""
    if outcome == "delivered":
        FEED_DELIVERED.inc()
    else:
        FEED_FAILED.labels(outcome).inc()


def feed_families(service: OptOutService) -> list[Metric]:
    """The feed's backlog (only while OPTOUT_WEBHOOK_URL is set: two commands a bucket)."""
    if not (has_app_context() and current_app.config["OPTOUT_WEBHOOK_URL"]):
        return []
    backlog = service.store.repositories.feed.backlog()
    family = GaugeMetricFamily("optout_feed_pending", "opt-out feed events not yet delivered", labels=["state"])
    family.add_metric(["unacknowledged"], backlog.unacknowledged)  # sent and failed (or in flight)
    family.add_metric(["unread"], backlog.unread)
    return [family, gauge("optout_feed_oldest_unacknowledged_seconds", "age of the oldest one", backlog.age())]


def gauge(name: str, help_text: str, value: float) -> GaugeMetricFamily:
    """A gauge family with one unlabelled sample."""
    return GaugeMetricFamily(name, help_text, value=value)


def store_families(service: OptOutService) -> list[Metric]:
    """The families read from the store: its PING, today's counters, the review queue."""
    families: list[Metric] = [
        gauge("optout_store_ping_seconds", "round trip of a PING to the store", service.store.repositories.health.ping())
    ]
    today = next(iter(service.intent_log.days(1).values()))
    for name, prefix, label, help_text in FAMILIES:
        family = GaugeMetricFamily(name, help_text, labels=[label])
        found = [(key.split(":", 1)[1], n) for key, n in sorted(today.items()) if key.startswith(prefix) and key.count(":") == 1]
        for value, n in found:
            family.add_metric([value], n)
        if not found:  # an empty family would vanish from the scrape: one 0 sample instead
            family.add_metric([], 0)
        families.append(family)
    families.append(gauge("optout_review_pending", "decisions waiting for a verdict", service.intent_log.pending_reviews()))
    return families + standing_families(service) + feed_families(service)


def standing_families(service: OptOutService) -> list[Metric]:
    """Numbers (and pairs) opted out now, once every bucket is counted (none before: a partial
    count would read as a drop)."""
    standing = service.store.repositories.opted_out.standing()
    if not standing.complete:
        return []
    return [
        gauge("optout_numbers_opted_out", "numbers opted out now in at least one scope", standing.numbers),
        gauge("optout_pairs_opted_out", "(number, scope) pairs opted out now", standing.pairs),
    ]


def journal_counts(service: OptOutService) -> tuple[int, int, int]:
    """Pending and damaged entries, and 1 when the journal can be written (0, 0, 0 when not)."""
    journal = service.journal
    if journal is None or journal.unwritable() is not None:
        return 0, 0, 0
    return journal.depth(), journal.damaged(), 1


class ServiceCollector(Collector):
    """This app's gauges, computed at each scrape. With the store away its figures are left out;
    the journal's and the breakers' are what matter then."""

    def __init__(self, service: OptOutService) -> None:
        self.service = service

    def collect(self) -> Iterator[Metric]:
        store = self.service.store
        try:  # first: a new process's breakers are known only once the store was tried
            families, up = store_families(self.service), 1
        except OUTAGES:
            families, up = [], 0
        yield from families
        yield gauge("optout_store_up", "1 when the store answered this scrape", up)
        yield gauge(
            "optout_store_breaker_open", "1 while store calls fail at once (store away)", int(store.breaker_state == "open")
        )
        yield gauge(
            "optout_store_replication_degraded",
            "1 while writes lack the replicas asked for",
            int(store.replication_state == "open"),
        )
        depth, damaged, writable = journal_counts(self.service)
        yield gauge("optout_journal_pending", "journalled messages waiting for the store", depth)
        yield gauge("optout_journal_damaged", "journal entries set aside unreadable", damaged)
        yield gauge("optout_journal_writable", "1 while this instance can journal a message", writable)


class ProcessMetrics(Collector):
    """This process's counters and histograms (the default registry), outside multiprocess mode."""

    def collect(self) -> Iterable[Metric]:
        return REGISTRY.collect()


def registry_for(service: OptOutService) -> CollectorRegistry:
    """What one scrape shows: the app's gauges, and the counters of every worker (multiprocess
    mode) or of this process (tests, `flask run`)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(ServiceCollector(service))
    if os.environ.get(MULTIPROC_ENV):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(ProcessMetrics())
    return registry


def exposition(service: OptOutService) -> bytes:
    """The Prometheus text of one scrape."""
    return generate_latest(registry_for(service))


def route() -> str:
    """The matched rule, not the path: a number in a URL never becomes a label (nor a series)."""
    return request.url_rule.rule if request.url_rule is not None else "unmatched"


def start_timer() -> None:
    """Before every request: when it started."""
    g.metrics_started = time.perf_counter()


def observe(response: Response) -> Response:
    """After every request (errors included): its status and how long it took."""
    method, rule = request.method if request.method in METHODS else "other", route()
    _requests(rule, method, str(response.status_code)).inc()
    if "metrics_started" in g:
        _latency(rule, method).observe(time.perf_counter() - g.metrics_started)
    return response


def init_app(app: Flask) -> None:
    """Count and time every request of the app."""
    app.before_request(start_timer)
    app.after_request(observe)
