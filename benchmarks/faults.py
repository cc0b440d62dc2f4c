"""Fault script (#27): points 1-6, 10 and 11 reproduced with real processes (redis-server,
Sentinels, gunicorn -c gunicorn.conf.py, the flask CLI), each scenario counting what went wrong.

Usage: .venv/bin/python benchmarks/faults.py [--only 1,2,10] [--keep]

  1  a torn journal write (RLIMIT_FSIZE lowered on the running gunicorn; CPython ignores
     SIGXFSZ): with the store away a refused journal write is a 503, never a confirmation;
     once the limit is lifted every opt-out is journalled again and the journal replays
  2  a START journalled during an outage (instance A, then frozen), a newer STOP reaching the
     store (instance B): `flask send` on A's journal refuses the number, before and after A replays
  3  REQUIRE_DURABLE_STORE with Redis away at boot: no connection reset, STOPs confirmed and
     journalled, a restart while away, the journal drained without traffic once Redis (AOF)
     returns; beside a Redis without AOF: one line, one non-zero exit, no worker booted
  4  START then STOP from one number a few ms apart on two workers, 40 pairs: the STOP wins
  5  journal-only opt-outs (the primary refuses writes: min-replicas-to-write) shown opted out
     by the API status (pending_write) and `flask subscriber`, refused by `flask send`
  6  20 STOPs journalled behind 300 others, the store back, a START from each of the 20
     arriving live while the replay runs: every one of the 20 ends subscribed
  10 Redis frozen (SIGSTOP) ~12 s during a burst of 10 STOPs to 2 sync workers (and 4 more
     during the freeze): every answer inside WEBHOOK_BUDGET_MS + 500 ms (the slowest printed)
  11 Sentinel, STORE_MIN_REPLICAS=1, the only replica killed: every STOP 200 (journalled), no
     500, /readyz 200 with replication degraded; the replica back, the journal drains

Counted: lost = an acknowledged opt-out not in the store after recovery; reversed = a number
that should be opted out but may be texted (or ends subscribed when its STOP was last; in 6,
ends opted out when its START was last); hidden = a journalled opt-out a view shows as
subscribed. Anything else that is wrong (a slow answer, a 500, a reset, a missing 503, a
crash loop) is a failed check. One line per scenario, then the failed checks and, last,
`lost / reversed / hidden: L / R / H`; exit status 1 when any count or check is non-zero.
Logs stay in a temporary folder, printed and kept when something failed (or with --keep).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import psutil
import redis
import requests
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service import settings  # noqa: E402
from service.grading import Grading  # noqa: E402
from service.journal import Journal  # noqa: E402
from store.connection import connect  # noqa: E402
from store.subscribers import SubscriberStore  # noqa: E402
from tests.fake_twilio import ACCOUNT_SID as FAKE_ACCOUNT_SID  # noqa: E402
from tests.fake_twilio import AUTH_TOKEN as FAKE_TWILIO_TOKEN  # noqa: E402
from tests.fake_twilio import FakeTwilioServer  # noqa: E402
from tests.processes import NotReady, ServerProcess, wait_until  # noqa: E402
from tests.redis_server import free_port, redis_binary  # noqa: E402
from tests.redis_topologies import ThrowawaySentinel  # noqa: E402

AUTH_TOKEN = "faults-auth-token-not-a-secret"
API_TOKEN = "faults-api-token-not-a-secret"
PREFIX = "faults"
BUSINESS = "+14155550199"  # the number texted: every message's scope
BUDGET_MS = 5000  # WEBHOOK_BUDGET_MS's default, which scenario 10 keeps
MARGIN_MS = 500
UNSUBSCRIBED = "You are unsubscribed"
RESUBSCRIBED = "You are resubscribed"
REFUSAL = "REQUIRE_DURABLE_STORE: the store keeps no append-only file"


def number(i: int) -> str:
    """The i-th subscriber number of a scenario (each scenario has a store of its own)."""
    return f"+1415555{i:04d}"


# --- processes ---------------------------------------------------------------------------------


class Redis:
    """One redis-server on a port and folder of its own; killed and started again on the same
    port it keeps its data (appendonly yes, appendfsync always) unless `aof` is off."""

    def __init__(self, work: Path, *options: str, aof: bool = True, port: int | None = None) -> None:
        self.port = port or free_port()
        self.dir = work / f"redis-{self.port}"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.options, self.aof, self.starts = options, aof, 0
        self.server: ServerProcess | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=2)

    def start(self) -> Redis:
        durability = ["--appendonly", "yes", "--appendfsync", "always"] if self.aof else ["--appendonly", "no"]
        self.starts += 1
        self.server = ServerProcess(
            [
                redis_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--dir",
                str(self.dir),
                *durability,
                *self.options,
            ],
            self.dir / f"log-{self.starts}",
        )
        probe = redis.Redis(port=self.port, socket_timeout=1)
        self.server.wait_ready(lambda: bool(probe.ping()), f"redis-server on {self.port}", 30)
        return self

    def kill(self) -> None:
        """As a crash would (SIGKILL): connections refused until start()."""
        if self.server is not None:
            self.server.signal(signal.SIGKILL)
            self.server.process.wait()
            self.server = None

    def freeze(self) -> None:
        assert self.server is not None
        self.server.signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.server is not None
        self.server.signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop(grace=5)
            self.server = None


@dataclass
class Answer:
    """One webhook answer as Twilio would see it (status 0: no HTTP answer at all)."""

    status: int
    text: str
    seconds: float
    sid: str
    error: str = ""

    def confirms(self, words: str = UNSUBSCRIBED) -> bool:
        return self.status == 200 and words in self.text

    @property
    def message(self) -> bool:
        return "<Message>" in self.text


def own_environment() -> dict[str, str]:
    """The caller's environment without any of the service's or gunicorn's settings."""
    names = set(settings.DEFAULTS) | set(settings.SERVER_DEFAULTS) | {"PROMETHEUS_MULTIPROC_DIR", "FLASK_APP"}
    return {k: v for k, v in os.environ.items() if k not in names}


class Gunicorn:
    """gunicorn -c gunicorn.conf.py on a free port, an instance folder (its journal) of its own."""

    def __init__(self, work: Path, name: str, redis_url: str, workers: int = 2, **options: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.dir = work / name
        self.instance = self.dir / "instance"
        self.instance.mkdir(parents=True, exist_ok=True)
        self.workers, self.starts = workers, 0
        self.env = {
            **own_environment(),
            "REDIS_URL": redis_url,
            "REDIS_PREFIX": PREFIX,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "PUBLIC_URL": self.base,
            "API_TOKENS": API_TOKEN,
            "TWILIO_FROM": BUSINESS,
            "ASK_REASON": "false",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            **options,
        }
        self.server: ServerProcess | None = None
        self.validator = RequestValidator(AUTH_TOKEN)
        self.journal = Journal(str(self.instance))

    @property
    def app(self) -> str:
        return f"app:create_app({{'INSTANCE_PATH': {str(self.instance)!r}}})"

    def command(self) -> list[str]:
        """As the Dockerfile runs it (the control socket off: several servers share this host)."""
        return [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket", self.app]

    @property
    def log(self) -> Path:
        return self.dir / f"gunicorn-{self.starts}.log"

    def start(self) -> Gunicorn:
        """Started, answering /healthz, every worker's app built (deadline 90 s)."""
        self.starts += 1
        self.server = ServerProcess(self.command(), self.log, cwd=ROOT, env=self.env)
        self.server.wait_ready(lambda: requests.get(self.base + "/healthz", timeout=5).status_code == 200, "gunicorn", 90)
        self.server.wait_ready(lambda: self.log_text().count("optout starting") >= self.workers, "every worker's app", 90)
        return self

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> bool:
        return self.server is not None and self.server.process.poll() is None

    def processes(self) -> list[psutil.Process]:
        """The master and its workers."""
        assert self.server is not None
        master = psutil.Process(self.server.process.pid)
        return [master, *master.children()]

    def signal(self, signum: int) -> None:
        assert self.server is not None
        self.server.signal(signum)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop(grace=20)
            self.server = None

    def form(self, body: str, sender: str, sid: str | None = None) -> tuple[dict[str, str], str]:
        """Twilio's inbound-message form and its X-Twilio-Signature."""
        form = {
            "MessageSid": sid or f"SM{uuid.uuid4().hex}",
            "AccountSid": "AC" + "0" * 32,
            "From": sender,
            "To": BUSINESS,
            "Body": body,
            "NumMedia": "0",
            "NumSegments": "1",
            "FromCountry": "US",
            "ApiVersion": "2010-04-01",
        }
        return form, self.validator.compute_signature(self.base + "/sms", form)

    def sms(self, body: str, sender: str, sid: str | None = None, timeout: float = 30) -> Answer:
        """A signed inbound message, as Twilio posts it."""
        form, signature = self.form(body, sender, sid)
        sid = form["MessageSid"]
        started = time.monotonic()
        try:
            answer = requests.post(self.base + "/sms", data=form, headers={"X-Twilio-Signature": signature}, timeout=timeout)
        except requests.RequestException as error:
            return Answer(0, "", time.monotonic() - started, sid, f"{type(error).__name__}: {error}")
        return Answer(answer.status_code, answer.text, time.monotonic() - started, sid)

    def in_order(self, first: tuple[str, str], second: tuple[str, str], gap: float) -> list[Answer]:
        """Two messages (body, sender) on two connections opened first: all of the first request
        on the wire, then `gap` seconds, then the second (one thread: no client-side reordering)."""
        prepared = []
        for body, sender in (first, second):
            form, signature = self.form(body, sender)
            content = urlencode(form).encode()
            head = (
                f"POST /sms HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nConnection: close\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: {signature}\r\n"
                f"Content-Length: {len(content)}\r\n\r\n"
            ).encode()
            prepared.append((form["MessageSid"], head + content, socket.create_connection(("127.0.0.1", self.port), 30)))
        started = time.monotonic()
        try:
            prepared[0][2].sendall(prepared[0][1])
            time.sleep(gap)
            prepared[1][2].sendall(prepared[1][1])
            return [read_answer(connection, sid, started) for sid, _, connection in prepared]
        finally:
            for _, _, connection in prepared:
                connection.close()

    def status(self, subscriber: str) -> tuple[int, dict[str, Any]]:
        """POST /api/v1/optouts/status: the status code and its JSON body ({} if none)."""
        answer = requests.post(
            self.base + "/api/v1/optouts/status",
            json={"number": subscriber, "scope": BUSINESS},
            headers={"Authorization": f"Bearer {API_TOKEN}"},
            timeout=30,
        )
        try:
            return answer.status_code, dict(answer.json())
        except ValueError:
            return answer.status_code, {}

    def readyz(self) -> tuple[int, dict[str, Any]]:
        answer = requests.get(self.base + "/readyz", timeout=30)
        try:
            return answer.status_code, dict(answer.json())
        except ValueError:
            return answer.status_code, {}

    def flask(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        """The flask CLI on this instance's store and journal."""
        return subprocess.run(
            [sys.executable, "-m", "flask", "--app", self.app, *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=120,
        )


def read_answer(connection: socket.socket, sid: str, started: float) -> Answer:
    """One HTTP answer read up to its Content-Length (as Twilio reads it: not to the close)."""
    reply = b""
    while b"\r\n\r\n" not in reply and (chunk := connection.recv(65536)):
        reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(fields.get("content-length", "0"))
    while len(body) < length and (chunk := connection.recv(65536)):
        body += chunk
    status = int(lines[0].split()[1]) if lines[0].startswith("HTTP/") else 0
    return Answer(status, body.decode(errors="replace"), time.monotonic() - started, sid)


class StoreView:
    """The store as it is, read from this process (no journal merged in)."""

    def __init__(self, url: str) -> None:
        self.store = SubscriberStore(connect(url, "", 5.0, guard=False), PREFIX, 86400, grade=Grading())

    def opted_out(self, subscriber: str) -> bool:
        return self.store.load(BUSINESS, subscriber).opted_out

    def events(self, subscriber: str) -> list[dict[str, Any]]:
        return self.store.history(BUSINESS, subscriber)

    def missing(self, numbers: list[str]) -> list[str]:
        return [n for n in numbers if not self.opted_out(n)]


# --- results -----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One scenario's counts, what it measured and every failed check."""

    point: int
    name: str
    measured: list[str] = field(default_factory=list)
    lost: int = 0
    reversed: int = 0
    hidden: int = 0
    failures: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        self.measured.append(text)

    def check(self, ok: bool, failure: str) -> bool:
        if not ok:
            self.failures.append(failure)
        return ok

    def line(self) -> str:
        text = (
            f"[{self.point}] {self.name}: {'; '.join(self.measured)} | "
            f"lost / reversed / hidden: {self.lost} / {self.reversed} / {self.hidden}"
        )
        return text + (f" | FAILED: {'; '.join(self.failures)}" if self.failures else "")


def concurrently(calls: list[Callable[[], Answer]], threads: int) -> list[Answer]:
    """Run the calls on `threads` threads; the answers in the calls' order."""
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda call: call(), calls))


def drained(out: Outcome, server: Gunicorn, deadline: float = 45) -> str:
    """How long until the journal is empty (read from outside: no traffic); a replay deletes a
    message only once applied, so what the store then lacks is lost. Past the deadline a failed
    check, and the caller still counts what is missing."""
    started = time.monotonic()
    try:
        wait_until(lambda: server.journal.depth() == 0, "the journal replayed", deadline)
    except NotReady:
        out.failures.append(f"{server.journal.depth()} messages still journalled after {deadline:.0f} s")
        return f"not drained in {deadline:.0f} s"
    return f"drained in {time.monotonic() - started:.1f} s"


def poll(check: Callable[[], bool], what: str, deadline: float) -> None:
    """wait_until, polled every 2 ms (a replay moves an entry in a few ms)."""
    end = time.monotonic() + deadline
    while not check():
        if time.monotonic() > end:
            raise NotReady(f"timed out waiting for {what}")
        time.sleep(0.002)


def summary(answers: list[Answer]) -> str:
    """'200×9 503×1' for a list of answers."""
    counts: dict[str, int] = {}
    for a in answers:
        key = str(a.status) if a.status else "reset"
        counts[key] = counts.get(key, 0) + 1
    return " ".join(f"{k}×{v}" for k, v in sorted(counts.items()))


# --- the scenarios -----------------------------------------------------------------------------


def torn_journal_write(work: Path, out: Outcome, stack: contextlib.ExitStack) -> None:
    """1: RLIMIT_FSIZE on the running gunicorn while the store is away."""
    store = Redis(work).start()
    stack.callback(store.stop)
    server = Gunicorn(work, "torn", store.url, REDIS_TIMEOUT_SECONDS="0.5").start()
    stack.callback(server.stop)
    out.check(server.sms("HELP", number(9000)).status == 200, "warm-up HELP not answered 200")
    store.kill()
    acknowledged: list[str] = []

    def stop(i: int, sid: str | None = None) -> Answer:
        answer = server.sms("STOP", number(i), sid)
        if answer.confirms():
            acknowledged.append(number(i))
        return answer

    before = [stop(i) for i in range(10)]
    out.check(all(a.confirms() for a in before), f"store away, journal fine: {summary(before)}, not all confirmed")
    files = [p for p in server.instance.glob("journal.sqlite3*") if p.is_file()]
    limit = max(p.stat().st_size for p in files) + 64 * 1024
    original = {p.pid: resource.prlimit(p.pid, resource.RLIMIT_FSIZE) for p in server.processes()}
    for pid, (_, hard) in original.items():
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (limit, hard))  # the soft limit: raised again below
    limited: list[tuple[int, Answer]] = []
    ready_codes: list[int] = []
    try:
        for i in range(100, 200):
            limited.append((i, stop(i)))
            if sum(1 for _, a in limited if a.status == 503) >= 4:
                break
        ready_codes.append(server.readyz()[0])
    finally:
        for pid, (soft, hard) in original.items():
            with contextlib.suppress(psutil.NoSuchProcess, ProcessLookupError):
                resource.prlimit(pid, resource.RLIMIT_FSIZE, (soft, hard))
    refused = [(i, a) for i, a in limited if a.status == 503]
    out.note(
        f"limit {limit // 1024} KiB: {summary([a for _, a in limited])} "
        f"({sum(1 for _, a in limited if a.confirms())} confirmed before the first refusal)"
    )
    out.note(f"/readyz under the limit {ready_codes[0] if ready_codes else '?'}")
    out.check(bool(refused), "the file-size limit never refused a journal write (no 503)")
    out.check(not any(a.message for _, a in refused), "a 503 carried a confirmation")
    out.check(
        all(a.confirms() or a.status == 503 for _, a in limited),
        f"under the limit an answer was neither a confirmation nor a 503: {summary([a for _, a in limited])}",
    )
    after = [stop(i) for i in range(200, 210)]
    retried = [stop(i, a.sid) for i, a in refused]  # Twilio retries the same MessageSid
    out.note(f"limit lifted: new STOPs {summary(after)}, retries of the refused {summary(retried)}")
    out.check(all(a.confirms() for a in after + retried), "opt-outs still blocked after the limit was lifted")
    out.check(server.alive(), "gunicorn exited")
    store.start()
    view = StoreView(store.url)
    took = drained(out, server)
    damaged = server.journal.damaged()
    out.note(f"{len(acknowledged)} acknowledged; Redis back: {took}, {damaged} damaged")
    out.check(damaged == 0, f"{damaged} journal entries damaged")
    out.lost = len(view.missing(acknowledged))


def start_beaten_by_newer_stop(work: Path, out: Outcome, stack: contextlib.ExitStack) -> None:
    """2: a START journalled by instance A during an outage, a newer STOP stored through B."""
    store = Redis(work).start()
    stack.callback(store.stop)
    a = Gunicorn(work, "a", store.url, workers=1, REDIS_TIMEOUT_SECONDS="0.5")
    b = Gunicorn(work, "b", store.url, workers=1, REDIS_TIMEOUT_SECONDS="0.5")
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda g: g.start(), (a, b)))
    stack.callback(a.stop)
    stack.callback(b.stop)
    twilio = stack.enter_context(FakeTwilioServer())
    numbers = [number(i) for i in range(5)]
    first = [a.sms("STOP", n) for n in numbers]
    out.check(all(x.confirms() for x in first), f"first STOPs: {summary(first)}")
    store.kill()
    starts = [a.sms("START", n) for n in numbers]
    out.check(all(x.confirms(RESUBSCRIBED) for x in starts), f"STARTs during the outage: {summary(starts)}")
    out.check(a.journal.depth() == len(numbers), f"A's journal holds {a.journal.depth()}, not {len(numbers)}")
    a.signal(signal.SIGSTOP)  # A cannot replay: its START stays journalled
    stack.callback(lambda: a.signal(signal.SIGCONT) if a.alive() else None)
    store.start()
    view = StoreView(store.url)
    stops = [b.sms("STOP", n) for n in numbers]
    sids = {n: x.sid for n, x in zip(numbers, stops)}
    wait_until(
        lambda: all(any(e["message_sid"] == sids[n] for e in view.events(n)) for n in numbers), "B's STOPs in the store", 30
    )
    listing = a.dir / "numbers.csv"
    listing.write_text("number\n" + "\n".join(numbers) + "\n")
    allowed: set[str] = set()

    def send(stage: str) -> None:
        done = a.flask(
            "send",
            "--csv",
            str(listing),
            "--json",
            "Sale today",
            TWILIO_ACCOUNT_SID=FAKE_ACCOUNT_SID,
            TWILIO_AUTH_TOKEN=FAKE_TWILIO_TOKEN,
            TWILIO_API_BASE_URL=twilio.url,
        )
        results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith('{"outcome"')]
        outcomes = {r["number"]: r["outcome"] for r in results}
        out.check(len(outcomes) == len(numbers), f"flask send ({stage}) gave {len(outcomes)} results: {done.stderr[-300:]}")
        allowed.update(n for n, o in outcomes.items() if o != "opted_out")
        counted = [f"{o}×{list(outcomes.values()).count(o)}" for o in sorted(set(outcomes.values()))]
        out.note(f"flask send {stage}: {' '.join(counted)}")

    send(f"with {a.journal.depth()} STARTs journalled")
    a.signal(signal.SIGCONT)
    out.note(f"A thawed: {drained(out, a)}")
    send("after A replayed")
    allowed.update(n for n in numbers if not view.opted_out(n))
    allowed.update(m["To"] for m in twilio.sent)
    out.reversed = len(allowed)


def durable_store_away_at_boot(work: Path, out: Outcome, stack: contextlib.ExitStack) -> None:
    """3: REQUIRE_DURABLE_STORE, Redis away at boot; then a Redis without AOF at boot."""
    port = free_port()
    store = Redis(work, port=port)
    stack.callback(store.stop)
    server = Gunicorn(work, "durable", store.url, REQUIRE_DURABLE_STORE="true", REDIS_TIMEOUT_SECONDS="0.5")
    stack.callback(server.stop)
    server.start()
    first = concurrently([partial(server.sms, "STOP", number(i)) for i in range(10)], 5)
    resets = [a for a in first if a.status == 0]
    out.check(not resets, f"{len(resets)} connection resets: {resets[0].error if resets else ''}")
    out.check(all(a.confirms() for a in first), f"STOPs while away at boot: {summary(first)}")
    out.check(server.alive() and server.log_text().count("Booting worker") == server.workers, "workers exited or booted again")
    server.stop()  # a restart while the store is still away: the journal replays from the boot on
    server.start()
    second = concurrently([partial(server.sms, "STOP", number(i)) for i in range(10, 15)], 5)
    out.check(all(a.confirms() for a in second), f"STOPs after a restart while away: {summary(second)}")
    answers = first + second
    out.note(
        f"store away: {summary(answers)}, {server.journal.depth()} journalled, "
        f"slowest {max(a.seconds for a in answers) * 1000:.0f} ms"
    )
    acknowledged = [number(i) for i, a in enumerate(answers) if a.confirms()]
    store.start()  # appendonly yes: durable
    view = StoreView(store.url)
    took = drained(out, server)
    out.note(f"Redis (AOF) back: {took} with no request")
    out.check(server.alive() and server.log_text().count("Booting worker") == server.workers, "workers exited or booted again")
    out.lost = len(view.missing(acknowledged))
    server.stop()
    volatile = Redis(work, aof=False).start()
    stack.callback(volatile.stop)
    refused = Gunicorn(work, "volatile", volatile.url, REQUIRE_DURABLE_STORE="true")
    try:
        done = subprocess.run(refused.command(), cwd=ROOT, env=refused.env, capture_output=True, text=True, timeout=60)
        output, code = done.stdout + done.stderr, done.returncode
    except subprocess.TimeoutExpired as expired:  # kept serving or crash-looping: the check below fails
        output, code = str(expired.stderr or ""), -1
    lines, boots = output.count(REFUSAL), output.count("Booting worker")
    out.note(f"AOF off: exit {code}, refusal said {lines}×, {boots} workers booted")
    out.check(code > 0 and lines == 1 and boots == 0, f"AOF off: exit {code}, {lines} refusal lines, {boots} boots")


def later_message_wins(work: Path, out: Outcome, stack: contextlib.ExitStack) -> None:
    """4: START then STOP a few ms apart, on two workers, 40 numbers (each opted out before)."""
    store = Redis(work).start()
    stack.callback(store.stop)
    server = Gunicorn(work, "pairs", store.url, GUNICORN_WORKER_CLASS="sync").start()  # two processes
    stack.callback(server.stop)
    numbers = [number(i) for i in range(40)]
    primed = concurrently([partial(server.sms, "STOP", n) for n in numbers], 4)
    out.check(all(a.confirms() for a in primed), f"priming STOPs: {summary(primed)}")
    answers: list[Answer] = []
    gaps = {n: 1 + i % 5 for i, n in enumerate(numbers)}  # milliseconds, START fully sent first
    for n in numbers:
        answers += server.in_order(("START", n), ("STOP", n), gaps[n] / 1000)
    out.check(all(a.status == 200 for a in answers), f"pairs: {summary(answers)}")
    view = StoreView(store.url)
    kept = 0
    stamped_later: list[int] = []
    for n in numbers:
        events = view.events(n)[1:]  # after the priming STOP
        kept += any(e["event"] == "superseded" and e["text"] == "START" for e in events)
        times = {e["text"]: e["time"] for e in events}
        if times.get("START", 0) > times.get("STOP", float("inf")):
            stamped_later.append(gaps[n])
    wrong = [n for n in numbers if not view.opted_out(n)]
    out.note(
        f"{len(numbers)} pairs 1-5 ms apart: {kept} STARTs committed after their STOP and superseded; "
        f"{len(stamped_later)} STARTs stamped by their worker after the STOP"
        + (f" (gaps {','.join(map(str, sorted(stamped_later)))} ms)" if stamped_later else "")
    )
    out.reversed = len(wrong)


def journal_only_visible(work: Path, out: Outcome, stack: contextlib.ExitStack) -> None:
    """5: the primary refuses writes (min-replicas-to-write 1), reads still answer."""
    store = Redis(work).start()
    stack.callback(store.stop)
    server = Gunicorn(work, "views", store.url).start()
    stack.callback(server.stop)
    twilio = stack.enter_context(FakeTwilioServer())
    known, fresh = [number(i) for i in range(5)], [number(i) for i in range(100, 105)]
    seen = [server.sms("HELP", n) for n in known]
    out.check(all(a.status == 200 for a in seen), f"HELP before: {summary(seen)}")
    store.client().config_set("min-replicas-to-write", 1)
    stops = [server.sms("STOP", n) for n in known + fresh]
    out.check(all(a.confirms() for a in stops), f"STOPs refused by the primary: {summary(stops)}")
    acknowledged = [n for n, a in zip(known + fresh, stops) if a.confirms()]
    view = StoreView(store.url)
    journal_only = [n for n in acknowledged if not view.opted_out(n)]
    out.note(
        f"{len(journal_only)} of {len(acknowledged)} acknowledged opt-outs only in the journal (depth {server.journal.depth()})"
    )
    hidden: set[str] = set()
    marked = 0
    codes: dict[int, int] = {}
    for n in journal_only:
        code, body = server.status(n)
        codes[code] = codes.get(code, 0) + 1
        if code != 200 or body.get("opted_out") is not True:
            hidden.add(n)
        marked += body.get("pending_write") is True
    out.note(
        f"API status ({' '.join(f'{c}×{k}' for c, k in sorted(codes.items()))}): "
        f"{len(journal_only) - len(hidden)} opted out, {marked} pending_write"
    )
    sample = [*known[:2], *fresh[:2]]

    def subscriber(n: str) -> tuple[str, subprocess.CompletedProcess[str]]:
        return n, server.flask("subscriber", n, "--scope", BUSINESS)

    with ThreadPoolExecutor(4) as pool:
        shown = list(pool.map(subscriber, [n for n in sample if n in journal_only]))
    cli_hidden = []
    for n, done in shown:
        try:
            record = json.loads(done.stdout)
        except ValueError:
            record = {}
        if done.returncode != 0 or record.get("opted_out") is not True:
            cli_hidden.append(f"{n[-4:]}: exit {done.returncode} {(done.stdout + done.stderr).strip()[:90]!r}")
            hidden.add(n)
    out.note(
        f"flask subscriber: {len(shown) - len(cli_hidden)} of {len(shown)} opted out"
        + (f" ({'; '.join(cli_hidden[:2])})" if cli_hidden else "")
    )
    out.hidden = len(hidden)
    listing = server.dir / "numbers.csv"
    listing.write_text("number\n" + "\n".join(journal_only) + "\n")
    done = server.flask(
        "send",
        "--csv",
        str(listing),
        "--json",
        "Sale today",
        TWILIO_ACCOUNT_SID=FAKE_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=FAKE_TWILIO_TOKEN,
        TWILIO_API_BASE_URL=twilio.url,
    )
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith('{"outcome"')]
    out.check(len(results) == len(journal_only), f"flask send gave {len(results)} results: {done.stderr[-200:]}")
    allowed = {r["number"] for r in results if r["outcome"] != "opted_out"} | {m["To"] for m in twilio.sent}
    out.note(f"flask send: {len(results) - len(allowed)} refused, {len(allowed)} allowed")
    store.client().config_set("min-replicas-to-write", 0)
    out.note(f"writes allowed again: {drained(out, server)}")
    out.reversed = len(allowed)
    out.lost = len(view.missing(acknowledged))


def live_start_during_replay(work: Path, out: Outcome, stack: contextlib.ExitStack) -> None:
    """6: 20 STOPs journalled among 300 others; START from each of the 20 while the replay runs."""
    store = Redis(work).start()
    stack.callback(store.stop)
    server = Gunicorn(work, "replay", store.url, REDIS_TIMEOUT_SECONDS="0.5").start()
    stack.callback(server.stop)
    out.check(server.sms("HELP", number(9000)).status == 200, "warm-up HELP not answered 200")
    store.kill()
    targets = [number(i) for i in range(20)]
    others = [number(1000 + i) for i in range(300)]
    order = [n for i, t in enumerate(targets) for n in (*others[15 * i : 15 * i + 15], t)]  # the 20 spread out
    journalled = concurrently([partial(server.sms, "STOP", n) for n in order], 2)
    out.check(all(a.confirms() for a in journalled), f"STOPs while away: {summary(journalled)}")
    acknowledged = [n for n, a in zip(order, journalled) if a.confirms()]
    position = {j.message.number: i for i, j in enumerate(server.journal.entries())}  # replay order
    total = len(position)
    store.start()
    view = StoreView(store.url)

    def progressed(at_least: int, queued: int) -> bool:
        return total + queued - server.journal.depth() >= at_least

    starts: list[Answer] = []
    before = 0  # STARTs sent while their STOP still waited (so queued behind it, adding a row)
    for k, n in enumerate(targets):  # each START timed to its own STOP's replay: just before, or just after
        replayed = position[n] + (-3 if k % 2 == 0 else 1)
        poll(partial(progressed, replayed, before), "the replay to reach a STOP", 30)
        before += bool(server.journal.for_number(n))
        starts.append(server.sms("START", n))
    left = server.journal.depth()
    out.check(all(a.confirms(RESUBSCRIBED) for a in starts), f"live STARTs: {summary(starts)}")
    took = drained(out, server)
    out.note(
        f"{total} journalled; during the replay {before} STARTs sent before their STOP was replayed, "
        f"{len(targets) - before} just after; {left} waiting after the last; then {took}"
    )
    out.reversed = sum(1 for n in targets if view.opted_out(n))  # the START came last
    out.lost = len(view.missing([n for n in acknowledged if n not in targets]))


def frozen_store_budget(work: Path, out: Outcome, stack: contextlib.ExitStack) -> None:
    """10: SIGSTOP on redis-server for ~12 s: a burst of 10 STOPs at 2 sync workers, then 4 more."""
    store = Redis(work, aof=False).start()
    stack.callback(store.stop)
    server = Gunicorn(work, "frozen", store.url, GUNICORN_WORKER_CLASS="sync").start()
    stack.callback(server.stop)
    warm = concurrently([partial(server.sms, "HELP", number(9000 + i)) for i in range(8)], 4)
    out.check(all(a.status == 200 for a in warm), f"warm-up: {summary(warm)}")
    numbers = [number(i) for i in range(14)]
    store.freeze()
    frozen_at = time.monotonic()

    def at(offset: float, n: str) -> Answer:  # the fault's schedule (not a readiness wait)
        time.sleep(max(0.0, offset - (time.monotonic() - frozen_at)))
        return server.sms("STOP", n)

    try:  # the burst of 10 at once, then one STOP every 3 s while the store stays frozen
        offsets = [0.0] * 10 + [3.0, 6.0, 9.0, 11.0]
        answers = concurrently([partial(at, o, n) for o, n in zip(offsets, numbers)], len(numbers))
        time.sleep(max(0.0, 12 - (time.monotonic() - frozen_at)))
    finally:
        store.thaw()
    slowest = max(a.seconds for a in answers)
    slow = [a for a in answers if a.seconds * 1000 > BUDGET_MS + MARGIN_MS]
    out.note(
        f"frozen {time.monotonic() - frozen_at:.1f} s: {summary(answers)}; burst answers (s) "
        + " ".join(f"{a.seconds:.2f}" for a in sorted(answers[:10], key=lambda a: a.seconds))
        + "; later "
        + " ".join(f"{a.seconds:.2f}" for a in answers[10:])
        + f"; slowest {slowest * 1000:.0f} ms (budget {BUDGET_MS} + {MARGIN_MS} ms)"
    )
    out.check(not slow, f"{len(slow)} answers slower than {BUDGET_MS + MARGIN_MS} ms")
    out.check(all(a.confirms() for a in answers), f"not every STOP confirmed: {summary(answers)}")
    acknowledged = [n for n, a in zip(numbers, answers) if a.confirms()]
    view = StoreView(store.url)
    out.note(f"thawed: {drained(out, server)}")
    out.lost = len(view.missing(acknowledged))


def replica_gone(work: Path, out: Outcome, stack: contextlib.ExitStack) -> None:
    """11: Sentinel, STORE_MIN_REPLICAS=1, the only replica killed."""
    topology = ThrowawaySentinel()
    url = topology.__enter__()
    stack.callback(topology.__exit__)
    server = Gunicorn(work, "sentinel", url, STORE_MIN_REPLICAS="1").start()
    stack.callback(server.stop)
    view = StoreView(url)
    warm = server.sms("STOP", number(9000))
    out.check(warm.confirms() and view.opted_out(number(9000)), f"STOP with the replica: {warm.status}")
    topology.servers.kill(topology.replica)
    numbers = [number(i) for i in range(10)]
    answers = [server.sms("STOP", n) for n in numbers]
    out.note(
        f"replica killed: {summary(answers)}, slowest {max(a.seconds for a in answers) * 1000:.0f} ms, "
        f"{server.journal.depth()} journalled"
    )
    out.check(not any(a.status >= 500 for a in answers), "5xx answers without the replica")
    out.check(all(a.confirms() for a in answers), f"not every STOP confirmed: {summary(answers)}")
    ready = [server.readyz() for _ in range(4)]
    degraded = [body.get("replication") for code, body in ready if code == 200]
    out.note(f"/readyz {' '.join(str(code) for code, _ in ready)}, replication {' '.join(map(str, degraded))}")
    out.check(len(degraded) == len(ready), "/readyz not 200")
    out.check(all(state not in (None, "closed") for state in degraded), "/readyz does not show replication degraded")
    acknowledged = [n for n, a in zip(numbers, answers) if a.confirms()]
    topology.servers.start(topology.replica, "--replicaof", "127.0.0.1", str(topology.current_primary()))
    out.note(f"replica back: {drained(out, server)}")
    out.lost = len(view.missing(acknowledged))


SCENARIOS: dict[int, tuple[str, Callable[[Path, Outcome, contextlib.ExitStack], None]]] = {
    1: ("torn journal write", torn_journal_write),
    2: ("journalled START vs newer STOP", start_beaten_by_newer_stop),
    3: ("durable store away at boot", durable_store_away_at_boot),
    4: ("START/STOP pairs on two workers", later_message_wins),
    5: ("journal-only opt-outs in views", journal_only_visible),
    6: ("live START during replay", live_start_during_replay),
    10: ("Redis frozen 12 s", frozen_store_budget),
    11: ("Sentinel replica gone", replica_gone),
}


@contextlib.contextmanager
def workspace(keep: bool) -> Iterator[tuple[Path, list[bool]]]:
    """A temporary folder for logs, journals and Redis files; kept when told or on failure."""
    folder = Path(tempfile.mkdtemp(prefix="optout-faults-"))
    failed = [False]
    try:
        yield folder, failed
    finally:
        if keep or failed[0]:
            print(f"logs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", help="comma-separated scenario numbers (1,2,3,4,5,6,10,11)")
    parser.add_argument("--keep", action="store_true", help="keep the logs folder")
    options = parser.parse_args()
    chosen = sorted(SCENARIOS) if not options.only else [int(ast.literal_eval(p)) for p in options.only.split(",")]
    unknown = [p for p in chosen if p not in SCENARIOS]
    if unknown:
        parser.error(f"no scenario {unknown}: choose from {', '.join(map(str, SCENARIOS))}")
    outcomes: list[Outcome] = []
    started = time.monotonic()
    with workspace(options.keep) as (work, failed):
        for point in chosen:
            name, scenario = SCENARIOS[point]
            out = Outcome(point, name)
            begun = time.monotonic()
            try:
                with contextlib.ExitStack() as stack:
                    scenario(work / f"s{point}", out, stack)
            except Exception as error:  # one broken scenario is reported, the others still run
                out.failures.append(f"error: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
                traceback.print_exc(file=sys.stderr)
            out.note(f"{time.monotonic() - begun:.0f} s")
            outcomes.append(out)
            print(out.line(), flush=True)
        lost, flipped, hidden = (sum(getattr(o, k) for o in outcomes) for k in ("lost", "reversed", "hidden"))
        checks = sum(len(o.failures) for o in outcomes)
        failed[0] = bool(lost or flipped or hidden or checks)
        print(f"failed checks: {checks}; {time.monotonic() - started:.0f} s in all")
    print(f"lost / reversed / hidden: {lost} / {flipped} / {hidden}")
    return 1 if failed[0] else 0


if __name__ == "__main__":
    sys.exit(main())
