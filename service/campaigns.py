"""A campaign's totals in the one shape the API and `flask campaigns --json` both give, so a
marketer's script reads the same fields from either."""

from __future__ import annotations

from typing import TypedDict

from domain.campaigns import CampaignTotals
from domain.times import iso_or_none

TOP_REASONS = 3  # what a table has room for; the JSON keeps every category


class CampaignJSON(TypedDict):
    """One campaign as the API answers it (web/openapi_campaigns.py describes the same fields)."""

    name: str
    sent: int
    delivered: int
    failed: int
    opted_out: int
    opt_out_rate: float  # 0-1
    reasons: dict[str, int]  # reason category -> how often
    first_sent: str | None  # ISO 8601 UTC
    last_sent: str | None


def campaign_json(totals: CampaignTotals) -> CampaignJSON:
    """One campaign as JSON: counts, the rate (0-1), reasons by category, ISO 8601 UTC times."""
    return {
        "name": totals.name,
        "sent": totals.sent,
        "delivered": totals.delivered,
        "failed": totals.failed,
        "opted_out": totals.opted_out,
        "opt_out_rate": totals.opt_out_rate,
        "reasons": dict(totals.reasons),
        "first_sent": iso_or_none(totals.first_sent),
        "last_sent": iso_or_none(totals.last_sent),
    }


def top_reasons(totals: CampaignTotals, count: int = TOP_REASONS) -> list[tuple[str, int]]:
    """The most given reason categories first (ties by name), at most `count`."""
    return sorted(totals.reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:count]


def percent(rate: float) -> str:
    """A 0-1 rate as people read it: '40.0%'."""
    return f"{rate * 100:.1f}%"
