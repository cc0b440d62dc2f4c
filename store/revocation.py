"""REVOKE_ALL's read side: the newest opt-out of a number in any scope, out of the hash the
guard already reads (every scope's record is in it, so a scope first used later is covered)."""

from __future__ import annotations

OPTED_OUT_AT = b"|opted_out_at"  # a record's field, under its scope's alias ('0|opted_out_at')


def newest_opt_out(raw: dict[bytes, bytes]) -> float | None:
    """When the number last opted out in any scope of this hash (None: never); a field whose
    alias no scope declares is no record's and does not count."""
    declared = {key[1:] for key in raw if key.startswith(b"@")}
    times = [
        float(value)
        for key, value in raw.items()
        if value and key.endswith(OPTED_OUT_AT) and key[: -len(OPTED_OUT_AT)] in declared
    ]
    return max(times, default=None)
