"""`flask campaigns` and the dashboard's campaigns table: which message made people leave, and
why, per campaign (the counts CampaignStore sums from every bucket)."""

from __future__ import annotations

import json
from typing import TypedDict

import click
from flask.cli import with_appcontext

from domain.campaigns import CampaignTotals
from domain.times import utc
from service import OptOutService
from service.campaigns import CampaignJSON, campaign_json, percent, top_reasons

from . import charts
from .dashboard import in_words

HEADER = ("campaign", "sent", "opted out", "rate", "top reasons", "last send (UTC)")


class CampaignRow(CampaignJSON):
    """One row of the dashboard's table: the API's fields, and the rate, reasons and time in words."""

    rate: str
    top: list[tuple[str, int]]
    last: str


class ForDashboard(TypedDict):
    campaigns: list[CampaignRow]
    campaign_svgs: tuple[str, str] | None  # the chart, wide and narrow; None without campaigns


@click.command("campaigns")
@click.option("--json", "as_json", is_flag=True, help="The API's JSON (GET /api/v1/campaigns), for machines.")
@with_appcontext
def campaigns_command(service: OptOutService, as_json: bool) -> None:
    """Print each campaign's sends, opt-outs, rate and top reasons, the latest send first."""
    found = service.store.repositories.campaigns.totals()
    if as_json:
        click.echo(json.dumps([campaign_json(c) for c in found], indent=2, ensure_ascii=False))
    elif not found:
        click.echo("no campaign sends yet (flask send --campaign NAME …)")
    else:
        click.echo("\n".join(table([HEADER, *map(row, found)])))


def row(totals: CampaignTotals) -> tuple[str, ...]:
    """One campaign's cells as the table prints them."""
    reasons = ", ".join(f"{category} ({n})" for category, n in top_reasons(totals)) or "-"
    last = utc(totals.last_sent, "minute") if totals.last_sent else "-"
    return totals.name, str(totals.sent), str(totals.opted_out), percent(totals.opt_out_rate), reasons, last


def table(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as aligned columns: counts right-aligned, text left, two spaces between."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    right = {1, 2, 3}
    return [
        "  ".join(cell.rjust(w) if i in right else cell.ljust(w) for i, (cell, w) in enumerate(zip(r, widths))).rstrip()
        for r in rows
    ]


def for_dashboard(found: list[CampaignTotals]) -> ForDashboard:
    """The dashboard's campaigns table (top reasons in words) and its chart, wide and narrow."""
    rows: list[CampaignRow] = [
        {
            **campaign_json(c),
            "rate": percent(c.opt_out_rate),
            "top": [(in_words(k), n) for k, n in top_reasons(c)],
            "last": utc(c.last_sent, "minute") if c.last_sent else "—",
        }
        for c in found
    ]
    svgs = (rate_chart(found, charts.WIDE, "chart"), rate_chart(found, charts.NARROW, "phone-chart")) if found else None
    return {"campaigns": rows, "campaign_svgs": svgs}


def rate_chart(found: list[CampaignTotals], width: int, css: str) -> str:
    """A bar per campaign: its opt-out rate in percent, the bars drawn as the page's others."""
    rates = {f"{c.name} ({c.opted_out} of {c.sent})": round(c.opt_out_rate * 100, 1) for c in found}
    return charts.bars("Opt-out rate per campaign", rates, width=width, css=css, shown="{:.1f}%")
