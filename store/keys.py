"""Every Redis key is built here. One subscriber's keys share a hash tag (Cluster-safe)."""
from __future__ import annotations

SUBSCRIBER_KINDS = ("subscriber", "history", "evidence", "message")
NUMBER_KINDS = ("scopes",)
GLOBAL_KINDS = ("log", "register", "reviews", "corrections", "audit", "ops-generation")
ID_KINDS = ("link", "login", "session")


class BadKey(ValueError):
    """A key was asked for with parts it cannot have."""


def _clean(part: str) -> str:
    """Key parts must not break the hash tag or the separator."""
    if not part or any(ch in part for ch in "{}:\n"):
        raise BadKey(f"bad key part {part!r}")
    return part


def key_for(prefix: str, kind: str, scope: str = "", number: str = "", sid: str = "") -> str:
    """The one place that names keys: '<prefix>:<kind>:{<scope>|<number>}[:<sid>]'."""
    if kind in SUBSCRIBER_KINDS:
        key = f"{prefix}:{kind}:{{{_clean(scope)}|{_clean(number)}}}"
        return f"{key}:{_clean(sid)}" if kind == "message" else key
    if kind in NUMBER_KINDS:
        return f"{prefix}:{kind}:{{{_clean(number)}}}"
    if kind in ID_KINDS:
        return f"{prefix}:{kind}:{_clean(sid)}"
    if kind in GLOBAL_KINDS:
        return f"{prefix}:{kind}"
    raise BadKey(f"unknown key kind {kind!r}")
