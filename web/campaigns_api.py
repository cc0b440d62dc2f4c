"""/api/v1/campaigns: each campaign's sends, opt-outs and reasons, so that a marketer can ask
which message made people leave without reading the register."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, jsonify

from service import OptOutService
from service.campaigns import campaign_json
from web.errors import ServiceError


class NoSuchCampaign(ServiceError):
    """Nothing was ever sent or counted under that name."""

    status = 404


def campaigns_list(service: OptOutService) -> Response:
    """Every campaign, the latest send first."""
    return jsonify([campaign_json(c) for c in service.store.repositories.campaigns.totals()])


def campaign_one(service: OptOutService, name: str) -> Response:
    """One campaign by its exact name (the path URL-decoded: 'spring%20sale' is 'spring sale')."""
    found = service.store.repositories.campaigns.one(name)
    if found is None:
        raise NoSuchCampaign(f"no campaign named {name[:40]!r}")
    return jsonify(campaign_json(found))


ROUTES: list[tuple[str, Callable[..., Any], str]] = [
    ("/campaigns", campaigns_list, "GET"),
    ("/campaigns/<name>", campaign_one, "GET"),
]
