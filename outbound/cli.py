"""CLI: guarded sending, unsubscribe links, importing opt-outs gathered elsewhere."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from domain.numbers import NUMBER_COLUMNS, normalise_number, normalise_scope, sending_scope
from service import OptOutService, bound_command
from service.importer import import_optouts
from service.links import LinkProblem, Links

from .sender import GuardedSender, SendResult, send_many, twilio_client


def read_csv_text(path: Path) -> str:
    """A CSV file's text, or one clear line: UTF-8 only, no binary, no giant fields."""
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise click.ClickException(f"{path.name} is not a text CSV (it has NUL bytes; UTF-16 or binary?)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{path.name} is not UTF-8 (byte {error.start}); save it as UTF-8 CSV") from None


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV with a header, or one clear line when a field is absurdly long."""
    try:
        return list(csv.DictReader(io.StringIO(read_csv_text(path), newline="")))
    except csv.Error as error:
        raise click.ClickException(f"{path.name}: not a CSV this tool can read ({error})") from None


def _numbers_from_csv(path: Path) -> list[str]:
    """The number column of a CSV (number/phone/PhoneNumber/To), or the first column."""
    try:
        rows = list(csv.reader(io.StringIO(read_csv_text(path), newline="")))
    except csv.Error as error:
        raise click.ClickException(f"{path.name}: not a CSV this tool can read ({error})") from None
    if not rows:
        return []
    header = [h.strip() for h in rows[0]]
    known = [i for i, h in enumerate(header) if h in NUMBER_COLUMNS]
    if known:
        return [row[known[0]] for row in rows[1:] if len(row) > known[0]]
    return [row[0] for row in rows if row]


@click.command("send")
@click.argument("words", nargs=-1, required=True, metavar="[NUMBER] TEXT")
@click.option(
    "--csv",
    "csv_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Send to every number in this CSV instead of NUMBER.",
)
@click.option("--with-link", is_flag=True, help="Add each recipient's own unsubscribe link.")
@click.option("--campaign", default="", help="Count these sends, and opt-outs soon after, for this campaign.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a result, then the summary.")
@with_appcontext
def send_command(
    service: OptOutService, words: tuple[str, ...], csv_file: Path | None, with_link: bool, campaign: str, as_json: bool
) -> None:
    """Send TEXT to NUMBER (or to a CSV of numbers), never to an opted-out number."""
    if len(words) != (1 if csv_file else 2):
        raise click.UsageError("usage: send NUMBER TEXT, or send --csv FILE TEXT")
    number, text = (None, words[0]) if csv_file else words
    try:
        sender = GuardedSender(
            twilio_client(current_app.config), service, current_app.config, _link_maker(service) if with_link else None, campaign
        )
    except ValueError as error:  # BadInbound too: a bad campaign name
        raise click.ClickException(str(error)) from None
    if number:
        result = sender.send(number, text)
        click.echo(
            json.dumps(asdict(result)) if as_json else f"{result.outcome}: {result.number} {result.sid or result.detail}".rstrip()
        )
        if result.outcome != "sent":
            raise SystemExit(1)
        return
    if csv_file is None:
        raise click.UsageError("usage: send NUMBER TEXT, or send --csv FILE TEXT")
    numbers = _numbers_from_csv(csv_file)
    with click.progressbar(length=len(numbers), label="sending", file=sys.stderr) as bar:
        summary = send_many(sender, numbers, text, lambda result: _progress(bar, result, as_json))
    click.echo(
        json.dumps({"summary": summary}) if as_json else ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in summary.items())
    )


def _progress(bar: Any, result: SendResult, as_json: bool) -> None:
    """One step of a bulk send: the bar moves; with --json, the result is printed too."""
    bar.update(1)
    if as_json:
        click.echo(json.dumps(asdict(result)))


def _link_maker(service: OptOutService) -> Callable[[str, str], str]:
    """(number, scope) -> PUBLIC_URL/u/<token>; a clear error when links are not configured."""
    config = current_app.config
    if not config["PUBLIC_URL"]:
        raise click.ClickException("set PUBLIC_URL: links must point at the public site")
    try:
        links = Links(service.store.repositories.links, config["SECRET_KEY"], config["UNSUBSCRIBE_LINK_DAYS"])
    except LinkProblem:
        raise click.ClickException("set SECRET_KEY in the environment to sign links") from None
    base = config["PUBLIC_URL"].rstrip("/")
    return lambda number, scope: f"{base}/u/{links.create(number, scope)}"


@click.command("unsubscribe-link")
@click.argument("number")
@click.option("--scope", default=None, help="Messaging Service SID or sending number.")
@with_appcontext
def unsubscribe_link_command(service: OptOutService, number: str, scope: str | None) -> None:
    """Print a short signed, expiring unsubscribe link for NUMBER."""
    config = current_app.config
    make_link = _link_maker(service)
    address = normalise_number(number, config["DEFAULT_REGION"])  # BadInbound: one line (exit 2)
    scope_value = normalise_scope(scope or _default_scope(), config["DEFAULT_REGION"])
    click.echo(make_link(address, scope_value))


def _default_scope() -> str:
    """Our sending scope, or the chat command's 'default' when none is configured."""
    return sending_scope(current_app.config) or "default"


@click.command("import-optouts")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", required=True, help="Where the list came from, kept as evidence.")
@click.option("--scope", default=None, help="Scope for rows without a scope column.")
@with_appcontext
def import_optouts_command(service: OptOutService, file: Path, source: str, scope: str | None) -> None:
    """Import a CSV of opt-outs (e.g. a carrier's export) through the API's own code."""
    region = current_app.config["DEFAULT_REGION"]

    def scope_for(raw: str | None) -> str:
        return normalise_scope(raw or scope or _default_scope(), region)

    rows = read_csv_rows(file)
    summary = import_optouts(service, rows, source, scope_for, region)
    click.echo(json.dumps(summary, indent=2))


def init_app(app: Flask) -> None:
    """Register the sending commands, bound to the app's service (the app's command guard turns
    a store outage or a bad number into one line: ops.cli.guard_commands)."""
    for command in (send_command, unsubscribe_link_command, import_optouts_command):
        app.cli.add_command(bound_command(command))
