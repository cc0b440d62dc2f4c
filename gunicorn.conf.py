"""gunicorn's settings for the service: `gunicorn -c gunicorn.conf.py 'app:create_app()'`.

Workers, worker class, threads, bind and timeouts come from GUNICORN_* (service/settings.py
validates them); the worker timeout sits above Twilio's 15 s wait, so a worker is killed only
when stuck past the point Twilio gave up, and the webhook's own budget (WEBHOOK_BUDGET_MS,
at most 14 s) ends every answer long before. The master checks the settings and, with
REQUIRE_DURABLE_STORE, a reachable store's durability once, before any worker starts."""
from __future__ import annotations

import os
from typing import Any

from service import settings

_server = settings.server_settings(os.environ)
bind = [_server["GUNICORN_BIND"]]
workers = _server["GUNICORN_WORKERS"]
worker_class = _server["GUNICORN_WORKER_CLASS"]
threads = _server["GUNICORN_THREADS"]
timeout = _server["GUNICORN_TIMEOUT"]
graceful_timeout = _server["GUNICORN_GRACEFUL_TIMEOUT"]


def on_starting(server: Any) -> None:
    """In the master, once: a setting that cannot work, or a store reachable now that could
    lose opt-outs under REQUIRE_DURABLE_STORE, is one line and exit status 1 for the whole
    server (in a worker the same ConfigError exits 1 and gunicorn boots it again, forever).
    A store that cannot be reached now is an outage: workers start and journal."""
    from domain.errors import ConfigError
    from store.connection import durable_at_start

    config = settings.app_settings(os.environ)
    if config["REQUIRE_DURABLE_STORE"] and config["REDIS_URL"]:
        problem = durable_at_start(config["REDIS_URL"], settings.store_socket_timeout(config))
        if problem:
            raise ConfigError(f"REQUIRE_DURABLE_STORE: {problem}")
