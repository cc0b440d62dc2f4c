"""Optional OpenTelemetry traces (web/tracing.py), sent by a real gunicorn to a real OTLP/HTTP
receiver: one trace per message with its Redis calls inside, and no number or text in it."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span

from tests.conftest import AUTH_TOKEN, BUSINESS, make_app, sign, twilio_form
from tests.processes import ServerProcess
from tests.redis_server import free_port
from web import tracing

ROOT = Path(__file__).resolve().parent.parent
SENDER = "+14155550123"
TEXT = "please stop texting me about shoes"


class Receiver(ThreadingHTTPServer):
    """An OTLP/HTTP collector: keeps every span posted to /v1/traces."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Collect)
        self.spans: list[Span] = []
        self.paths: list[str] = []
        self.lock = threading.Lock()

    def wait_for(self, found: Any, seconds: float = 60) -> list[Span]:
        """The spans once `found(spans)` holds, failing after a deadline."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                spans = list(self.spans)
            if found(spans):
                return spans
            time.sleep(0.05)
        raise AssertionError(f"no such spans within {seconds} s: {[s.name for s in spans]}")


class Collect(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        export = ExportTraceServiceRequest.FromString(body)
        with self.server.lock:
            self.server.paths.append(self.path)
            for resource in export.resource_spans:
                for scoped in resource.scope_spans:
                    self.server.spans.extend(scoped.spans)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def traced_gunicorn(tmp_path: Path, receiver: Receiver, redis_url: str, prefix: str) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "REDIS_PREFIX": prefix,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "TWILIO_FROM": BUSINESS,
        "FLASK_INSTANCE_PATH": str(tmp_path / "instance"),
        "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{receiver.server_address[1]}",
        "OTEL_BSP_SCHEDULE_DELAY": "50",  # export within 50 ms, not the default 5 s
    }
    command = [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{port}", "app:create_app()"]
    server = ServerProcess(command, tmp_path / "gunicorn.log", cwd=ROOT, env=env)
    try:
        server.wait_ready(lambda: requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok, "gunicorn", 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def attributes(span: Span) -> dict[str, str]:
    """A span's attributes as text."""
    return {kv.key: str(getattr(kv.value, kv.value.WhichOneof("value") or "string_value")) for kv in span.attributes}


def is_sms_trace(spans: list[Span]) -> bool:
    """A server span for POST /sms with a Redis call in the same trace."""
    servers = [s for s in spans if s.kind == Span.SPAN_KIND_SERVER and "/sms" in s.name]
    return any(s.trace_id == server.trace_id and s.kind == Span.SPAN_KIND_CLIENT for server in servers for s in spans)


def test_a_message_is_one_trace_with_its_redis_calls_and_no_personal_data(traced_gunicorn: str, receiver: Receiver) -> None:
    url = traced_gunicorn + "/sms"
    form = twilio_form(TEXT, sender=SENDER)
    answer = requests.post(url, data=form, headers={"X-Twilio-Signature": sign(form, url=url)}, timeout=30)
    assert answer.status_code == 200 and "unsubscribed" in answer.text
    spans = receiver.wait_for(is_sms_trace)
    server = next(s for s in spans if s.kind == Span.SPAN_KIND_SERVER and "/sms" in s.name)
    inside = [s for s in spans if s.trace_id == server.trace_id and s is not server]
    assert {s.parent_span_id for s in inside} <= {s.span_id for s in spans}
    assert any(name.startswith(("EVALSHA", "EVAL")) for name in (s.name for s in inside)), [s.name for s in inside]
    assert attributes(server)["messaging.message.id"] == form["MessageSid"]
    assert attributes(server)["http.request.id"] == answer.headers["X-Request-Id"]
    assert set(receiver.paths) == {"/v1/traces"}
    written = " ".join(f"{s.name} {attributes(s)}" for s in spans)
    for secret in (SENDER, SENDER.lstrip("+"), SENDER[-7:], TEXT, "shoes", AUTH_TOKEN):
        assert secret not in written


def test_without_an_endpoint_nothing_is_instrumented(redis_url: str, prefix: str) -> None:
    app = make_app(redis_url, prefix)
    assert tracing.wanted({}) is False
    assert tracing.init_app(app, {}) is False
    assert not hasattr(app.wsgi_app, "__wrapped__") and "_otel" not in repr(app.wsgi_app)


@pytest.mark.parametrize(
    ("environ", "asked"),
    [
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, True),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "  "}, False),
        ({"OTEL_SERVICE_NAME": "x"}, False),
    ],
)
def test_tracing_is_asked_for_by_an_otlp_endpoint(environ: dict[str, str], asked: bool) -> None:
    assert tracing.wanted(environ) is asked


def test_a_missing_extra_is_one_error_line_and_the_app_serves_on(
    redis_url: str, prefix: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "opentelemetry.instrumentation.flask", None)  # as if not installed
    app = make_app(redis_url, prefix)
    with caplog.at_level(logging.ERROR, logger="web.tracing"):
        assert tracing.init_app(app, {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}) is False
    assert [r.getMessage() for r in caplog.records] == [tracing.MISSING]
    assert app.test_client().get("/healthz").status_code == 200
