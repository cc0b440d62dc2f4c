"""Benchmark: the whole opt-out webhook under gunicorn against a bare Flask app and Twilio's
tutorial app, on the same machine, the same Redis, the same gunicorn settings.

Usage: python benchmarks/webhook_throughput.py [--client wrk|python] [--seconds S] [--requests N]
                                              [--rounds R] [--connections C] [--numbers K]
Starts a throwaway redis-server, then for each round and each worker class (sync -w 2,
gthread -w 2 --threads 4) each app in turn (interleaved), drives it with pre-signed requests
(unique MessageSids, K numbers, 10,000 by default: most messages are then a number's first,
one Redis round trip; with fewer numbers most find a record, two round trips; 70 % chatter,
20 % STOP/START, 10 % natural opt-outs)
from C closed-loop keep-alive connections: with `--client wrk` (the default where wrk is
installed: `apt-get install wrk`) one wrk thread for S seconds, which leaves the server's cores
nearly free (its CPU is printed); with `--client python`, N requests from C Python processes
(they saturate a core of a 2-core machine and flatter the ratios). Prints req/s, p50/p99,
the server's CPU per request (gunicorn master and workers, from /proc via psutil) and the
client's, the median round of each, and the project's ratios to the two others; with the
Python client it then drives the project at half the rate it sustained, on a fixed schedule,
and prints its p50/p99 there.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import psutil
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import wrk_client  # noqa: E402
from tests.redis_server import ThrowawayRedis, free_port  # noqa: E402

TOKEN = "benchmark-auth-token"
APPS = {
    "bare": "benchmarks.reference_apps:bare()",
    "tutorial": "benchmarks.reference_apps:tutorial()",
    "project": "app:create_app()",
}
WORKERS = {"sync": ["-k", "sync"], "gthread": ["-k", "gthread", "--threads", "4"]}
CHATTER = [
    "ok thanks",
    "what time do you open?",
    "Is this still available",
    "lol",
    "see you then",
    "I'll stop by tomorrow",
    "can you send the link again",
    "cancel my order please",
]
NATURAL = ["please stop texting me", "take me off your list", "wrong number", "stop sending these"]


def bodies(count: int) -> list[str]:
    """70 % chatter, 20 % STOP/START, 10 % natural opt-outs, in a fixed shuffle."""
    mix = []
    for i in range(count):
        kind = (i * 7919) % 10
        mix.append(CHATTER[i % len(CHATTER)] if kind < 7 else ("STOP", "START")[i % 2] if kind < 9 else NATURAL[i % len(NATURAL)])
    return mix


def twilio_forms(count: int, numbers: int = 10_000, first_number: int = 0) -> list[dict[str, str]]:
    """Inbound forms as Twilio posts them, the benchmark's mix of bodies, `numbers` senders."""
    return [
        {
            "MessageSid": f"SM{uuid.uuid4().hex}",
            "AccountSid": "AC" + "0" * 32,
            "From": f"+1628{first_number + i % numbers:07d}",
            "To": "+14155550199",
            "Body": body,
            "NumMedia": "0",
        }
        for i, body in enumerate(bodies(count))
    ]


def signed_requests(port: int, count: int, numbers: int = 10_000) -> list[tuple[bytes, str]]:
    """(form body, signature) pairs, signed for http://127.0.0.1:<port>/sms."""
    validator, url = RequestValidator(TOKEN), f"http://127.0.0.1:{port}/sms"
    return [
        (urllib.parse.urlencode(form).encode(), validator.compute_signature(url, form)) for form in twilio_forms(count, numbers)
    ]


def drive(
    port: int, requests: list[tuple[bytes, str]], results: multiprocessing.Queue, interval: float = 0.0, offset: float = 0.0
) -> None:
    """One keep-alive connection sending its share, in a closed loop or (interval > 0) on a fixed
    schedule; a late answer counts from when the request was due (no coordinated omission)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, failures = [], 0
    first = time.perf_counter() + offset
    for k, (body, signature) in enumerate(requests):
        started = time.perf_counter()
        if interval:
            due = first + k * interval
            time.sleep(max(0.0, due - started))
            started = due
        connection.request(
            "POST", "/sms", body, {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
        )
        answer = connection.getresponse()
        answer.read()
        latencies.append(time.perf_counter() - started)
        failures += answer.status != 200
    results.put((latencies, failures))


def server_cpu(master: psutil.Process) -> float:
    """CPU seconds used so far by gunicorn's master and workers."""
    total = 0.0
    for process in [master, *master.children(recursive=True)]:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def start(app: str, workers: list[str], redis_url: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "REDIS_PREFIX": f"bench{port}",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "ASK_REASON": "false",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", *workers, "-b", f"127.0.0.1:{port}", "--log-level", "warning", APPS[app]],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/sms")
            connection.getresponse().read()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"gunicorn for {app} did not start")


def measure(
    app: str,
    workers: list[str],
    redis_url: str,
    count: int,
    connections: int,
    rate: float = 0.0,
    numbers: int = 10_000,
    seconds: float = 0.0,
) -> dict[str, float]:
    """One app under load: closed loop, `rate` requests a second on a schedule, or (`seconds`)
    wrk for that long."""
    process, port = start(app, workers, redis_url)
    try:
        warm = signed_requests(port, 200, numbers)
        run_load(port, warm, connections)  # imports, model load, first connections
        load = signed_requests(port, count, numbers)
        master = psutil.Process(process.pid)
        if seconds:
            cpu_before = server_cpu(master)
            result = wrk_client.run(port, load, connections, seconds)
            cpu = server_cpu(master) - cpu_before
            return {**result, "cpu_ms": cpu / result["requests"] * 1000, "client_cores": result["client_cpu"] / seconds}
        cpu_before, started = server_cpu(master), time.perf_counter()
        latencies, failures = run_load(port, load, connections, rate)
        elapsed, cpu = time.perf_counter() - started, server_cpu(master) - cpu_before
    finally:
        process.terminate()
        process.wait(timeout=30)
    latencies.sort()
    return {
        "rps": count / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000,
        "p99": latencies[int(len(latencies) * 0.99)] * 1000,
        "cpu_ms": cpu / count * 1000,
        "failures": failures,
        "client_cores": float("nan"),
    }


def run_load(port: int, requests: list[tuple[bytes, str]], connections: int, rate: float = 0.0) -> tuple[list[float], int]:
    results: multiprocessing.Queue = multiprocessing.Queue()
    shares = [requests[i::connections] for i in range(connections)]
    interval = connections / rate if rate else 0.0  # each connection's share of the rate
    drivers = [
        multiprocessing.Process(target=drive, args=(port, share, results, interval, 0.5 + i * interval / connections))
        for i, share in enumerate(shares)
    ]
    for driver in drivers:
        driver.start()
    gathered = [results.get(timeout=600) for _ in drivers]
    for driver in drivers:
        driver.join()
    return [x for lat, _ in gathered for x in lat], sum(f for _, f in gathered)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    parser.add_argument("--seconds", type=float, default=8.0, help="wrk: seconds an app is driven")
    parser.add_argument("--requests", type=int, default=0, help="signed requests (default: 3,000; wrk: 40,000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--numbers", type=int, default=10_000, help="distinct senders (default 10,000)")
    args = parser.parse_args()
    args.requests = args.requests or (40_000 if args.client == "wrk" else 3000)
    seconds = args.seconds if args.client == "wrk" else 0.0
    with ThrowawayRedis() as url:
        subprocess.run(["redis-cli", "-u", url, "CONFIG", "SET", "appendonly", "yes"], capture_output=True, check=False)
        rounds: dict[tuple[str, str], list[dict[str, float]]] = {}
        for _ in range(args.rounds):
            for kind, workers in WORKERS.items():
                for app in APPS:
                    rounds.setdefault((kind, app), []).append(
                        measure(app, workers, url, args.requests, args.connections, numbers=args.numbers, seconds=seconds)
                    )
        report(rounds, args)
        if args.client == "python":  # wrk drives a closed loop only
            half_capacity(rounds, url, args)


def half_capacity(rounds: dict[tuple[str, str], list[dict[str, float]]], url: str, args: argparse.Namespace) -> None:
    """The project at half the rate it sustained (its median round), on a schedule: p99 ≤ 10 ms?"""
    print("the project at half its measured capacity, requests sent on a schedule:")
    for kind, workers in WORKERS.items():
        capacity = sorted(r["rps"] for r in rounds[(kind, "project")])[len(rounds[(kind, "project")]) // 2]
        result = measure("project", workers, url, args.requests, args.connections, capacity / 2, args.numbers)
        verdict = "met" if result["p99"] <= 10 else "NOT met"
        print(
            f"{kind:<8} {capacity / 2:7.0f} req/s offered, {result['rps']:7.0f} served: p50 {result['p50']:.1f} ms, "
            f"p99 {result['p99']:.1f} ms (target p99 ≤ 10 ms: {verdict})"
        )


def report(rounds: dict[tuple[str, str], list[dict[str, float]]], args: argparse.Namespace) -> None:
    load = f"wrk, {args.seconds:g} s" if args.client == "wrk" else f"{args.requests} requests from Python"
    print(
        f"{load} a round, {args.numbers} numbers, {args.rounds} rounds, {args.connections} connections, "
        f"gunicorn -w 2, {os.cpu_count()} CPUs; the median round of each:"
    )
    print(
        f"{'workers':<8} {'app':<9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} {'fails':>5} {'client cores':>12}"
    )
    medians = {}
    for (kind, app), runs in rounds.items():
        best = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
        medians[(kind, app)] = best
        print(
            f"{kind:<8} {app:<9} {best['rps']:7.0f} {best['p50']:7.1f} {best['p99']:7.1f} "
            f"{best['cpu_ms']:10.2f} {int(best['failures']):5d} {best['client_cores']:12.2f}"
        )
    for kind in WORKERS:
        project = medians[(kind, "project")]["rps"]
        print(
            f"{kind}: project = {project / medians[(kind, 'bare')]['rps']:.2f} × bare, "
            f"{project / medians[(kind, 'tutorial')]['rps']:.2f} × tutorial"
        )
    print("all rounds (req/s):", {f"{k}/{a}": [round(r["rps"]) for r in v] for (k, a), v in rounds.items()})


if __name__ == "__main__":
    main()
