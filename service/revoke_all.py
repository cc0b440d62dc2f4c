"""REVOKE_ALL: one opt-out blocks the number in every scope of this deployment, including scopes
first used after it (47 CFR 64.1200(a)(10), the FCC 24-24 "revoke-all" part, waived until
REVOKE_ALL_WAIVED_UNTIL). No record is copied: the guard reads the number's newest opt-out in
any scope from the hash it already reads, and a START lifts the block only in its own scope."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from domain.consent import overrides
from domain.records import Subscriber

from .consent import Consent
from .journal import Journalled

# The FCC waived the revoke-all part of 47 CFR 64.1200(a)(10) (FCC 24-24, FR 2024-04587) until
# this day, and may change it again before then: see docs/sending.md#revoke-all (check the source)
REVOKE_ALL_WAIVED_UNTIL = date(2027, 1, 31)


def across_scopes(own: Consent, record: Subscriber, journalled: list[Journalled], tie: float = 0.0) -> Consent:
    """The scope's own consent, unless an opt-out in any scope came at or after the scope's own
    last change: a START resubscribes only where it was sent (within `tie`: the opt-out wins)."""
    revoked, pending = newest_revocation(record, journalled)
    if own.opted_out or revoked is None or (own.changed_at is not None and overrides(own.changed_at, False, revoked, tie)):
        return own
    return Consent(True, revoked, pending)


def newest_revocation(record: Subscriber, journalled: list[Journalled]) -> tuple[float | None, Journalled | None]:
    """When the number last opted out in any scope, stored or still in the journal (then that message)."""
    pending = newest_journalled_opt_out(journalled)
    stored = record.opted_out_anywhere_at
    if pending is not None and (stored is None or pending.message.now >= stored):
        return pending.message.now, pending
    return stored, None


def newest_journalled_opt_out(journalled: list[Journalled]) -> Journalled | None:
    """The latest opt-out, in any scope, among the number's messages waiting in the journal."""
    opt_outs = [j for j in journalled if j.consent is True]
    return max(opt_outs, key=lambda j: j.message.now, default=None)


def revoke_all_warning(config: Mapping[str, Any], today: date) -> str | None:
    """The start-up warning once the waiver is over and REVOKE_ALL is still off (None: nothing to say)."""
    if config["REVOKE_ALL"] or today <= REVOKE_ALL_WAIVED_UNTIL:
        return None
    return (
        f"REVOKE_ALL is off, but the FCC's waiver of the revoke-all rule (47 CFR 64.1200(a)(10)) ended on "
        f"{REVOKE_ALL_WAIVED_UNTIL.isoformat()}: an opt-out in one scope must now stop every message from "
        "this business; check the rule as it stands and set REVOKE_ALL=true"
    )
