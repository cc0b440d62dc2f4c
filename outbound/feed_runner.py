"""Where the feed's deliverer runs: a daemon thread in each serving worker (FEED_DELIVERER=thread;
gunicorn.conf.py starts it as a worker starts and stops it as it exits, another server at its
first request), and `flask deliver [--once]` as a process of its own (FEED_DELIVERER=off, cron).
Every deliverer is one consumer of the same group: they share the events, never send one twice
at once, and one that dies leaves its events to the others once their retry is due."""

from __future__ import annotations

import logging
import os
import socket
import threading

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from domain.errors import StoreOutage
from service import OptOutService, bound_command, service_of

from .feed import Counted, Deliverer, FeedSettings

log = logging.getLogger(__name__)
EXTENSION = "optout.feed"  # this process's FeedThread (None once stopped)
PARTS = "optout.feed.parts"  # the delivery metrics hook, for the thread and the command
MAX_POLL_SECONDS = 1.0  # a new event waits at most this long for the next round


def consumer_name() -> str:
    """This process in the group: host and pid (unique among live deliverers)."""
    return f"{socket.gethostname()}-{os.getpid()}"


class FeedThread:
    """A deliverer in a daemon thread: never in a request's way, stopped between two POSTs."""

    def __init__(self, deliverer: Deliverer, poll: float) -> None:
        self.deliverer, self.poll = deliverer, poll
        self.stopping = threading.Event()
        self.ready = False  # the group exists on every bucket's stream
        self.thread = threading.Thread(target=self._run, name="optout-feed", daemon=True)

    def _run(self) -> None:
        """Rounds until stopped; a round that took events and failed none goes on at once."""
        while not self.stopping.is_set():
            if not self._round():
                self.stopping.wait(self.poll)
        self.deliverer.close()

    def _round(self) -> bool:
        """One round (the groups made first, again after a failure): True when it took events
        and failed none. No error ends the thread: a dead thread would stop the feed silently."""
        try:
            if not self.ready:
                self.deliverer.ready()
                self.ready = True
            tally = self.deliverer.round()
        except StoreOutage as error:
            log.warning("opt-out feed: store unreachable (%s); trying again", error)
            return False
        except Exception:
            self.ready = False
            log.exception("opt-out feed: round failed; trying again")
            return False
        return tally.read > 0 and tally.failed == 0

    def stop(self, timeout: float) -> bool:
        """Ask it to stop and wait up to `timeout` (one POST's timeout): True once it ended."""
        self.stopping.set()
        self.thread.join(timeout)
        return not self.thread.is_alive()


def deliverer_for(app: Flask, service: OptOutService, counted: Counted | None) -> Deliverer:
    """A deliverer on the app's store and settings, as this process's consumer."""
    settings = FeedSettings.from_config(app.config)
    return Deliverer(service.store.repositories.feed, settings, consumer_name(), counted)


def start_for(app: Flask) -> FeedThread | None:
    """This serving process's deliverer thread (once; None when the feed or the thread is off)."""
    config = app.config
    if PARTS not in app.extensions:  # not this service's app (gunicorn.conf.py serving another)
        return None
    if not config["OPTOUT_WEBHOOK_URL"] or config["FEED_DELIVERER"] != "thread":
        return None
    with _LOCK:
        if EXTENSION not in app.extensions:  # None once stopped: a stopped thread stays stopped
            running = FeedThread(deliverer_for(app, service_of(app), app.extensions[PARTS]), poll_seconds(app))
            running.thread.start()
            app.extensions[EXTENSION] = running
        feed: FeedThread | None = app.extensions[EXTENSION]
        return feed


def stop_for(app: Flask) -> bool:
    """Stop this process's thread, if one runs (gunicorn's worker_exit, tests): True once stopped."""
    if PARTS not in app.extensions:
        return True
    with _LOCK:
        running: FeedThread | None = app.extensions.get(EXTENSION)
        app.extensions[EXTENSION] = None
    return running.stop(app.config["FEED_TIMEOUT_SECONDS"] + 1) if running else True


def poll_seconds(app: Flask) -> float:
    """How long an idle deliverer waits between rounds: a second, or less for short retries."""
    return float(min(MAX_POLL_SECONDS, app.config["FEED_RETRY_SECONDS"]))


_LOCK = threading.Lock()


@click.command("deliver")
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit (cron, tests).")
@with_appcontext
def deliver_command(service: OptOutService, once: bool) -> None:
    """Deliver the opt-out feed to OPTOUT_WEBHOOK_URL, until Ctrl-C or, with --once, until
    nothing is due (exit 1 when an attempt failed: it is retried at a later run)."""
    if not current_app.config["OPTOUT_WEBHOOK_URL"]:
        raise click.ClickException("the opt-out feed is off (set OPTOUT_WEBHOOK_URL)")
    deliverer = deliverer_for(current_app, service, current_app.extensions[PARTS])
    if not once:
        FeedThread(deliverer, poll_seconds(current_app))._run()
        return
    deliverer.ready()
    delivered, failed = drain(deliverer)
    backlog = deliverer.feed.backlog()
    click.echo(f"delivered {delivered}, failed {failed}, waiting {backlog.unacknowledged + backlog.unread}")
    if failed:
        raise SystemExit(1)


def drain(deliverer: Deliverer) -> tuple[int, int]:
    """Rounds until one takes nothing or fails (delivered, failed)."""
    delivered = failed = 0
    while True:
        tally = deliverer.round()
        delivered, failed = delivered + tally.delivered, failed + tally.failed
        if not tally.read or tally.failed:
            deliverer.close()
            return delivered, failed


def init_app(app: Flask, counted: Counted | None = None) -> None:
    """Register `flask deliver`; a server other than gunicorn starts the thread at its first
    request (gunicorn.conf.py starts it earlier, as each worker starts)."""
    app.extensions[PARTS] = counted
    app.cli.add_command(bound_command(deliver_command))
    if app.config["OPTOUT_WEBHOOK_URL"] and app.config["FEED_DELIVERER"] == "thread":

        def start_soon() -> None:
            if EXTENSION not in app.extensions:
                start_for(app)

        app.before_request(start_soon)
