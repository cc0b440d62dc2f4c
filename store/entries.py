"""Log entries at the storage boundary: stream fields in one fixed order (Redis then stores
the field names once per node), global ids '<bucket>-<ms>-<seq>', and reading one back."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any

from domain.log_entry import LogEntry

from .connection import Client
from .keys import BUCKETS, key_for

FIELDS = (
    "time",
    "scope",
    "number",
    "channel",
    "text",
    "message_sid",
    "carrier_action",
    "intent",
    "confidence",
    "language",
    "source",
    "detail",
    "flagged",
    "all_scopes",
    "state_before",
    "state_after",
    "event",
    "reply",
    "reason_category",
    "seq",
    "campaign",  # the campaign an opt-out (and a reason after it) is attributed to; '' for none
)
REF = "ref"  # a log line that is a consent change points at its register entry
GLOBAL_ID = re.compile(r"^(\d{1,3})-(\d{1,20})-(\d{1,20})$")


class BadEntryId(ValueError):
    """An entry id that this store never gave out."""


def pack(entry: LogEntry) -> list[str]:
    """Flat field/value strings for XADD (None and False as '', True as '1')."""
    flat: list[str] = []
    for name in FIELDS:
        value = entry.get(name)
        flat += [name, "" if value is None or value is False else "1" if value is True else str(value)]
    return flat


def unpack(fields: Mapping[bytes, bytes], gid: str) -> LogEntry:
    """The entry every reader sees, with its global id (a field an older entry lacks is '')."""
    text = {k.decode(): v.decode() for k, v in fields.items()}
    get = text.get
    return {
        "id": gid,
        "time": float(get("time") or 0),
        "scope": get("scope", ""),
        "number": get("number", ""),
        "channel": get("channel", ""),
        "text": get("text", ""),
        "message_sid": get("message_sid", ""),
        "carrier_action": get("carrier_action", ""),
        "intent": get("intent", ""),
        "confidence": float(get("confidence") or 0),
        "language": get("language", ""),
        "source": get("source", ""),
        "detail": get("detail", ""),
        "flagged": get("flagged") == "1",
        "all_scopes": get("all_scopes") == "1",
        "state_before": get("state_before", ""),
        "state_after": get("state_after", ""),
        "event": get("event", ""),
        "reply": get("reply") or None,
        "reason_category": get("reason_category", ""),
        "seq": int(get("seq") or 0),
        "campaign": get("campaign", ""),
    }


Raw = Mapping[bytes, bytes] | list[bytes]  # a stream entry's fields: parsed, or as the server sent them
PACKED = [name.encode() for name in FIELDS]  # the field names of an entry `pack` wrote, in order


def picker(names: Sequence[str]) -> Callable[[Raw], tuple[bytes, ...]]:
    """A reader of only the named fields of a stream entry, as sent (an export of millions needs
    12 of 21, and decodes a whole line at once, not each cell). A flat reply in pack's order is
    read by position (no dict built), anything else by name; a field an older entry lacks is b''."""
    keys = tuple(name.encode() for name in names)
    by_name = _getter(keys)
    by_position = _getter(tuple(2 * FIELDS.index(name) + 1 for name in names)) if set(names) <= set(FIELDS) else None

    def pick(fields: Raw) -> tuple[bytes, ...]:
        if isinstance(fields, list):
            if by_position is not None and fields[::2] == PACKED:
                return by_position(fields)
            fields = dict(zip(fields[::2], fields[1::2]))
        try:
            return by_name(fields)
        except KeyError:
            return tuple(fields.get(key, b"") for key in keys)

    return pick


def many_picker(names: Sequence[str]) -> Callable[[Sequence[Raw]], list[tuple[bytes, ...]]]:
    """picker() of a whole reply at once: entries all in pack's order (as the store writes every
    one) are read by position in C, no Python step per entry; a reply holding any other is read
    an entry at a time."""
    pick = picker(names)
    by_position = _getter(tuple(2 * FIELDS.index(name) + 1 for name in names)) if set(names) <= set(FIELDS) else None

    def pick_all(raws: Sequence[Raw]) -> list[tuple[bytes, ...]]:
        try:
            if by_position is not None and _all_packed(raws):
                return list(map(by_position, raws))
        except (TypeError, KeyError):  # a parsed reply (a Cluster's): a dict per entry, no slice of it
            pass
        return list(map(pick, raws))

    return pick_all


def _all_packed(raws: Sequence[Raw]) -> bool:
    """Whether every entry holds pack's fields in pack's order: 21 names each (so 20 separators),
    whose NUL-joined text is pack's (one string compared, not 21 names: no name of pack's holds
    a NUL, so an equal text has the same 20 separators and the same names between them)."""
    return set(map(len, raws)) == {len(FIELDS) * 2} and all(
        map(operator.eq, repeat(PACKED_TEXT), map(JOIN_NAMES, map(_NAMES, raws)))
    )


_NAMES = operator.itemgetter(slice(None, None, 2))  # a flat reply's field names
JOIN_NAMES = b"\0".join
PACKED_TEXT = JOIN_NAMES(PACKED)


def _getter(items: tuple[Any, ...]) -> Callable[[Any], tuple[bytes, ...]]:
    """itemgetter that always answers a tuple (itemgetter of one item answers the item)."""
    if len(items) == 1:
        return lambda fields: (fields[items[0]],)
    return operator.itemgetter(*items)


def global_id(bucket: int, stream_id: bytes | str) -> str:
    """'<bucket>-<ms>-<seq>': unique across buckets, sortable by (ms, seq, bucket)."""
    sid = stream_id.decode() if isinstance(stream_id, bytes) else stream_id
    return f"{bucket}-{sid}"


def split_id(gid: str) -> tuple[int, str]:
    """(bucket, stream id) of a global id; BadEntryId for anything else."""
    match = GLOBAL_ID.fullmatch(gid or "")
    if not match or int(match.group(1)) >= BUCKETS:
        raise BadEntryId("not an entry id this store gave out")
    return int(match.group(1)), f"{match.group(2)}-{match.group(3)}"


def short_id(stream_id: str) -> str:
    """A stream id in base 36 ('<ms>-<seq>', ~11 characters), as the number's hash and the API
    cursor keep it (the Lua script writes the same spelling)."""
    return "-".join(_base36(int(part)) for part in stream_id.split("-"))


def long_id(short: str) -> str:
    """A stream id kept in base 36, as Redis writes it."""
    return "-".join(str(int(part, 36)) for part in short.split("-"))


def _base36(value: int) -> str:
    """Digits and lower-case letters (int(x, 36) reads them back)."""
    digits, text = "0123456789abcdefghijklmnopqrstuvwxyz", ""
    while True:
        value, digit = divmod(value, 36)
        text = digits[digit] + text
        if not value:
            return text


def order_key(gid: str) -> tuple[int, int, int]:
    """Time order across buckets: (ms, seq, bucket)."""
    bucket, sid = split_id(gid)
    ms, seq = sid.split("-")
    return int(ms), int(seq), bucket


def read_entry(client: Client, prefix: str, gid: str) -> LogEntry | None:
    """One log entry by its global id (a consent change read from the register), or None."""
    try:
        bucket, sid = split_id(gid)
    except BadEntryId:
        return None
    rows = client.xrange(key_for(prefix, "log", bucket=bucket), min=sid, max=sid)
    if not rows:
        return None
    return resolve(client, prefix, bucket, [(rows[0][0], rows[0][1])])[0][1]


def resolve(client: Client, prefix: str, bucket: int, rows: list[tuple[bytes, dict[bytes, bytes]]]) -> list[tuple[str, LogEntry]]:
    """Log rows as (global id, entry); lines that point at the register read it (one round trip)."""
    refs = [fields[REF.encode()].decode() for _, fields in rows if REF.encode() in fields]
    found: dict[str, dict[bytes, bytes]] = {}
    if refs:
        pipe = client.pipeline(transaction=False)
        register = key_for(prefix, "register", bucket=bucket)
        for ref in refs:
            pipe.xrange(register, min=ref, max=ref)
        found = {ref: hit[0][1] for ref, hit in zip(refs, pipe.execute()) if hit}
    out = []
    for sid, fields in rows:
        pointer = fields.get(REF.encode())
        body = found.get(pointer.decode()) if pointer else fields
        if body is not None:
            out.append((global_id(bucket, sid), unpack(body, global_id(bucket, sid))))
    return out
