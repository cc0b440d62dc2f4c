"""gunicorn's settings for the service: `gunicorn -c gunicorn.conf.py 'app:create_app()'`.

Workers, worker class, threads, bind and timeouts come from GUNICORN_* (service/settings.py
validates them); the worker timeout sits above Twilio's 15 s wait, so a worker is killed only
when stuck past the point Twilio gave up, and the webhook's own budget (WEBHOOK_BUDGET_MS,
at most 14 s) ends every answer long before. The master checks the settings and, with
REQUIRE_DURABLE_STORE, a reachable store's durability once, before any worker starts.

Metrics: a fresh PROMETHEUS_MULTIPROC_DIR per server start (made in the master, before any
worker forks), so every worker's counters are summed at a scrape; LOG_FORMAT=json makes
gunicorn's own lines JSON too (logconfig_dict)."""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from typing import TYPE_CHECKING, Any

from service import settings

if TYPE_CHECKING:
    from logging.config import _DictConfigArgs  # typeshed's schema of dictConfig's argument

_server = settings.server_settings(os.environ)
bind = [_server["GUNICORN_BIND"]]
workers = _server["GUNICORN_WORKERS"]
worker_class = _server["GUNICORN_WORKER_CLASS"]
threads = _server["GUNICORN_THREADS"]
timeout = _server["GUNICORN_TIMEOUT"]
graceful_timeout = _server["GUNICORN_GRACEFUL_TIMEOUT"]
METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"
_made: list[str] = []  # the metrics directory this master made (removed at exit)


def json_logging() -> _DictConfigArgs:
    """gunicorn's own lines as JSON on stderr, as the app's (web/logs.py). Its access log stays
    off, as without LOG_FORMAT: a request line can carry a phone number in its URL."""
    stderr = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "web.logs.json_formatter"}},
        "handlers": {"stderr": stderr},
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }


logconfig_dict: _DictConfigArgs | dict[str, object] = json_logging() if os.environ.get("LOG_FORMAT", "").strip() == "json" else {}


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
    if server.cfg.preload_app:  # the app, loaded before this hook, would count in memory, per worker
        raise ConfigError("--preload cannot be used: metrics need PROMETHEUS_MULTIPROC_DIR set before the app loads")
    fresh_metrics_directory()


def fresh_metrics_directory() -> None:
    """Workers write their counters to files there; files of an earlier start would be summed
    too, so the operator's directory is emptied, or a new temporary one made."""
    given = os.environ.get(METRICS_DIR)
    if given:
        os.makedirs(given, exist_ok=True)
        for stale in glob.glob(os.path.join(given, "*.db")):
            os.remove(stale)
        return
    _made.append(tempfile.mkdtemp(prefix="optout-metrics-"))
    os.environ[METRICS_DIR] = _made[-1]


def post_worker_init(worker: Any) -> None:
    """Each worker says what is on as it starts (a CLI command never does), and starts its
    opt-out feed deliverer thread (FEED_DELIVERER=thread, OPTOUT_WEBHOOK_URL set)."""
    from outbound.feed_runner import start_for
    from web.health import announce

    announce(worker.wsgi)
    start_for(worker.wsgi)


def worker_exit(server: Any, worker: Any) -> None:
    """A worker stopping: its deliverer ends between two POSTs (an unacknowledged one is sent again)."""
    from outbound.feed_runner import stop_for

    stop_for(worker.wsgi)


def child_exit(server: Any, worker: Any) -> None:
    """A worker gone: its live gauges are dropped (its counters still count in the sums)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


def on_exit(server: Any) -> None:
    """The directory this master made goes with it."""
    for made in _made:
        shutil.rmtree(made, ignore_errors=True)
