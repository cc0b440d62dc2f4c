"""Real Redis Cluster (3 primaries + 3 replicas) and Sentinel (primary + replica + 3 Sentinels)
on loopback, built with plain commands (no redis-cli), waited on with deadlines, always stopped."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import redis

from tests.processes import wait_until
from tests.redis_server import redis_binary


def free_ports(count: int, usable: Callable[[int], bool] = lambda port: True) -> list[int]:
    """`count` different ports nobody listens on now: each one stays bound until all are
    chosen (one at a time, the system can hand the same port out twice, and a second server
    on it would fail while the first went untracked)."""
    held: list[socket.socket] = []
    ports: list[int] = []
    try:
        while len(ports) < count:
            sock = socket.socket()
            held.append(sock)
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
            if usable(port):
                ports.append(port)
    finally:
        for sock in held:
            sock.close()
    return ports


def bus_port_free(port: int) -> bool:
    """A Cluster node's bus port (+10000) exists and is free too."""
    if port > 55535:
        return False
    with socket.socket() as bus:
        try:
            bus.bind(("127.0.0.1", port + 10000))
        except OSError:
            return False
    return True


SLOTS = 16384


class Servers:
    """redis-server processes in one temporary folder; all killed on exit."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="optout-topology-"))
        self.processes: dict[int, subprocess.Popen[bytes]] = {}

    def start(self, port: int, *args: str) -> None:
        if port in self.processes:  # the first server would be left running, untracked
            raise RuntimeError(f"port {port} already has a server of this topology")
        folder = self.dir / str(port)
        folder.mkdir(exist_ok=True)
        self.processes[port] = subprocess.Popen(
            [
                redis_binary(),
                *args,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(folder),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=port, socket_timeout=2)
        wait_until(lambda: bool(client.ping()), f"redis-server on {port}")

    def kill(self, port: int) -> None:
        process = self.processes.pop(port)
        process.kill()
        process.wait()

    def close(self) -> None:
        for port in list(self.processes):
            self.kill(port)
        shutil.rmtree(self.dir, ignore_errors=True)


class _Topology:
    """Servers built on enter (all stopped if building fails), stopped on exit."""

    def __enter__(self) -> str:
        self.servers = Servers()
        try:
            return self._build()
        except BaseException:
            self.servers.close()
            raise

    def _build(self) -> str:
        raise NotImplementedError

    def __exit__(self, *exc: object) -> None:
        self.servers.close()


class ThrowawayCluster(_Topology):
    """`with ThrowawayCluster() as url:` a redis+cluster:// URL to a healthy 3+3 cluster."""

    def _build(self) -> str:
        self.ports = free_ports(6, bus_port_free)
        for port in self.ports:
            self.servers.start(
                port, "--cluster-enabled", "yes", "--cluster-node-timeout", "2000", "--cluster-config-file", f"nodes-{port}.conf"
            )
        nodes = [redis.Redis(port=p, socket_timeout=5) for p in self.ports]
        for node in nodes[1:]:
            nodes[0].execute_command("CLUSTER MEET", "127.0.0.1", node.connection_pool.connection_kwargs["port"])
        for index, node in enumerate(nodes[:3]):
            first, last = index * SLOTS // 3, (index + 1) * SLOTS // 3
            for start in range(first, last, 1000):
                node.execute_command("CLUSTER ADDSLOTS", *range(start, min(start + 1000, last)))
        wait_until(lambda: all(len(n.execute_command("CLUSTER NODES")) == 6 for n in nodes), "every node to know the others")
        ids = [n.execute_command("CLUSTER MYID").decode() for n in nodes[:3]]
        for replica, primary in zip(nodes[3:], ids):
            wait_until(lambda r=replica, p=primary: r.execute_command("CLUSTER REPLICATE", p) is not None, "a replica to attach")
        wait_until(lambda: all(n.execute_command("CLUSTER INFO")["cluster_state"] == "ok" for n in nodes), "the cluster to be ok")
        wait_until(lambda: all(n.info("replication").get("master_link_status") == "up" for n in nodes[3:]), "replicas to sync")
        self.url = "redis+cluster://" + ",".join(f"127.0.0.1:{p}" for p in self.ports[:3])
        return self.url

    def kill_a_primary(self) -> None:
        """Kill the first primary as a crash would and wait until its replica takes its slots."""
        self.killed = self.ports[0]
        self.servers.kill(self.killed)
        survivors = [redis.Redis(port=p, socket_timeout=2) for p in self.ports[1:]]
        wait_until(
            lambda: (
                all(n.execute_command("CLUSTER INFO")["cluster_state"] == "ok" for n in survivors)
                and redis.Redis(port=self.ports[3]).info("replication")["role"] == "master"
            ),
            "the failover",
        )

    def restart_killed(self) -> None:
        """The old primary comes back empty (its node file kept) and rejoins as a replica."""
        port = self.killed
        self.servers.start(
            port, "--cluster-enabled", "yes", "--cluster-node-timeout", "2000", "--cluster-config-file", f"nodes-{port}.conf"
        )
        old = redis.Redis(port=port, socket_timeout=2)
        wait_until(lambda: old.info("replication").get("master_link_status") == "up", "the old primary to rejoin as a replica")


class ThrowawaySentinel(_Topology):
    """`with ThrowawaySentinel() as url:` a redis+sentinel:// URL to a primary with one replica
    watched by three Sentinels; `kill_primary()` kills it and waits for the failover."""

    SERVICE = "optout"

    def _build(self) -> str:
        self.primary, self.replica, *self.sentinels = free_ports(5)
        self.servers.start(self.primary)
        self.servers.start(self.replica, "--replicaof", "127.0.0.1", str(self.primary))
        wait_until(
            lambda: redis.Redis(port=self.replica).info("replication")["master_link_status"] == "up", "the replica to sync"
        )
        for port in self.sentinels:
            config = self.servers.dir / f"sentinel-{port}.conf"
            config.write_text(
                f"sentinel monitor {self.SERVICE} 127.0.0.1 {self.primary} 2\n"
                f"sentinel down-after-milliseconds {self.SERVICE} 1000\n"
                f"sentinel failover-timeout {self.SERVICE} 5000\n"
            )
            self.servers.start(port, str(config), "--sentinel")
        wait_until(self._watched, "the Sentinels to see the primary, its replica and each other")
        hosts = ",".join(f"127.0.0.1:{p}" for p in self.sentinels)
        self.url = f"redis+sentinel://{hosts}/{self.SERVICE}"
        return self.url

    def _watched(self) -> bool:
        for port in self.sentinels:
            sentinel = redis.Redis(port=port, socket_timeout=2)
            state = sentinel.sentinel_master(self.SERVICE)
            if int(state["num-slaves"]) < 1 or int(state["num-other-sentinels"]) < 2:
                return False
        return True

    def current_primary(self) -> int:
        sentinel = redis.Redis(port=self.sentinels[0], socket_timeout=2)
        return int(sentinel.sentinel_get_master_addr_by_name(self.SERVICE)[1])

    def kill_primary(self) -> None:
        """Kill the primary as a crash would and wait until the Sentinels promote the replica."""
        self.killed = self.current_primary()
        self.servers.kill(self.killed)
        wait_until(
            lambda: (
                self.current_primary() != self.killed
                and redis.Redis(port=self.current_primary()).info("replication")["role"] == "master"
            ),
            "the failover",
        )

    def restart_killed(self) -> None:
        """The old primary comes back empty, as a replica of the new one (the Sentinels would
        reconfigure it too, but only once their failover has settled: slow on a loaded machine)."""
        self.servers.start(self.killed, "--replicaof", "127.0.0.1", str(self.current_primary()))
        old = redis.Redis(port=self.killed, socket_timeout=2)
        wait_until(lambda: self._following(old), "the old primary to rejoin as a replica")

    def _following(self, old: redis.Redis) -> bool:
        """Synced with the current primary; pointed at it again if something (a Sentinel still
        settling its failover) pointed it elsewhere meanwhile."""
        state, primary = old.info("replication"), self.current_primary()
        if state.get("role") != "slave" or int(state.get("master_port", 0)) != primary:
            old.execute_command("REPLICAOF", "127.0.0.1", primary)
            return False
        return state.get("master_link_status") == "up"
