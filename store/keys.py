"""Every Redis key is built here. A number's keys and the streams it writes share one hash
tag, its bucket: one message is one single-slot write, on a single server or a Cluster."""

from __future__ import annotations

import zlib

FORBIDDEN = frozenset("{}:|\n")  # would break the hash tag or the separator
BUCKETS = 64  # fixed: a number's bucket must never change (the store records it, see meta)
BUCKET_KINDS = (
    "number",
    "log",
    "register",
    "reviews",
    "pending",
    "stats",
    "campaigns",
    "feed",
    "people",  # a day's distinct numbers that opted out (or in), a HyperLogLog each (store/people.py)
    "opted-out",  # the bucket's running count of numbers (and pairs) opted out (store/standing.py)
    "counting",  # while that count is being made: the numbers that changed meanwhile
    "index",  # a number's older log ids, beyond the few its hash keeps (ops search by number)
)
NUMBER_KINDS = ("number", "index")  # one key per number
DAY_KINDS = ("stats", "people")  # one key per UTC day (people: '<day>-<event>')
GLOBAL_KINDS = ("audit", "ops-generation", "meta")
ID_KINDS = ("link", "login", "session", "ref", "rate")
# the layout before buckets, read only by `flask migrate-store`
OLD_KINDS = (
    "subscriber",
    "history",
    "evidence",
    "message",
    "scopes",
    "old-log",
    "old-register",
    "old-reviews",
    "old-corrections",
)


class BadKey(ValueError):
    """A key was asked for with parts it cannot have."""


def _clean(part: str) -> str:
    """Key parts must not break the hash tag or the separator."""
    if not part or not FORBIDDEN.isdisjoint(part):
        raise BadKey(f"bad key part {part!r}")
    return part


def bucket_of(number: str) -> int:
    """The number's bucket: stable across processes and versions (CRC-32, not hash())."""
    return zlib.crc32(_clean(number).encode()) % BUCKETS


def key_for(prefix: str, kind: str, number: str = "", bucket: int | None = None, sid: str = "", day: str = "") -> str:
    """The one place that names keys: '<prefix>:<kind>:{<bucket>}[:<number>|:<day>]'."""
    if kind in BUCKET_KINDS:
        b = bucket_of(number) if bucket is None else bucket
        if not 0 <= b < BUCKETS:
            raise BadKey(f"bucket {b} out of range")
        key = f"{prefix}:{kind}:{{{b}}}"
        if kind in NUMBER_KINDS:
            return f"{key}:{_clean(number)}"
        return f"{key}:{_clean(day)}" if kind in DAY_KINDS else key
    if kind in ID_KINDS:
        return f"{prefix}:{kind}:{_clean(sid)}"
    if kind in GLOBAL_KINDS:
        return f"{prefix}:{kind}"
    raise BadKey(f"unknown key kind {kind!r}")


def old_key(prefix: str, kind: str, scope: str = "", number: str = "", sid: str = "") -> str:
    """Keys of the layout before buckets (migration reads them, nothing writes them)."""
    if kind in ("subscriber", "history", "evidence"):
        return f"{prefix}:{kind}:{{{scope}|{number}}}"
    if kind == "message":
        return f"{prefix}:message:{{{scope}|{number}}}:{sid}"
    if kind == "scopes":
        return f"{prefix}:scopes:{{{number}}}"
    if kind in OLD_KINDS:
        return f"{prefix}:{kind.removeprefix('old-')}"
    raise BadKey(f"unknown old key kind {kind!r}")
