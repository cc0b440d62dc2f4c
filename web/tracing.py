"""Optional OpenTelemetry traces: every Flask request, its Redis calls and its outgoing HTTP
(Twilio's API, the opt-out feed) as spans sent over OTLP/HTTP, switched on by the standard
OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) and the optional extra
(`make install-otel`); every other OTEL_* variable is read by the SDK itself.

Personal data stays out: the Redis instrumentation sends a command's name with every argument
replaced by '?' (no key holds a number, no message text leaves), no URL carries a number, and
the request span gets the request id and the MessageSid (web/logs.py checked both are tokens)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from flask import Flask, Response, g

log = logging.getLogger(__name__)

ENDPOINTS = ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")
SERVICE_NAME = "sms-optout"
MISSING = "OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed (make install-otel): no traces are sent"
_process_started = False  # the tracer provider and the Redis/requests patches are once a process


def wanted(environ: Mapping[str, str]) -> bool:
    """Tracing is asked for when an OTLP endpoint is configured."""
    return any(environ.get(name, "").strip() for name in ENDPOINTS)


def init_app(app: Flask, environ: Mapping[str, str] = os.environ) -> bool:
    """Instrument `app` when tracing is asked for and installed; a missing extra is one error
    line and the service runs on (telemetry never stands between a subscriber and an opt-out)."""
    if not wanted(environ):
        return False
    try:
        from opentelemetry.instrumentation.flask import FlaskInstrumentor
    except ImportError:
        log.error(MISSING)
        return False
    start_process(environ)
    FlaskInstrumentor().instrument_app(app)  # type: ignore[no-untyped-call]
    app.after_request(annotate)
    return True


def start_process(environ: Mapping[str, str]) -> None:
    """The tracer provider exporting in batches, and the Redis and requests instrumentation."""
    global _process_started
    if _process_started:
        return
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    name = environ.get("OTEL_SERVICE_NAME", "").strip() or SERVICE_NAME
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    RedisInstrumentor().instrument()
    RequestsInstrumentor().instrument()
    _process_started = True


def annotate(response: Response) -> Response:
    """The request id and MessageSid on the request's span, to find one message's trace."""
    from opentelemetry import trace

    span = trace.get_current_span()
    if "request_id" in g:
        span.set_attribute("http.request.id", g.request_id)
    if g.get("message_sid"):
        span.set_attribute("messaging.message.id", g.message_sid)
    return response
