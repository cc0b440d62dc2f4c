"""Flask CLI: try the dialogue in a terminal, print a subscriber's record, replay the journal."""

from __future__ import annotations

import json
import uuid

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from domain.numbers import normalise_number, normalise_scope, sending_scope
from domain.privacy import mask
from domain.records import NUMBER_FIELDS
from domain.times import iso_or_none
from service import Inbound, OptOutService, bound_command


def _address(raw: str) -> str:
    """A subscriber's number as the webhook would normalise it; anything else (a word, a short
    code) is BadInbound, one line from the commands' guard, so no record is made for it."""
    return normalise_number(raw, current_app.config["DEFAULT_REGION"])


@click.command("chat")
@with_appcontext
@click.argument("number")
@click.option(
    "--scope", default=None, help="Messaging Service SID or sending number (default: ours, as the webhook and the API use)."
)
def chat_command(service: OptOutService, number: str, scope: str | None) -> None:
    """Talk to the service as NUMBER would, through the same pipeline as the webhook."""
    address, scope = _address(number), _scope(scope) if scope else _our_scope()
    standing = "opted out" if service.opted_out(scope, address) else "subscribed"  # the store answers first
    click.echo(f"Chatting as {address} in scope {scope} ({standing}). Ctrl-D to quit.")
    while True:
        try:
            text = click.prompt("you", prompt_suffix="> ")
        except (EOFError, click.Abort):
            click.echo()
            return
        result = service.handle(Inbound(scope, address, text, f"CLI{uuid.uuid4().hex}", channel="chat"))
        entry = result.entry
        click.echo(
            f"  [{entry['intent']} {entry['confidence']:.2f} via {entry['source']}; "
            f"{entry['state_before']} -> {entry['state_after']}]"
        )
        click.echo(f"bot> {result.reply}" if result.reply else "bot> (no reply)")


@click.command("subscriber")
@with_appcontext
@click.argument("number")
@click.option(
    "--scope", default=None, help="Messaging Service SID or sending number (default: every scope the number is known in)."
)
@click.option("--history/--no-history", default=False, help="Include the message history.")
def subscriber_command(service: OptOutService, number: str, scope: str | None, history: bool) -> None:
    """Print a number's records as JSON: one scope's with --scope, else a list of every scope's.
    Exit status 3 when the number has never been seen (in that scope), in the store or the journal."""
    address = _address(number)
    wanted = _wanted(service, address, _scope(scope) if scope else None)
    if not wanted:
        where = f" in scope {_scope(scope)}" if scope else ""
        click.echo(f"{mask(address)} has never been seen{where}; nothing is recorded for it", err=True)
        raise SystemExit(3)
    records = [_described(service, s, address, history) for s in wanted]
    click.echo(json.dumps(records[0] if scope else records, indent=2, ensure_ascii=False))


def _our_scope() -> str:
    """The webhook's scope for a message to us (the Messaging Service, else the sending number)."""
    scope = sending_scope(current_app.config)
    if scope is None:
        raise click.UsageError("--scope is required (no TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM set)")
    return scope


def _scope(raw: str) -> str:
    """A scope as the webhook would normalise it, or BadInbound (one line from the guard)."""
    return normalise_scope(raw, current_app.config["DEFAULT_REGION"])


def _wanted(service: OptOutService, address: str, scope: str | None) -> list[str]:
    """The scopes to print: the one asked for if the store or the journal decides it there,
    else every scope the number is seen in; none when it was never seen."""
    seen = _seen_in(service, address)
    if scope is None:
        return seen
    return [scope] if scope in seen or service.consent(scope, address).pending_write else []


def _seen_in(service: OptOutService, address: str) -> list[str]:
    """The scopes the store knows the number in, then those only a journalled opt-out names."""
    known = service.store.scopes_of(address)
    waiting = [j.message.scope for j in service.pending_opt_outs() if j.message.number == address]
    return known + [s for s in dict.fromkeys(waiting) if s not in known]


def _described(service: OptOutService, scope: str, address: str, history: bool) -> dict[str, object]:
    """One scope's record for people: ISO times, opted_out as the guards see it (journal too,
    then marked pending_write with the journalled message as its evidence)."""
    stored = service.store.load(scope, address)
    consent = service.consent(scope, address, stored)  # the record read once
    record: dict[str, object] = {**stored.to_dict()}  # printed as JSON, never read back
    record.update(opted_out=consent.opted_out, pending_write=consent.pending_write, evidence=consent.evidence)
    for name in NUMBER_FIELDS:  # unix seconds as ISO 8601 UTC, None when unset
        record[name] = iso_or_none(getattr(stored, name))
    if history:
        record["history"] = service.store.history(scope, address)
    return record


@click.command("replay-journal")
@with_appcontext
def replay_journal_command(service: OptOutService) -> None:
    """Apply messages journalled while the store was unreachable (the service also does it itself)."""
    count = service.replay_journal()
    click.echo(f"replayed {count} journalled message(s)")


@click.command("stop-embedded-store")
@with_appcontext
def stop_embedded_store_command() -> None:
    """Stop the embedded Redis (no REDIS_URL): it outlives the service so workers can share it."""
    from store.connection import stop_embedded

    stopped = stop_embedded(current_app.instance_path)
    click.echo("embedded store stopped" if stopped else "no embedded store is running")


@click.command("migrate-store")
@with_appcontext
def migrate_store_command(service: OptOutService) -> None:
    """Move data from the layout before buckets to today's; safe to run again, or after a stop."""
    from service.grading import Grading
    from store import migrate

    migration = migrate.Migration.of(service.store, priority=Grading(current_app.config["HIGH_CONFIDENCE"]).priority)
    with click.progressbar(length=migration.steps(), label="migrating") as bar:
        migration.tick = lambda: bar.update(1)
        report = migration.run()
    click.echo(
        f"migrated {report.records} record(s), {report.register} register and {report.log} "
        f"log entries, {report.evidence} other evidence, {report.verdicts} verdict(s); "
        "the old keys are left in place"
    )


@click.command("count-opt-outs")
@with_appcontext
def count_opt_outs_command(service: OptOutService) -> None:
    """Count the numbers opted out from the records, once, where no count is kept yet (a store
    written before counting existed); safe to run again and while messages are being written."""
    standing = service.store.repositories.opted_out.backfill()
    click.echo(f"{standing.numbers} number(s) opted out ({standing.pairs} number-and-scope pair(s)); every bucket counted")


@click.command("trim-log")
@click.option("--limit", default=10_000, show_default=True, help="Lines dropped per bucket at most.")
@with_appcontext
def trim_log_command(service: OptOutService, limit: int) -> None:
    """Drop log lines older than LOG_RETENTION_DAYS (run it from cron; consent changes stay)."""
    dropped = service.intent_log.trim(limit=limit)
    click.echo(f"dropped {dropped} log line(s)")


def init_app(app: Flask) -> None:
    """Register the commands on the app, bound to its service."""
    commands = (chat_command, subscriber_command, replay_journal_command, migrate_store_command, trim_log_command)
    for command in (*commands, count_opt_outs_command):
        app.cli.add_command(bound_command(command))
    app.cli.add_command(stop_embedded_store_command)
