"""The settings' names and types: DEFAULTS (service/settings.py) is checked against them, so a
setting added to one and not the other, or a default of the wrong type, fails the type check."""

from __future__ import annotations

from typing import TypedDict


class Settings(TypedDict):
    """The app's settings as app_settings answers them (validated; the README lists each)."""

    REDIS_URL: str
    REDIS_PREFIX: str
    REDIS_TIMEOUT_SECONDS: float
    REQUIRE_DURABLE_STORE: bool
    STORE_MIN_REPLICAS: int
    STORE_WAIT_MS: int
    WEBHOOK_BUDGET_MS: int
    METRICS_TOKEN: str
    LOG_FORMAT: str
    TWILIO_AUTH_TOKEN: str
    TWILIO_VALIDATE: bool
    PUBLIC_URL: str
    TRUSTED_PROXIES: int
    DEFAULT_REGION: str
    BRAND_NAME: str
    HELP_CONTACT: str
    ASK_REASON: bool
    REASON_TIMEOUT_SECONDS: int
    REASON_ACK: bool
    REPLY_WHEN_CARRIER_ACTED: bool
    LOG_RETENTION_DAYS: int
    IDEMPOTENCY_TTL_SECONDS: int
    MAX_BODY_CHARS: int
    GREY_ZONE_POLICY: str
    HIGH_CONFIDENCE: float
    LOW_CONFIDENCE: float
    SECRET_KEY: str
    TWILIO_ACCOUNT_SID: str
    TWILIO_FROM: str
    TWILIO_MESSAGING_SERVICE_SID: str
    TWILIO_API_BASE_URL: str
    MAX_SEGMENTS: int
    OPT_OUT_INSTRUCTION_EN: str
    OPT_OUT_INSTRUCTION_ES: str
    OPT_OUT_INSTRUCTION_FR: str
    UNSUBSCRIBE_LINK_DAYS: int
    ATTRIBUTION_WINDOW_DAYS: int
    OPTOUT_WEBHOOK_URL: str
    OPTOUT_WEBHOOK_SECRET: str
    FEED_RETENTION_DAYS: float
    FEED_DELIVERER: str
    FEED_TIMEOUT_SECONDS: float
    FEED_RETRY_SECONDS: float
    REVOKE_ALL: bool
    CONSENT_TIE_MS: int
    API_TOKENS: str
    API_RATE_LIMIT: int
    OPS_PASSWORD: str
    RASA_NLU_URL: str
    RASA_NLU_TIMEOUT: float
    RASA_INTENT_MAP: str
    RASA_SCOPE: str
    PROGRAM_DESCRIPTION: str
    MESSAGE_FREQUENCY: str
    PRIVACY_URL: str
    HELP_INCLUDES_TERMS_URL: bool
    OPT_OUT_KEYWORDS: str
    OPT_IN_KEYWORDS: str
    HELP_KEYWORDS: str


class ServerSettings(TypedDict):
    """gunicorn's settings (gunicorn.conf.py), as server_settings answers them."""

    GUNICORN_BIND: str
    GUNICORN_WORKERS: int
    GUNICORN_WORKER_CLASS: str
    GUNICORN_THREADS: int
    GUNICORN_TIMEOUT: int
    GUNICORN_GRACEFUL_TIMEOUT: int
