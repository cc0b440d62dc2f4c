"""Configuration: defaults, typed parsing of environment variables, validation."""
from __future__ import annotations

import os
from typing import Any, Mapping

DEFAULTS: dict[str, Any] = {
    "REDIS_URL": "",
    "REDIS_PREFIX": "optout",
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
    "API_TOKENS": "",
    "OPS_PASSWORD": "",
    "RASA_NLU_URL": "",
    "RASA_NLU_TIMEOUT": 0.3,
    "RASA_INTENT_MAP": "",
    "RASA_SCOPE": "rasa",
    "OPT_OUT_KEYWORDS": "",
    "OPT_IN_KEYWORDS": "",
    "HELP_KEYWORDS": "",
}

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


class ConfigError(ValueError):
    """A setting has a value the service cannot work with."""


def parse_value(name: str, raw: str, default: Any) -> Any:
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


def from_environment(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Read every known setting that the environment defines."""
    return {
        name: parse_value(name, environ[name], default)
        for name, default in DEFAULTS.items()
        if name in environ
    }


def validate(config: Mapping[str, Any]) -> None:
    """Fail at start-up, not at the first message, on settings that cannot work."""
    if config["GREY_ZONE_POLICY"] not in ("opt_out", "confirm"):
        raise ConfigError("GREY_ZONE_POLICY must be opt_out or confirm")
    if not 0 <= config["LOW_CONFIDENCE"] <= config["HIGH_CONFIDENCE"] <= 1:
        raise ConfigError("need 0 <= LOW_CONFIDENCE <= HIGH_CONFIDENCE <= 1")
    if config["REASON_TIMEOUT_SECONDS"] <= 0:
        raise ConfigError("REASON_TIMEOUT_SECONDS must be positive")
    if not 1 <= config["MAX_SEGMENTS"] <= 10:
        raise ConfigError("MAX_SEGMENTS must be between 1 and 10")
    if not 0 < config["RASA_NLU_TIMEOUT"] <= 5:
        raise ConfigError("RASA_NLU_TIMEOUT must be between 0 and 5 seconds")
    public_url = config["PUBLIC_URL"]
    if public_url and not public_url.startswith(("http://", "https://")):
        raise ConfigError("PUBLIC_URL must start with http:// or https://")
