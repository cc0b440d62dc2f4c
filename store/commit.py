"""The one write per message: a Lua script over one hash slot (the number's bucket) that
checks nothing changed since the read, then writes the record, the message marker, the log
line, the register entry and the day's counters together: all of it, or none of it."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from handlers.states import Subscriber

from .entries import REF, pack

STATS_TTL_SECONDS = 400 * 86400
REGISTER_EVENTS = frozenset({"opted_out", "opted_in", "reason_recorded"})

# KEYS: number hash, log, register, stats (all tagged with the number's bucket)
# ARGV: scope, marker field, expected seq, record pairs (JSON), entry pairs (JSON), evidence,
#       marker summary (JSON, id filled in here), markers to drop (JSON), history kept,
#       counters (JSON), counters' ttl
SCRIPT = """
local number, log, register, stats = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local scope, marker, expected = ARGV[1], ARGV[2], ARGV[3]
if redis.call('HEXISTS', number, marker) == 1 then return {'replayed'} end
if (redis.call('HGET', number, scope .. '|seq') or '0') ~= expected then return {'conflict'} end
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
  log_id = append(log, ARGV[12], register_id)
  local kept = redis.call('HGET', number, scope .. '|e')
  redis.call('HSET', number, scope .. '|e', kept and (kept .. ' ' .. register_id) or register_id)
else
  log_id = append(log, unpack(entry))
end
local record = cjson.decode(ARGV[4])
for i = 1, #record, 2 do
  if record[i + 1] == '' then redis.call('HDEL', number, scope .. '|' .. record[i])
  else redis.call('HSET', number, scope .. '|' .. record[i], record[i + 1]) end
end
local history = (redis.call('HGET', number, scope .. '|h') or '')
history = (history == '' and log_id) or (history .. ' ' .. log_id)
local _, count = string.gsub(history, ' ', ' ')
while count >= tonumber(ARGV[9]) do
  history = string.sub(history, string.find(history, ' ', 1, true) + 1)
  count = count - 1
end
redis.call('HSET', number, scope .. '|h', history)
local summary = cjson.decode(ARGV[7])
summary['id'] = ARGV[13] .. '-' .. log_id
redis.call('HSET', number, marker, cjson.encode(summary))
for _, field in ipairs(cjson.decode(ARGV[8])) do redis.call('HDEL', number, field) end
for _, field in ipairs(cjson.decode(ARGV[10])) do redis.call('HINCRBY', stats, field, 1) end
if redis.call('TTL', stats) < 0 then redis.call('EXPIRE', stats, ARGV[11]) end  -- NX needs Redis 7
return {'ok', log_id}
"""


def marker(scope: str, sid: str) -> str:
    """The hash field that says this message was already processed in this scope."""
    return f"m|{scope}|{sid}"


def day_of(timestamp: float) -> str:
    """The UTC day a message counts in."""
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d")


def confidence_bucket(confidence: float) -> str:
    """The dashboard's histogram columns."""
    if confidence < 0.5:
        return "<0.5"
    return "1.0" if confidence >= 1.0 else f"{int(confidence * 10) / 10:.1f}"


def counters(entry: dict[str, Any]) -> list[str]:
    """The day's counters one decision adds to (the dashboard reads these, not the log)."""
    fields = ["messages", f"event:{entry['event']}", f"intent:{entry['intent']}",
              f"confidence:{confidence_bucket(entry['confidence'])}:{entry['intent']}"]
    if entry["event"] == "opted_out":
        fields.append(f"opted_out:{entry['source']}")
    if entry["event"] == "reason_recorded":
        fields.append(f"reason:{entry['reason_category'] or 'other'}")
    return fields


def arguments(record: Subscriber, entry: dict[str, Any], evidence: bool, sid: str,
              drop: list[str], history_kept: int) -> list[Any]:
    """The script's ARGV for one decision (`record` already carries the next seq)."""
    from .keys import bucket_of

    fields = {k: v for k, v in record.to_dict().items() if k not in ("scope", "number")}
    pairs = [x for k, v in fields.items() for x in (k, v)]
    summary = {"event": entry["event"], "reply": entry["reply"], "state": entry["state_after"],
               "t": entry["time"]}
    return [record.scope, marker(record.scope, sid), str(record.seq - 1), json.dumps(pairs),
            json.dumps(pack(entry)), "1" if evidence else "0", json.dumps(summary),
            json.dumps(drop), history_kept, json.dumps(counters(entry)), STATS_TTL_SECONDS,
            REF, bucket_of(record.number)]
