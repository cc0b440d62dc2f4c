"""Benchmark: the opt-out register downloaded over HTTP from a real gunicorn, as production
serves it (gunicorn.conf.py: its worker class and GUNICORN_TIMEOUT): rows, seconds, MB and the worker's peak RSS.

Usage: python benchmarks/export_register.py [--count 1000000] [--batch 10000]

It starts its own throwaway redis-server on a free port, fills it with `count` opt-outs written
as the store writes them (store/entries.py `pack`, store/keys.py's register streams, pipelined
XADDs), starts gunicorn on the app pointed at that server, signs in to the ops console and
streams /ops/export/optouts.csv, sampling the worker's RSS while it runs; then stops both.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.entries import pack  # noqa: E402
from store.keys import key_for  # noqa: E402
from tests.redis_server import ThrowawayRedis, free_port  # noqa: E402

PREFIX = "bench-register"
PASSWORD = "benchmark password, not a secret"
SCOPE = "+14155550199"


def entry(i: int, now: float) -> dict[str, object]:
    """One opt-out as the webhook logs it (a keyword STOP)."""
    return {
        "time": now + i / 1000,
        "scope": SCOPE,
        "number": f"+1{2000000000 + i}",
        "channel": "sms",
        "text": "STOP",
        "message_sid": f"SM{i:032x}",
        "carrier_action": "",
        "intent": "opt_out",
        "confidence": 1.0,
        "language": "en",
        "source": "keyword",
        "detail": "keyword:stop",
        "flagged": False,
        "all_scopes": False,
        "state_before": "subscribed",
        "state_after": "awaiting_reason",
        "event": "opted_out",
        "reply": "You are unsubscribed.",
        "reason_category": "",
        "seq": 1,
    }


def fill(url: str, count: int, batch: int) -> float:
    """`count` opt-outs in the register streams, in pipelined XADD batches; seconds taken."""
    client = redis.Redis.from_url(url)
    start, now = time.perf_counter(), time.time() - 86400
    pipe = client.pipeline(transaction=False)
    for i in range(count):
        row = entry(i, now)
        fields = pack(row)
        pipe.execute_command("XADD", key_for(PREFIX, "register", str(row["number"])), "*", *fields)
        if i % batch == batch - 1:
            pipe.execute()
    pipe.execute()
    return time.perf_counter() - start


def start_gunicorn(url: str, port: int, workdir: str) -> subprocess.Popen[bytes]:
    """gunicorn as the Dockerfile runs it (the project's gunicorn.conf.py, its defaults), one worker."""
    config = {
        "REDIS_URL": url,
        "REDIS_PREFIX": PREFIX,
        "OPS_PASSWORD": PASSWORD,
        "SECRET_KEY": "benchmark-secret-" * 2,
        "INSTANCE_PATH": workdir,
        "TWILIO_AUTH_TOKEN": "benchmark-token",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
    }
    env = {**os.environ, "GUNICORN_WORKERS": "1", "GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        f"app:create_app({json.dumps(config)})",
    ]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(Path(workdir) / "gunicorn.log", "wb")
    )


def wait_up(base: str, seconds: float = 120) -> None:
    """Poll the login page until the worker answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/ops/login", timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):  # not listening yet, or still loading
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def signed_in(base: str) -> requests.Session:
    """A session signed in to the ops console (the form's CSRF token, then the password)."""
    session = requests.Session()
    page = session.get(base + "/ops/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    answer = session.post(base + "/ops/login", data={"password": PASSWORD, "csrf": token.group(1)}, allow_redirects=False)
    assert answer.status_code == 302, answer.status_code
    return session


class PeakRss:
    """The worker process's resident memory, sampled every 20 ms in a thread."""

    def __init__(self, master: int) -> None:
        children = psutil.Process(master).children()
        self.worker = children[0]
        self.start = self.peak = self.worker.memory_info().rss
        self.running = True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        while self.running:
            try:
                self.peak = max(self.peak, self.worker.memory_info().rss)
            except psutil.NoSuchProcess:
                return
            time.sleep(0.02)

    def stop(self) -> tuple[int, int, bool]:
        """(RSS before, peak RSS, whether the worker is still the same live process)."""
        self.running = False
        self.thread.join()
        return self.start, self.peak, self.worker.is_running()


def cpu_seconds(process: psutil.Process) -> float:
    """A process's CPU time so far, user and system (load-independent, unlike the wall clock)."""
    try:
        times = process.cpu_times()
    except psutil.NoSuchProcess:  # the worker was killed: the download says so
        return float("nan")
    return times.user + times.system


def redis_cpu_seconds(url: str) -> float:
    """The Redis server's CPU time so far (INFO cpu), user and system."""
    info = redis.Redis.from_url(url).info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def download(session: requests.Session, base: str, master: int, url: str) -> dict[str, object]:
    """Stream the register export; count rows and bytes, time it, watch the worker."""
    rss = PeakRss(master)
    worker_cpu, server_cpu = cpu_seconds(rss.worker), redis_cpu_seconds(url)
    start, size, lines, complete, first = time.perf_counter(), 0, 0, True, None
    try:
        with session.get(base + "/ops/export/optouts.csv", stream=True, timeout=120) as answer:
            answer.raise_for_status()
            for chunk in answer.iter_content(chunk_size=1 << 20):
                first = first or time.perf_counter() - start
                size += len(chunk)
                lines += chunk.count(b"\n")
    except requests.RequestException as error:
        complete = False
        print(f"download cut off: {error!r}")
    elapsed = time.perf_counter() - start
    worker_cpu, server_cpu = cpu_seconds(rss.worker) - worker_cpu, redis_cpu_seconds(url) - server_cpu
    before, peak, alive = rss.stop()
    return {
        "rows": lines - 1,
        "seconds": round(elapsed, 2),
        "first_byte_s": round(first or 0, 3),
        "mb": round(size / 1e6, 1),
        "rows_per_s": round((lines - 1) / elapsed),
        "worker_cpu_s": round(worker_cpu, 2),  # the gunicorn worker's user+sys during the download
        "redis_cpu_s": round(server_cpu, 2),  # Redis's used_cpu_user+sys during the download
        "worker_rss_before_mb": round(before / 1e6, 1),
        "worker_rss_peak_mb": round(peak / 1e6, 1),
        "complete": complete and alive,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="opt-outs in the register")
    parser.add_argument("--batch", type=int, default=10_000, help="XADDs per pipeline while filling")
    args = parser.parse_args()
    with ThrowawayRedis() as url, tempfile.TemporaryDirectory(prefix="export-bench-") as workdir:
        print(f"filling {args.count:,} opt-outs ...", flush=True)
        print(f"filled in {fill(url, args.count, args.batch):.1f} s", flush=True)
        port = free_port()
        server = start_gunicorn(url, port, workdir)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_up(base)
            result = download(signed_in(base), base, server.pid, url)
            result["expected_rows"] = args.count
            result["load_avg_1m"] = round(os.getloadavg()[0], 2)  # a loaded machine streams slower
            print(json.dumps(result))
            if not result["complete"] or result["rows"] != args.count:
                raise SystemExit("the download was cut off or incomplete")
            if os.environ.get("SHOW_GUNICORN_LOG"):
                print((Path(workdir) / "gunicorn.log").read_text())
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
