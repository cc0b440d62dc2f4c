"""Operability: /healthz (the process answers), /readyz (the store answers and the journal is
drained), /metrics (Prometheus text, behind METRICS_TOKEN: web/metrics.py), request ids and JSON
logs (web/logs.py), a start-up summary."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, jsonify
from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4

from service import OptOutService, bound
from service.revoke_all import revoke_all_warning
from web.errors import OUTAGES

from . import logs
from .api import bearer_valid
from .metrics import exposition
from .metrics import init_app as metrics_hooks

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
    body: dict[str, object] = {
        "ready": unwritable is None,
        "store": store_state(service),
        "breaker": store.breaker_state,
        "replication": store.replication_state,
    }
    if unwritable is not None or journal is None:
        body.update(journal={"writable": False}, reason=f"journal unwritable: {unwritable}")
        return jsonify(body), 503
    body["journal"] = {"writable": True, "pending": journal.depth(), "damaged": journal.damaged()}
    return jsonify(body), 200


def store_state(service: OptOutService) -> str:
    """'ok' when the store answers a PING, else 'unreachable'."""
    try:
        service.store.repositories.health.ping()
    except OUTAGES:
        return "unreachable"
    return "ok"


def metrics(service: OptOutService) -> Response | tuple[str, int]:
    """Prometheus text (web/metrics.py), only for a scraper holding METRICS_TOKEN."""
    token = current_app.config["METRICS_TOKEN"]
    if not token:
        return "metrics are off (set METRICS_TOKEN)\n", 404
    if not bearer_valid([token]):
        return "a valid bearer token is required\n", 401
    return Response(exposition(service), content_type=CONTENT_TYPE_PLAIN_0_0_4)


def summary(app: Flask) -> str:
    """What is on and off, in one line (no secret, only whether it is set)."""
    config = app.config
    url = config["REDIS_URL"]
    store = url.split("://", 1)[0] + "://…" if url else "embedded (instance/optout.rdb)"
    webhook = (
        "signatures NOT checked (TWILIO_VALIDATE=false)"
        if not config["TWILIO_VALIDATE"]
        else "signed requests only"
        if config["TWILIO_AUTH_TOKEN"]
        else "refuses everything (no TWILIO_AUTH_TOKEN)"
    )
    on = {
        "store": store,
        "webhook": webhook,
        "ops console": bool(config["OPS_PASSWORD"]),
        "api": bool(config["API_TOKENS"]),
        "metrics": bool(config["METRICS_TOKEN"]),
        "rasa nlu": bool(config["RASA_NLU_URL"]),
        "ask reason": config["ASK_REASON"],
        "min replicas": config["STORE_MIN_REPLICAS"],
        "durable store required": config["REQUIRE_DURABLE_STORE"],
        "revoke all": config["REVOKE_ALL"],
        "opt-out feed": feed_summary(config),
        "status callbacks": bool(config["PUBLIC_URL"]),
    }
    return "optout starting: " + ", ".join(f"{k}: {('on' if v else 'off') if isinstance(v, bool) else v}" for k, v in on.items())


def feed_summary(config: Mapping[str, Any]) -> str:
    """Where consent changes go and who sends them: the receiver's host only (a URL's path or
    query may hold a token)."""
    url = config["OPTOUT_WEBHOOK_URL"]
    if not url:
        return "off"
    how = "a thread in each worker" if config["FEED_DELIVERER"] == "thread" else "flask deliver"
    return f"to {urlsplit(url).hostname} by {how}"


def init_app(app: Flask) -> None:
    """Register the endpoints on the app's service, request metrics and ids, JSON logs when
    asked, and the summary of what is on for a serving process."""
    bp = Blueprint("health", __name__)
    bp.add_url_rule("/healthz", view_func=healthz, methods=["GET"])
    bp.add_url_rule("/readyz", view_func=bound(readyz), methods=["GET"])
    bp.add_url_rule("/metrics", view_func=bound(metrics), methods=["GET"])
    app.register_blueprint(bp)
    metrics_hooks(app)
    logs.init_app(app)
    app.extensions[SUMMARY] = summary(app)  # now: later adapters forget secrets (OPS_PASSWORD)
    app.before_request(lambda: announce(app))  # a server other than gunicorn: at its first request


def announce(app: Flask, today: date | None = None) -> None:
    """The summary once per process that serves (gunicorn.conf.py calls it as a worker starts),
    never for a CLI command: `--help` and every command's output stay clean; `today` (UTC) for tests."""
    line = app.extensions.pop(SUMMARY, None)
    if line:
        log.warning(line)  # WARNING: seen under any default logging set-up
        if not app.config["PRIVACY_URL"]:
            log.warning(NO_PRIVACY_URL)
        late = revoke_all_warning(app.config, today or datetime.now(UTC).date())
        if late:
            log.warning(late)


NO_PRIVACY_URL = (
    "PRIVACY_URL is not set: the terms page names HELP_CONTACT for privacy questions instead of "
    "linking a privacy policy (carriers' reviews of a program ask for one)"
)


SUMMARY = "optout.summary"
