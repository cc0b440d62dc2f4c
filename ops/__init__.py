"""The ops console (/ops) and its CLI: review decisions, prove every opt-out was honoured."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask

from domain.times import utc
from service import bound_command

from . import auth, campaigns, cli, dashboard, views


def _datetime(timestamp: int) -> str:
    return utc(timestamp)


def _urlencode_without(args: object, name: str) -> str:
    return urlencode([(k, v) for k, v in args.items(multi=True) if k != name])  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    """Register the console (behind its sign-in), its filters and its CLI commands; every
    command of the app ends in one line, not a traceback, when the store is away."""
    views.init_app(app, auth.OpsAuth(app))
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.filters["urlencode_without"] = _urlencode_without
    app.jinja_env.filters["reason_words"] = dashboard.in_words
    cli.init_app(app)
    app.cli.add_command(bound_command(campaigns.campaigns_command))
    cli.guard_commands(app.cli)  # every command of the app, the other adapters' too
