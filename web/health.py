"""Operability: /healthz (the process answers), /readyz (the store answers and the journal is
drained), /metrics (Prometheus text, behind METRICS_TOKEN), JSON logs, a start-up summary."""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence

from flask import Blueprint, Flask, Response, current_app, jsonify

from service import OptOutService, ServiceProvider, bound
from web.errors import OUTAGES

from .api import bearer_valid

log = logging.getLogger(__name__)


def healthz() -> Response:
    """Liveness: nothing but that the process answers (reveals nothing)."""
    return Response("ok\n", mimetype="text/plain")


def readyz(service: OptOutService) -> tuple[Response, int]:
    """Readiness: 503 only when this instance cannot take a message safely (its journal cannot
    be written). A store away or messages waiting in the journal are in the body, not a 503:
    every instance shares them, and a load balancer would take all of them out at once."""
    journal = service.journal
    unwritable = journal.unwritable() if journal is not None else "no journal"
    store = service.store
    body: dict[str, object] = {"ready": unwritable is None, "store": store_state(service),
                               "breaker": store.breaker_state, "replication": store.replication_state}
    if unwritable is not None or journal is None:
        body.update(journal={"writable": False}, reason=f"journal unwritable: {unwritable}")
        return jsonify(body), 503
    body["journal"] = {"writable": True, "pending": journal.depth(), "damaged": journal.damaged()}
    return jsonify(body), 200


def store_state(service: OptOutService) -> str:
    """'ok' when the store answers a PING, else 'unreachable'."""
    try:
        service.store.client.ping()
    except OUTAGES:
        return "unreachable"
    return "ok"


def metrics(service: OptOutService) -> Response | tuple[str, int]:
    """Today's decisions, opt-outs by source, the review queue, the journal and the store's
    latency, as Prometheus text: read from the store, so every worker reports the same."""
    token = current_app.config["METRICS_TOKEN"]
    if not token:
        return "metrics are off (set METRICS_TOKEN)\n", 404
    if not bearer_valid([token]):
        return "a valid bearer token is required\n", 401
    return Response(exposition(service), mimetype="text/plain; version=0.0.4")


def exposition(service: OptOutService) -> str:
    """The metric lines (gauges: today's counters restart at midnight UTC). With the store away
    the store's figures are left out; the journal's and the breakers' are what matter then."""
    store = service.store
    try:  # first: a new process's breakers are known only once the store was tried
        lines, up = store_figures(service), 1
    except OUTAGES:
        lines, up = [], 0
    lines += [_family("optout_store_up", "1 when the store answered this scrape", [("", up)]),
              _family("optout_store_breaker_open", "1 while store calls fail at once (store away)",
                      [("", int(store.breaker_state == "open"))]),
              _family("optout_store_replication_degraded", "1 while writes lack the replicas asked for",
                      [("", int(store.replication_state == "open"))])]
    depth, damaged, writable = journal_counts(service)
    lines.append(_family("optout_journal_pending", "journalled messages waiting for the store", [("", depth)]))
    lines.append(_family("optout_journal_damaged", "journal entries set aside unreadable", [("", damaged)]))
    lines.append(_family("optout_journal_writable", "1 while this instance can journal a message", [("", writable)]))
    return "".join(lines)


def store_figures(service: OptOutService) -> list[str]:
    """The families read from the store: its PING, today's counters, the review queue."""
    started = time.perf_counter()
    service.store.client.ping()
    ping = time.perf_counter() - started
    today = next(iter(service.intent_log.days(1).values()))
    lines = [_family("optout_store_ping_seconds", "round trip of a PING to the store", [("", ping)])]
    for name, prefix, label, help_text in FAMILIES:
        samples = [(f'{{{label}="{k.split(":", 1)[1]}"}}', n) for k, n in sorted(today.items())
                   if k.startswith(prefix) and k.count(":") == 1]
        lines.append(_family(name, help_text, samples or [("", 0)]))
    pending = service.intent_log.pending_reviews()
    lines.append(_family("optout_review_pending", "decisions waiting for a verdict", [("", pending)]))
    return lines


def journal_counts(service: OptOutService) -> tuple[int, int, int]:
    """Pending and damaged entries, and 1 when the journal can be written (0, 0, 0 when not)."""
    journal = service.journal
    if journal is None or journal.unwritable() is not None:
        return 0, 0, 0
    return journal.depth(), journal.damaged(), 1


FAMILIES = (("optout_messages_today", "intent:", "intent", "inbound messages today (UTC) by intent"),
            ("optout_events_today", "event:", "event", "dialogue events today (UTC)"),
            ("optout_opt_outs_today", "opted_out:", "source", "opt-outs today (UTC) by the layer that decided"))


def _family(name: str, help_text: str, samples: Sequence[tuple[str, float]]) -> str:
    body = "".join(f"{name}{labels} {value}\n" for labels, value in samples)
    return f"# HELP {name} {help_text}\n# TYPE {name} gauge\n{body}"


class JsonFormatter(logging.Formatter):
    """One JSON object a line (LOG_FORMAT=json): time, level, logger, message."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(entry, ensure_ascii=False)


def summary(app: Flask) -> str:
    """What is on and off, in one line (no secret, only whether it is set)."""
    config = app.config
    url = config["REDIS_URL"]
    store = url.split("://", 1)[0] + "://…" if url else "embedded (instance/optout.rdb)"
    webhook = ("signatures NOT checked (TWILIO_VALIDATE=false)" if not config["TWILIO_VALIDATE"]
               else "signed requests only" if config["TWILIO_AUTH_TOKEN"]
               else "refuses everything (no TWILIO_AUTH_TOKEN)")
    on = {"store": store, "webhook": webhook,
          "ops console": bool(config["OPS_PASSWORD"]), "api": bool(config["API_TOKENS"]),
          "metrics": bool(config["METRICS_TOKEN"]), "rasa nlu": bool(config["RASA_NLU_URL"]),
          "ask reason": config["ASK_REASON"], "min replicas": config["STORE_MIN_REPLICAS"],
          "durable store required": config["REQUIRE_DURABLE_STORE"]}
    return "optout starting: " + ", ".join(
        f"{k}: {('on' if v else 'off') if isinstance(v, bool) else v}" for k, v in on.items())


def init_app(app: Flask, service: ServiceProvider) -> None:
    """Register the endpoints on the app's service, JSON logs when asked, and say what is on."""
    bp = Blueprint("health", __name__)
    bp.add_url_rule("/healthz", view_func=healthz, methods=["GET"])
    bp.add_url_rule("/readyz", view_func=bound(readyz, service), methods=["GET"])
    bp.add_url_rule("/metrics", view_func=bound(metrics, service), methods=["GET"])
    app.register_blueprint(bp)
    if app.config["LOG_FORMAT"] == "json":
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        root = logging.getLogger()
        root.handlers = [handler]
        root.setLevel(logging.INFO)
    log.warning(summary(app))  # WARNING: seen under any default logging set-up
