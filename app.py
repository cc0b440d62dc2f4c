"""The Flask app factory: configuration, Redis, the intent layer, the webhook and the CLI."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

import ops
from domain.errors import ConfigError
from handlers import DialogueSettings
from intents import Intent, Pipeline, Policy
from intents.matcher import Keywords, program_keywords
from intents.rasa_nlu import RasaNLU, parse_intent_map
from ops import commands
from outbound import cli as outbound_cli
from outbound import feed_runner
from service import OptOutService, ServiceProvider, binding, settings
from service.grading import Grading
from service.journal import Journal
from store import connection
from store.intent_log import IntentLog
from store.subscribers import SubscriberStore
from web import api, headers, health, status, terms, tracing, unsubscribe, webhook
from web.errors import register_error_handlers
from web.metrics import count_delivery

log = logging.getLogger(__name__)


class OptOutApp(Flask):
    """The Flask app and the service it hands to every view and command (built on first use)."""

    service: ServiceProvider


def create_app(config: Mapping[str, Any] | None = None, classify: Callable[[str], Intent] | None = None) -> OptOutApp:
    """Build the app; `config` overrides the environment, `classify` the intent layer."""
    config = dict(config or {})
    app = OptOutApp(
        __name__, instance_path=config.pop("INSTANCE_PATH", None), instance_relative_config=True, template_folder="web/templates"
    )
    app.config.from_mapping(settings.DEFAULTS)
    app.config.from_mapping(settings.from_environment())
    app.config.from_mapping(config)
    settings.validate(app.config)
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    if not app.config["TWILIO_VALIDATE"]:
        log.warning("TWILIO_VALIDATE=false: webhook signatures are NOT checked (development only)")
    connection.init_app(app)
    classify = classify or pipeline_for(app.config)
    app.service = service_provider(app, classify)
    binding.init_app(app, app.service)  # views and commands get it through the app context
    for adapter in (webhook, status, unsubscribe, api, health, commands, outbound_cli, ops):
        adapter.init_app(app)
    feed_runner.init_app(app, count_delivery)  # the opt-out feed: `flask deliver`, the worker's thread
    register_error_handlers(app)
    replay_on_boot(app)
    terms.init_app(app)
    headers.init_app(app)
    tracing.init_app(app)  # optional OTLP traces, inside ProxyFix so spans see the caller's address
    if app.config["TRUSTED_PROXIES"]:  # every path sees the forwarded URL
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    return app


def replay_on_boot(app: OptOutApp) -> None:
    """Messages journalled before this process started are replayed without waiting for traffic
    (in the background: the store may still be away)."""
    try:
        with contextlib.closing(Journal(app.instance_path)) as journal:
            waiting = journal.has_pending()
    except OSError as error:  # /readyz reports it
        log.error("journal unreadable at start: %s", error)
        return
    if waiting:
        log.warning("journalled messages found at start: replaying them in the background")
        app.service().replay_soon()


def pipeline_for(config: Mapping[str, Any]) -> Pipeline:
    """The intent layer as configured: thresholds, grey-zone policy, optional Rasa NLU."""
    policy = Policy(config["HIGH_CONFIDENCE"], config["LOW_CONFIDENCE"], config["GREY_ZONE_POLICY"])
    rasa = None
    if config["RASA_NLU_URL"]:
        try:
            mapping = parse_intent_map(config["RASA_INTENT_MAP"])
        except ValueError as error:
            raise ConfigError(str(error)) from None
        rasa = RasaNLU(config["RASA_NLU_URL"], config["RASA_NLU_TIMEOUT"], mapping)
    try:
        keywords = Keywords(program_keywords(config))
    except ValueError as error:
        raise ConfigError(f"program keywords: {error}") from None
    return Pipeline(policy=policy, rasa=rasa, keywords=keywords)


def service_provider(app: Flask, classify: Callable[[str], Intent]) -> ServiceProvider:
    """A function that builds the service on the app's Redis on first use, then returns it."""
    built: list[OptOutService] = []
    lock = threading.Lock()

    def service() -> OptOutService:
        if not built:
            with lock:
                if not built:
                    built.append(build_service(app.config, app.instance_path, classify, connection.get_redis(app)))
        return built[0]

    return service


def build_service(
    config: Mapping[str, Any], instance_path: str, classify: Callable[[str], Intent], client: connection.Client
) -> OptOutService:
    """The service and its parts, all from the validated settings."""
    store = SubscriberStore(
        client,
        config["REDIS_PREFIX"],
        config["IDEMPOTENCY_TTL_SECONDS"],
        config["STORE_MIN_REPLICAS"],
        config["STORE_WAIT_MS"],
        grade=Grading(config["HIGH_CONFIDENCE"]),
        feed_retention_ms=int(config["FEED_RETENTION_DAYS"] * 86400_000) if config["OPTOUT_WEBHOOK_URL"] else 0,
    )
    intent_log = IntentLog(client, config["REDIS_PREFIX"], config["LOG_RETENTION_DAYS"])
    return OptOutService(classify, store, intent_log, DialogueSettings.from_config(config), Journal(instance_path))


def main() -> None:
    """The `sms-optout` console script: Flask's command line on this app (run, subscriber, …)."""
    from flask.cli import FlaskGroup

    FlaskGroup(create_app=create_app, help="The SMS opt-out service (flask commands on this app).")()
