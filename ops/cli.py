"""Ops CLI: read the log, walk the review queue, export the register and the log."""

from __future__ import annotations

import copy
import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from domain.errors import BadInbound
from domain.privacy import mask
from domain.times import utc
from intents.types import INTENT_NAMES
from service import OptOutService, bound_command
from store.connection import OUTAGES

from . import exports
from .queries import BadFilter, LogFilter, matching
from .reviews import Reviews, corrections_yaml, merge_corrections

T = TypeVar("T")


def _reviews(service: OptOutService) -> Reviews:
    return Reviews.for_service(service, current_app.config)


def _when(timestamp: float) -> str:
    return utc(timestamp, "minute")


@click.command("log")
@click.option("--intent", type=click.Choice(INTENT_NAMES))
@click.option("--source")
@click.option("--min-confidence", default="0")
@click.option("--max-confidence", default="1")
@click.option("--since", help="e.g. 24h, 7d, or unix seconds")
@click.option("--scope")
@click.option("--campaign", help="Only the opt-outs (and reasons) attributed to this campaign.")
@click.option("--number", help="One number's decisions (a whole number is read from its own log; part of one matched as text).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, numbers unmasked, for machines")
@with_appcontext
def log_command(service: OptOutService, limit: int, as_json: bool, **filters: str | None) -> None:
    """Print recent decisions, newest first (numbers masked)."""
    try:
        wanted = LogFilter.from_args({k: v for k, v in filters.items() if v}, current_app.config["DEFAULT_REGION"])
    except BadFilter as error:
        raise click.BadParameter(str(error)) from None
    for count, (_, e) in enumerate(matching(service.intent_log, wanted, service.store.repositories.number_index)):
        if count >= limit:
            break
        if as_json:
            click.echo(json.dumps(e, ensure_ascii=False))
        else:
            click.echo(
                f"{_when(e['time'])}  {mask(e['number']):<14} {e['intent']:<8} "
                f"{e['confidence']:.2f} {e['source']:<8} {e['state_before']}→"
                f"{e['state_after']:<16} {e['text'][:60]}"
            )


@click.command("review")
@with_appcontext
def review_command(service: OptOutService) -> None:
    """Walk the review queue: [c]onfirm, correct to [o]pt_out/opt_[i]n/[h]elp/o[t]her, [s]kip, [q]uit."""
    reviews = _reviews(service)
    keys = {"o": "opt_out", "i": "opt_in", "h": "help", "t": "other"}
    queue = reviews.queue()
    click.echo(f"{len(queue)} decision(s) to review.")
    for stream_id, e in queue:
        click.echo(
            f"\n{_when(e['time'])} {mask(e['number'])}: {e['text']!r}\n"
            f"  decided {e['intent']} ({e['confidence']:.2f}, {e['source']}), "
            f"state {e['state_before']} → {e['state_after']}, now {reviews.standing(e)}"
        )
        for intent, effect in reviews.effects(e).items():
            click.echo(f"    {intent}: {effect}")
        choice = click.prompt(
            "  [c]onfirm [o/i/h/t] correct [s]kip [q]uit", type=click.Choice(["c", "o", "i", "h", "t", "s", "q"]), default="s"
        )
        if choice == "q":
            return
        if choice != "s":
            verdict = reviews.decide(stream_id, e["intent"] if choice == "c" else keys[choice])
            click.echo(
                f"  {verdict['verdict']}: {verdict['intent']} — {verdict['effect']} "
                f"(state {verdict['state_before']} → {verdict['state_after']})"
            )


@click.command("export")
@click.argument("what", type=click.Choice(["optouts", "log", "corrections"]))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), required=True, help="A file, or - for standard output."
)
@with_appcontext
def export_command(service: OptOutService, what: str, fmt: str, output: str) -> None:
    """Export the opt-out register (CSV), the log (CSV or JSONL) or corrections (YAML)."""
    lines, total = _export_lines(service, what, fmt)
    try:
        with (
            click.open_file(output, "w", encoding="utf-8") as handle,
            click.progressbar(length=total, label=f"exporting {what}", file=sys.stderr) as bar,
        ):
            for line in lines:
                handle.write(line)
                bar.update(line.count("\n"))  # a piece can hold many rows
            bar.update(max(0, total - bar.pos))  # the estimate counted rows the export skips
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None
    if output != "-":
        click.echo(f"wrote {output}", err=True)


def _export_lines(service: OptOutService, what: str, fmt: str) -> tuple[Any, int]:
    """The lines to write and how many rows they come from (for the progress bar)."""
    if what == "corrections":
        return [corrections_yaml(_reviews(service).corrections())], 1
    if what == "optouts":
        pending = service.pending_opt_outs()  # the journal's opt-outs follow the stored rows
        lines = exports.register_csv(service.intent_log, pending)
        total = service.intent_log.count("register") + len(pending)
    else:
        entries = matching(service.intent_log, LogFilter())
        lines = exports.log_csv(entries) if fmt == "csv" else exports.log_jsonl(entries)
        total = service.intent_log.count("log")
    return lines, total


@click.command("merge-corrections")
@with_appcontext
def merge_corrections_command(service: OptOutService) -> None:
    """Write reviewed corrections into intents/data/corrections.yml (then: python -m intents train)."""
    result = merge_corrections(_reviews(service).corrections())
    click.echo(json.dumps(result))


def init_app(app: Flask) -> None:
    """Register the ops commands, bound to the app's service."""
    for command in (log_command, review_command, export_command, merge_corrections_command):
        app.cli.add_command(bound_command(command))


class BadValue(click.ClickException):
    """A number or scope the command cannot work with: one line and exit status 2 (a usage
    error, as the README says), without click's usage text around it."""

    exit_code = 2


def outage_line(error: Exception) -> str:
    """The one line a command ends with when the store cannot be reached (why, on one line)."""
    why = " ".join(str(error).split())[:200] or type(error).__name__
    return f"the store cannot be reached ({why}); nothing more was done: run it again once it answers"


def one_line_errors(callback: Callable[..., T]) -> Callable[..., T]:
    """`callback` whose store outage (exit 1) or bad number (exit 2) ends the command with one
    line on stderr, never a traceback."""

    @functools.wraps(callback)
    def call(*args: Any, **kwargs: Any) -> T:
        try:
            return callback(*args, **kwargs)
        except OUTAGES as error:
            raise click.ClickException(outage_line(error)) from None
        except BadInbound as error:
            raise BadValue(error.message) from None

    return call


def guarded(command: click.Command) -> click.Command:
    """A copy of `command` that ends in one line on an outage or a bad number (the original
    stays as it is: every app made in one process wraps its own)."""
    if command.callback is None:
        return command
    copied = copy.copy(command)
    copied.callback = one_line_errors(command.callback)
    return copied


def guard_commands(group: click.Group) -> None:
    """Every command of `group` is guarded as it is looked up to run (the `flask` and
    `sms-optout` scripts and the test runner all find commands so): whichever adapter
    registered it, and whenever, without a copy of the handling in each command."""
    find = group.get_command

    def get_command(ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = find(ctx, cmd_name)
        return guarded(command) if command is not None else None

    group.get_command = get_command  # type: ignore[method-assign]
