"""Configuration: defaults, typed parsing of environment variables, validation."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, cast

import phonenumbers

from domain.errors import ConfigError

from .settings_types import ServerSettings, Settings

DEFAULTS: Settings = {
    "REDIS_URL": "",
    "REDIS_PREFIX": "optout",
    "REDIS_TIMEOUT_SECONDS": 2.0,
    "REQUIRE_DURABLE_STORE": False,
    "STORE_MIN_REPLICAS": 0,
    "STORE_WAIT_MS": 500,
    "WEBHOOK_BUDGET_MS": 5000,
    "METRICS_TOKEN": "",
    "LOG_FORMAT": "text",
    "TWILIO_AUTH_TOKEN": "",
    "TWILIO_VALIDATE": True,
    "PUBLIC_URL": "",
    "TRUSTED_PROXIES": 0,
    "DEFAULT_REGION": "US",
    "BRAND_NAME": "Example Co",
    "HELP_CONTACT": "help@example.com",
    "ASK_REASON": True,
    "REASON_TIMEOUT_SECONDS": 86400,
    "REASON_ACK": False,
    "REPLY_WHEN_CARRIER_ACTED": False,
    "LOG_RETENTION_DAYS": 90,
    "IDEMPOTENCY_TTL_SECONDS": 7 * 86400,
    "MAX_BODY_CHARS": 1600,
    "GREY_ZONE_POLICY": "opt_out",
    "HIGH_CONFIDENCE": 0.85,
    "LOW_CONFIDENCE": 0.5,
    "SECRET_KEY": "",
    "TWILIO_ACCOUNT_SID": "",
    "TWILIO_FROM": "",
    "TWILIO_MESSAGING_SERVICE_SID": "",
    "TWILIO_API_BASE_URL": "",
    "MAX_SEGMENTS": 2,
    "OPT_OUT_INSTRUCTION_EN": "",
    "OPT_OUT_INSTRUCTION_ES": "",
    "OPT_OUT_INSTRUCTION_FR": "",
    "UNSUBSCRIBE_LINK_DAYS": 30,
    "ATTRIBUTION_WINDOW_DAYS": 7,
    "OPTOUT_WEBHOOK_URL": "",
    "OPTOUT_WEBHOOK_SECRET": "",
    "FEED_RETENTION_DAYS": 7.0,
    "FEED_DELIVERER": "thread",  # a deliverer thread in each serving worker; "off": `flask deliver` alone
    "FEED_TIMEOUT_SECONDS": 5.0,  # one POST to the receiver, connect and read
    "FEED_RETRY_SECONDS": 5.0,  # the first retry's wait, doubled at each failure (at most an hour)
    "REVOKE_ALL": False,  # one opt-out blocks every scope (service/revoke_all.py; warned about after the waiver)
    "CONSENT_TIE_MS": 1000,  # a START and a STOP stamped closer than this are simultaneous: the opt-out wins
    "API_TOKENS": "",
    "API_RATE_LIMIT": 600,
    "OPS_PASSWORD": "",
    "RASA_NLU_URL": "",
    "RASA_NLU_TIMEOUT": 0.3,
    "RASA_INTENT_MAP": "",
    "RASA_SCOPE": "rasa",
    "PROGRAM_DESCRIPTION": "",
    "MESSAGE_FREQUENCY": "up to 4 messages a month",
    "PRIVACY_URL": "",
    "HELP_INCLUDES_TERMS_URL": False,
    "OPT_OUT_KEYWORDS": "",
    "OPT_IN_KEYWORDS": "",
    "HELP_KEYWORDS": "",
}

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def parse_value(name: str, raw: str, default: object) -> object:
    """Turn an environment string into the type of the setting's default."""
    if isinstance(default, bool):
        lowered = raw.strip().lower()
        if lowered in TRUE_WORDS | FALSE_WORDS:
            return lowered in TRUE_WORDS
        raise ConfigError(f"{name} must be true or false, not {raw!r}")
    if isinstance(default, (int, float)):
        try:
            return type(default)(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a number, not {raw!r}") from None
    return raw


def from_environment(environ: Mapping[str, str] = os.environ) -> dict[str, object]:
    """Read every known setting that the environment defines."""
    return {name: parse_value(name, environ[name], default) for name, default in DEFAULTS.items() if name in environ}


# numeric settings and the closed range each must fall in
RANGES: dict[str, tuple[float, float]] = {
    "TRUSTED_PROXIES": (0, 10),
    "REASON_TIMEOUT_SECONDS": (60, 30 * 86400),
    "LOG_RETENTION_DAYS": (0, 3650),
    "IDEMPOTENCY_TTL_SECONDS": (60, 90 * 86400),
    "MAX_BODY_CHARS": (1, 1600),
    "HIGH_CONFIDENCE": (0, 1),
    "LOW_CONFIDENCE": (0, 1),
    "MAX_SEGMENTS": (1, 10),
    "UNSUBSCRIBE_LINK_DAYS": (1, 365),
    "RASA_NLU_TIMEOUT": (0.01, 5),
    "REDIS_TIMEOUT_SECONDS": (0.05, 5),
    "STORE_MIN_REPLICAS": (0, 10),
    "STORE_WAIT_MS": (1, 5000),
    "WEBHOOK_BUDGET_MS": (100, 14000),
    "API_RATE_LIMIT": (0, 1_000_000),
    "FEED_RETENTION_DAYS": (0.001, 365),
    "FEED_TIMEOUT_SECONDS": (0.1, 30),
    "FEED_RETRY_SECONDS": (0.05, 3600),
    "CONSENT_TIE_MS": (0, 15000),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "GREY_ZONE_POLICY": ("opt_out", "confirm"),
    "LOG_FORMAT": ("text", "json"),
    "FEED_DELIVERER": ("thread", "off"),
}
URL_SCHEMES: dict[str, tuple[str, ...]] = {
    "PUBLIC_URL": ("http://", "https://"),
    "RASA_NLU_URL": ("http://", "https://"),
    "TWILIO_API_BASE_URL": ("http://", "https://"),
    "REDIS_URL": ("redis://", "rediss://", "unix://", "redis+cluster://", "rediss+cluster://", "redis+sentinel://"),
    "PRIVACY_URL": ("http://", "https://"),
    "OPTOUT_WEBHOOK_URL": ("http://", "https://"),
}
NOT_EMPTY = ("REDIS_PREFIX", "BRAND_NAME", "HELP_CONTACT", "RASA_SCOPE", "MESSAGE_FREQUENCY")


def validate(config: Mapping[str, Any]) -> None:
    """Fail at start-up, not at the first message, on any setting that cannot work."""
    for name, (low, high) in RANGES.items():
        value = config[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise ConfigError(f"{name} must be a number from {_plain(low)} to {_plain(high)}, not {value!r}")
    for name, allowed in CHOICES.items():
        if config[name] not in allowed:
            raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not {config[name]!r}")
    for name, schemes in URL_SCHEMES.items():
        if config[name] and not str(config[name]).startswith(schemes):
            raise ConfigError(f"{name} must start with {' or '.join(schemes)}")
    for name in NOT_EMPTY:
        if not str(config[name]).strip():
            raise ConfigError(f"{name} must not be empty")
    if config["LOW_CONFIDENCE"] > config["HIGH_CONFIDENCE"]:
        raise ConfigError("LOW_CONFIDENCE must not be above HIGH_CONFIDENCE")
    if any(ch in config["REDIS_PREFIX"] for ch in "{}:\n "):
        raise ConfigError("REDIS_PREFIX must not contain braces, colons or spaces")
    if config["HELP_INCLUDES_TERMS_URL"] and not config["PUBLIC_URL"]:
        raise ConfigError("HELP_INCLUDES_TERMS_URL needs PUBLIC_URL (the link must be public)")
    if config["OPTOUT_WEBHOOK_URL"] and not config["OPTOUT_WEBHOOK_SECRET"]:
        raise ConfigError("OPTOUT_WEBHOOK_URL needs OPTOUT_WEBHOOK_SECRET (every event is signed with it)")
    # a write may start just before the budget ends: one read, one script, one WAIT after it
    worst = config["WEBHOOK_BUDGET_MS"] + 2 * config["REDIS_TIMEOUT_SECONDS"] * 1000 + config["STORE_WAIT_MS"]
    if worst > 14000:
        raise ConfigError(
            "WEBHOOK_BUDGET_MS + 2 × REDIS_TIMEOUT_SECONDS + STORE_WAIT_MS must stay "
            "under Twilio's 15 s (one read and one write may start at the budget's end)"
        )
    if str(config["DEFAULT_REGION"]).upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(f"DEFAULT_REGION must be a two-letter region such as US, not {config['DEFAULT_REGION']!r}")


def _plain(number: float) -> str:
    """7776000, not 7.776e+06; 0.01 stays 0.01."""
    return str(int(number)) if float(number).is_integer() else str(number)


def app_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """The app's settings as create_app sees them from the environment alone, validated
    (gunicorn's master checks them once, before any worker starts)."""
    config = {**DEFAULTS, **from_environment(environ)}
    validate(config)
    return cast(Settings, config)  # every value has its default's type (parse_value)


def store_socket_timeout(config: Mapping[str, Any]) -> float:
    """The socket timeout the store's clients use: REDIS_TIMEOUT_SECONDS, never more than half
    of WEBHOOK_BUDGET_MS for all the attempts of one command together (two in a Cluster, which
    retries a timeout once; one elsewhere): a stuck store opens the breaker within the budget."""
    from store.connection import socket_timeout

    return socket_timeout(config)


# gunicorn's own settings (gunicorn.conf.py): not the app's, so not in DEFAULTS
SERVER_DEFAULTS: ServerSettings = {
    "GUNICORN_BIND": "127.0.0.1:8000",  # the Dockerfile binds 0.0.0.0:8000
    "GUNICORN_WORKERS": 2,
    # gthread: the worker's main loop keeps telling the master it is alive while a thread streams
    # a long download (a sync worker is killed GUNICORN_TIMEOUT into any answer); measured faster too
    "GUNICORN_WORKER_CLASS": "gthread",
    "GUNICORN_THREADS": 4,  # per worker, for gthread
    "GUNICORN_TIMEOUT": 30,  # a worker silent this long is killed
    "GUNICORN_GRACEFUL_TIMEOUT": 20,  # on SIGTERM, in-flight answers get this long
}
TWILIO_WAIT_SECONDS = 15  # Twilio gives up on a webhook after 15 s
SERVER_RANGES: dict[str, tuple[float, float]] = {
    "GUNICORN_WORKERS": (1, 64),
    "GUNICORN_THREADS": (1, 64),
    # killed only once Twilio has given up on it: never a worker still answering within its wait
    "GUNICORN_TIMEOUT": (TWILIO_WAIT_SECONDS + 5, 300),
    # a SIGTERM lets an answer Twilio still waits for finish
    "GUNICORN_GRACEFUL_TIMEOUT": (TWILIO_WAIT_SECONDS + 1, 300),
}
WORKER_CLASSES = ("sync", "gthread")  # the two the project measures (README, benchmarks)


def server_settings(environ: Mapping[str, str] = os.environ) -> ServerSettings:
    """GUNICORN_* from the environment, typed and validated (ConfigError: one line, exit 1)."""
    config = {
        name: parse_value(name, environ[name], default) if name in environ else default
        for name, default in SERVER_DEFAULTS.items()
    }
    for name, (low, high) in SERVER_RANGES.items():
        if not isinstance(value := config[name], int) or not low <= value <= high:
            raise ConfigError(f"{name} must be a number from {_plain(low)} to {_plain(high)}, not {config[name]!r}")
    if config["GUNICORN_WORKER_CLASS"] not in WORKER_CLASSES:
        raise ConfigError(
            f"GUNICORN_WORKER_CLASS must be one of {', '.join(WORKER_CLASSES)}, not {config['GUNICORN_WORKER_CLASS']!r}"
        )
    if not str(config["GUNICORN_BIND"]).strip():
        raise ConfigError("GUNICORN_BIND must not be empty (host:port or unix:path)")
    return cast(ServerSettings, config)  # every value has its default's type (parse_value)
