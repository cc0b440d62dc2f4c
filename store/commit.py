"""The one write per message: a Lua script over one hash slot (the number's bucket) that
checks the record is the one the decision was made on, then writes the record, the message
marker, the log line, the register entry and the day's counters together: all of it, or none."""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from typing import Any, NamedTuple

from domain.events import REGISTER_EVENTS, Event
from domain.log_entry import LogEntry
from domain.records import LAST_SEND_FIELD, Subscriber
from domain.times import utc

from .entries import REF, pack
from .standing import LUA_COUNT_CHANGE

STATS_TTL_SECONDS = 400 * 86400
PEOPLE_EVENTS = (Event.OPTED_OUT, Event.OPTED_IN)  # the consent changes counted as people a day
HISTORY_CAP = 64  # characters of recent log ids per subscriber (about five; consent changes
# are all kept, apart): the hash stays in Redis' compact encoding
INDEX_CAP = 250  # log ids per number beyond those (its 'index' list, for ops search by number)
__all__ = ["REGISTER_EVENTS", "SCRIPT", "Grade", "ScriptArgs", "ScriptReply", "arguments", "counters", "day_of", "marker"]

# Lua helpers shared with the migration: stream ids kept in the number's hash in base 36
# ('<ms>-<seq>', 11 characters), and a list of them capped in length: values up to 64 bytes
# keep the hash in Redis' compact listpack encoding (~4x smaller than a hash table)
LUA_IDS = """
local function b36(n)
  local digits, s = '0123456789abcdefghijklmnopqrstuvwxyz', ''
  repeat local r = n % 36; s = string.sub(digits, r + 1, r + 1) .. s; n = math.floor(n / 36) until n == 0
  return s
end
local function short(id)
  local ms, seq = string.match(id, '(%d+)-(%d+)')
  return b36(tonumber(ms)) .. '-' .. b36(tonumber(seq))
end
local function pushed(kept, id, cap)
  kept = kept and (kept .. ' ' .. short(id)) or short(id)
  while cap > 0 and #kept > cap and string.find(kept, ' ', 1, true) do
    kept = string.sub(kept, string.find(kept, ' ', 1, true) + 1)
  end
  return kept
end
-- the same, also answering the ids it dropped off the front (oldest first)
local function pushed_dropping(kept, id, cap)
  local all = pushed(kept, id, 0)
  local out = pushed(kept, id, cap)
  local dropped = {}
  if #out < #all then
    for one in string.gmatch(string.sub(all, 1, #all - #out - 1), '%S+') do table.insert(dropped, one) end
  end
  return out, dropped
end
local function push(hash, field, id, cap)
  redis.call('HSET', hash, field, pushed(redis.call('HGET', hash, field), id, cap))
end
"""

# A retry's answer: the id of the entry its first delivery wrote and that entry's fields (a log
# line that points at the register is followed there); the id alone once the log dropped it
FIRST_DELIVERY = """
local function first_delivery(short, log, register)
  local ms, seq = string.match(short, '([0-9a-z]+)-([0-9a-z]+)')
  local id = string.format('%d-%d', tonumber(ms, 36), tonumber(seq, 36))
  local rows = redis.call('XRANGE', log, id, id)
  if #rows == 0 then return id end
  local fields = rows[1][2]
  if fields[1] == 'ref' then
    local kept = redis.call('XRANGE', register, fields[2], fields[2])
    if #kept == 0 then return id end
    fields = kept[1][2]
  end
  return id, fields
end
"""

# The one script per message, which also reads: it writes only when the record is still the one
# the decision was made on (its seq and its scope's alias), else it answers with the number's
# hash ('conflict', the caller decides again); a retry is answered with the hash and the first
# delivery's entry ('replayed'). A number's first message is one round trip; any other, two (a
# refused guess, or a read first: store.subscribers.SenderMix).
# KEYS: number hash, log, register, stats, pending reviews, campaigns, feed, opted-out count,
#       its counting set, the number's index of older log ids, the day's people who made this
#       consent change (all tagged with the number's bucket)
# ARGV: scope's alias, marker field, expected seq, record pairs (JSON), entry pairs (JSON),
#       evidence, markers to drop (JSON), history cap (characters), counters (JSON),
#       counters' ttl, REF, scope, review priority ('' when the decision needs no review),
#       campaign counters (JSON), the feed's retention in ms ('' when this change is not fed),
#       the last campaign send the decision saw ('' for none), the index's cap, the number
#       when this is a consent change ('' otherwise: no 'people' count)
SCRIPT = (
    LUA_IDS
    + FIRST_DELIVERY
    + LUA_COUNT_CHANGE
    + """
local number, log, register, stats = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local scope, marker, expected = ARGV[1], ARGV[2], ARGV[3]
local read = redis.call('HMGET', number, marker, '@' .. scope, scope .. '|seq', scope .. '|h', scope .. '|e', scope .. '|last',
  scope .. '|state')
local done, declared = read[1], read[2]
if done then return {'replayed', redis.call('HGETALL', number), first_delivery(done, log, register)} end
-- a campaign message sent since the decision was read changes what an opt-out is attributed to
if (read[3] or '0') ~= expected or (declared and declared ~= ARGV[12]) or (read[6] or '') ~= ARGV[16] then
  return {'conflict', redis.call('HGETALL', number)}
end
-- every field removed in one HDEL and written in one HSET: each redis.call costs the script
-- more than the command itself does
local set, gone = {}, cjson.decode(ARGV[7])
if not declared then set = {'@' .. scope, ARGV[12]} end
local entry = cjson.decode(ARGV[5])
-- ids from the server's clock in microseconds (<ms>-<µs within it>), so that entries of
-- different buckets merge in commit order; '*' when the stream already holds a later id
local now = redis.call('TIME')
local wanted = string.format('%d-%d', now[1] * 1000 + math.floor(now[2] / 1000), now[2] % 1000)
local function append(stream, ...)
  local ok, id = pcall(redis.call, 'XADD', stream, wanted, ...)
  if ok then return id end
  return redis.call('XADD', stream, '*', ...)
end
local log_id, register_id
if ARGV[6] == '1' then
  register_id = append(register, unpack(entry))
  log_id = append(log, ARGV[11], register_id)
  table.insert(set, scope .. '|e'); table.insert(set, pushed(read[5], register_id, 0))
else
  log_id = append(log, unpack(entry))
end
local record, state = cjson.decode(ARGV[4]), ''
for i = 1, #record, 2 do
  if record[i] == 'state' then state = record[i + 1] end
  if record[i + 1] == '' then table.insert(gone, scope .. '|' .. record[i])
  else table.insert(set, scope .. '|' .. record[i]); table.insert(set, record[i + 1]) end
end
-- exactly when the (number, scope) moves between subscribed and opted out: the bucket's count
-- (a state under an alias no scope declares is no record's: a new record was subscribed)
if (declared and OPTED[read[7] or ''] or false) ~= (OPTED[state] or false) then
  count_change(number, KEYS[8], KEYS[9], scope, OPTED[state] and 1 or -1)
end
local recent, dropped = pushed_dropping(read[4], log_id, tonumber(ARGV[8]))
table.insert(set, scope .. '|h'); table.insert(set, recent)
if #dropped > 0 then  -- older log ids move to the number's own capped index (newest first)
  redis.call('LPUSH', KEYS[10], unpack(dropped))
  redis.call('LTRIM', KEYS[10], 0, tonumber(ARGV[17]) - 1)
end
table.insert(set, marker); table.insert(set, short(log_id))
if #gone > 0 then redis.call('HDEL', number, unpack(gone)) end  -- first: the hash never grows
redis.call('HSET', number, unpack(set))                           -- past its compact encoding
for _, field in ipairs(cjson.decode(ARGV[9])) do redis.call('HINCRBY', stats, field, 1) end
if redis.call('TTL', stats) < 0 then redis.call('EXPIRE', stats, ARGV[10]) end  -- NX needs Redis 7
if ARGV[13] ~= '' then redis.call('ZADD', KEYS[5], ARGV[13], log_id) end
for _, field in ipairs(cjson.decode(ARGV[14])) do redis.call('HINCRBY', KEYS[6], field, 1) end
if ARGV[18] ~= '' then  -- the day's distinct numbers that opted out (or in): 'people', not events
  redis.call('PFADD', KEYS[11], ARGV[18])
  if redis.call('TTL', KEYS[11]) < 0 then redis.call('EXPIRE', KEYS[11], ARGV[10]) end
end
if ARGV[15] ~= '' then  -- the opt-out feed: the consent change's register id, trimmed by age
  local oldest = now[1] * 1000 - tonumber(ARGV[15])
  redis.call('XADD', KEYS[7], 'MINID', '~', string.format('%d', oldest), '*', 'ref', register_id)
end
return {'ok', log_id}
"""
)


def marker(scope: str, sid: str) -> str:
    """The hash field that says this message was already processed in this scope: a digest, so
    that a 34-character Messaging Service SID and MessageSid still fit the compact encoding."""
    digest = hashlib.blake2b(f"{scope}|{sid}".encode(), digest_size=12).digest()
    return "m|" + base64.urlsafe_b64encode(digest).decode()


def alias_of(raw: dict[bytes, bytes], scope: str) -> str:
    """The scope's short name in this number's hash ('@0' -> '+14155550199', fields '0|state',
    …): a long scope is written once, not before every field of the record."""
    aliases = {v.decode(): k.decode()[1:] for k, v in raw.items() if k.startswith(b"@")}
    if scope in aliases:
        return aliases[scope]
    used, n = set(aliases.values()), 0
    while str(n) in used:
        n += 1
    return str(n)


def scopes_in(raw: dict[bytes, bytes]) -> list[str]:
    """Every scope that has a record in this number's hash."""
    return sorted(v.decode() for k, v in raw.items() if k.startswith(b"@"))


def record_fields(raw: dict[bytes, bytes], scope: str) -> dict[bytes, bytes]:
    """One scope's record fields, without their alias."""
    head = f"{alias_of(raw, scope)}|".encode()
    declared = raw.get(b"@" + head[:-1])
    if declared is None or declared.decode() != scope:
        return {}
    return {k[len(head) :]: v for k, v in raw.items() if k.startswith(head)}


def day_of(timestamp: float) -> str:
    """The UTC day a message counts in."""
    return _day(int(timestamp // 86400))


@lru_cache(maxsize=4)  # today's, and a retried message's yesterday: formatted once a day
def _day(days: int) -> str:
    return utc(days * 86400, "day")


class Grade(NamedTuple):
    """What the service decided a decision counts as (the store writes it, never decides it): its
    column of the dashboard's confidence histogram ('' for none) and its review priority (the
    pending queue's score, '' when it needs no review)."""

    column: str = ""
    priority: str = ""


def counters(entry: LogEntry, column: str) -> list[str]:
    """The day's counters one decision adds to (the dashboard reads these, not the log);
    `column`: its confidence column (the service's grading), '' for none."""
    fields = ["messages", f"event:{entry['event']}", f"intent:{entry['intent']}"]
    if column:
        fields.append(f"confidence:{column}:{entry['intent']}")
    if entry["event"] == "opted_out":
        fields.append(f"opted_out:{entry['source']}")
    if entry["event"] == "reason_recorded":
        fields.append(f"reason:{entry['reason_category'] or 'other'}")
    return fields


def campaign_counters(entry: LogEntry) -> list[str]:
    """The campaign's totals one decision adds to: an opt-out, or the reason given after it."""
    name = entry.get("campaign") or ""
    if not name or entry["event"] not in (Event.OPTED_OUT, Event.REASON_RECORDED):
        return []
    return [f"{name}|opted_out" if entry["event"] == Event.OPTED_OUT else f"{name}|reason:{entry['reason_category'] or 'other'}"]


DEFAULTS = Subscriber("scope", "number").to_dict()  # a new record's values, stored as nothing


def compact(record: Subscriber) -> list[str]:
    """Field/value pairs of a record; values at their default are '' (the script deletes them)."""
    fields = {k: "" if v == DEFAULTS[k] else v for k, v in record.to_dict().items() if k not in ("scope", "number")}
    return [x for k, v in fields.items() for x in (k, v)]


class ScriptArgs(NamedTuple):
    """The script's ARGV, named and in its order (ARGV[1] is `alias`): built in one place,
    so a position can neither drift nor be filled twice."""

    alias: str
    marker: str
    expected_seq: str
    record: str  # JSON pairs
    entry: str  # JSON pairs
    evidence: str  # '1' or '0'
    drop_markers: str  # JSON list
    history_cap: int
    counters: str  # JSON
    counters_ttl: int
    ref: str
    scope: str
    review_priority: str  # '' when the decision needs no review
    campaign_counters: str  # JSON
    feed_retention_ms: str  # '' when this change is not fed
    last_send_seen: str  # '' for none
    index_cap: int
    person: str  # the number, when this decision opts it out or in ('' otherwise)


class ScriptReply(NamedTuple):
    """The script's answer by name: 'ok' and the log entry's id; 'conflict' (decide again) or
    'replayed' (a retry) with the number's hash; a retry also the first delivery's id and fields."""

    outcome: bytes
    record: dict[bytes, bytes]  # empty on 'ok'
    log_id: Any = None
    first_id: Any = None
    first_fields: tuple[Any, ...] = ()

    @classmethod
    def of(cls, answer: list[Any]) -> ScriptReply:
        """Read the script's list reply (its order is the script's `return {...}`)."""
        if answer[0] == b"ok":
            return cls(answer[0], {}, log_id=answer[1])
        record = dict(zip(answer[1][::2], answer[1][1::2]))
        return cls(answer[0], record, first_id=answer[2] if len(answer) > 2 else None, first_fields=tuple(answer[3:]))


def arguments(
    raw: dict[bytes, bytes],
    record: Subscriber,
    entry: LogEntry,
    evidence: bool,
    sid: str,
    drop: list[str],
    history_cap: int,
    grade: Grade,
    feed_ms: int = 0,
) -> ScriptArgs:
    """The script's ARGV for one decision (`record` already carries the next seq; `grade`: the
    service's grading of `entry`; `feed_ms`: the opt-out feed's retention, 0 when it is off)."""
    fed = feed_ms > 0 and evidence and entry["event"] in REGISTER_EVENTS
    return ScriptArgs(
        alias=alias_of(raw, record.scope),
        marker=marker(record.scope, sid),
        expected_seq=str(record.seq - 1),
        record=json.dumps(compact(record)),
        entry=json.dumps(pack(entry)),
        evidence="1" if evidence else "0",
        drop_markers=json.dumps(drop),
        history_cap=history_cap,
        counters=json.dumps(counters(entry, grade.column)),
        counters_ttl=STATS_TTL_SECONDS,
        ref=REF,
        scope=record.scope,
        review_priority=grade.priority,
        campaign_counters=json.dumps(campaign_counters(entry)),
        feed_retention_ms=str(feed_ms) if fed else "",
        last_send_seen=record_fields(raw, record.scope).get(LAST_SEND_FIELD.encode(), b"").decode(),
        index_cap=INDEX_CAP,
        person=record.number if evidence and entry["event"] in PEOPLE_EVENTS else "",
    )
