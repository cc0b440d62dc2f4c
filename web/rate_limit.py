"""A per-token rate limit on /api/v1 (API_RATE_LIMIT requests a minute): 429 with Retry-After."""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, request

from service import current_service
from store.rate_limits import RateLimits

from .errors import ServiceError


class RateLimited(ServiceError):
    """This token made more requests this minute than API_RATE_LIMIT allows."""

    status = 429

    def __init__(self, limit: int, wait: int) -> None:
        super().__init__(f"rate limit: {limit} requests a minute per token; retry in {wait} s")
        self.headers = {"Retry-After": str(wait)}


def valid_token() -> str:
    """The request's bearer token when it is one of API_TOKENS (constant-time), else ''."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    tokens = [t.strip() for t in current_app.config["API_TOKENS"].split(",") if t.strip()]
    found = [hmac.compare_digest(token.encode(), t.encode()) for t in tokens]
    return token if scheme.lower() == "bearer" and any(found) else ""


def guard(bp: Blueprint) -> None:
    """Count every authenticated call of the blueprint against its token's minute (the sign-in
    check that follows answers the others with 401)."""

    def check() -> None:
        limit, token = int(current_app.config["API_RATE_LIMIT"]), valid_token()
        if not limit or not token:
            return
        wait = RateLimits.of(current_service().store).hit(token, limit)  # 0 when it cannot count: the call says why
        if wait:
            raise RateLimited(limit, wait)

    bp.before_request(check)
