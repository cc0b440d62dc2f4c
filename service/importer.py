"""Import opt-outs gathered elsewhere (API and CLI share this), recorded with their source."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypedDict

from domain.errors import BadInbound
from domain.events import Source
from domain.messages import Inbound
from domain.numbers import NUMBER_COLUMNS, normalise_number
from intents import Intent
from service.optout import OptOutService


class Invalid(TypedDict):
    number: str  # as given, cut to 32 characters
    error: str


class ImportSummary(TypedDict):
    """What an import did, as the API answers it."""

    imported: int
    already: int  # recorded by an earlier import of the same source, number and scope
    invalid: list[Invalid]


def number_of(row: Mapping[str, Any]) -> str:
    """The number in a row, whatever the exporter called its column."""
    return next((str(row[f]) for f in NUMBER_COLUMNS if row.get(f)), "")


def import_optouts(
    service: OptOutService, rows: Iterable[Mapping[str, Any]], source: str, scope_for: Callable[[str | None], str], region: str
) -> ImportSummary:
    """Opt out every row's number; idempotent (same source, number and scope = same record)."""
    summary: ImportSummary = {"imported": 0, "already": 0, "invalid": []}
    for row in rows:
        raw = number_of(row)
        try:
            number = normalise_number(raw, region)
            scope = scope_for(str(row["scope"]) if row.get("scope") else None)
        except BadInbound as error:
            summary["invalid"].append({"number": raw[:32], "error": error.message})
            continue
        sid = "IMP" + hashlib.sha256(f"{source}|{scope}|{number}".encode()).hexdigest()[:32]
        text = str(row.get("text") or f"imported from {source}")[:500]
        message = Inbound(scope, number, text, sid, channel="import", carrier_action="STOP")
        result = service.handle(message, Intent("opt_out", 1.0, "en", Source.IMPORT, source))
        summary["already" if result.replayed else "imported"] += 1
    return summary
