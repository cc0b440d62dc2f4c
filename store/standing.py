"""How many numbers are opted out right now: a running count per bucket ('<prefix>:opted-out:{b}',
fields `numbers` and `pairs`), moved by the commit script exactly when a (number, scope) changes
between subscribed and opted out, in the number's own slot; the reader sums the 64 buckets.

`numbers`: numbers opted out in at least one scope (what a compliance officer calls "people who
told us to stop"); `pairs`: (number, scope) pairs opted out. A bucket with no count yet (a store
written before counting existed) is counted once from its records by `backfill` (`flask
count-opt-outs`): while it runs, the commit script notes every number whose standing changes in
the bucket's 'counting' set, and one script per bucket counts the records it was given plus
those, then makes the count live, so no change is lost or counted twice."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .connection import Client
from .keys import BUCKETS, key_for
from .outage import translated

# Lua: the aliases of a number's hash whose record is opted out (awaiting a reason counts: both
# states block every message but the allowed replies); a field of an undeclared alias is no record
LUA_OPTED = """
local OPTED = {opted_out = true, awaiting_reason = true}
local function opted_aliases(hash)
  local fields, declared, opted = redis.call('HGETALL', hash), {}, {}
  for i = 1, #fields, 2 do
    local name = fields[i]
    if string.sub(name, 1, 1) == '@' then declared[string.sub(name, 2)] = true
    else
      local alias = string.match(name, '^(%w+)|state$')
      if alias and OPTED[fields[i + 1]] then opted[alias] = true end
    end
  end
  local found = {}
  for alias in pairs(opted) do if declared[alias] then found[alias] = true end end
  return found
end
"""

# Lua for the commit script: one (number, scope) changed standing by `delta` (+1 opted out, -1
# resubscribed). Live count: pairs always, numbers when no other scope of it is opted out. A count
# being made: the number is noted for the recount. Neither (never counted): nothing.
LUA_COUNT_CHANGE = (
    LUA_OPTED
    + """
local function count_change(hash, counts, counting, alias, delta)
  if redis.call('EXISTS', counts) == 1 then
    redis.call('HINCRBY', counts, 'pairs', delta)
    local others = opted_aliases(hash)
    others[alias] = nil
    if next(others) == nil then redis.call('HINCRBY', counts, 'numbers', delta) end
  elseif redis.call('EXISTS', counting) == 1 then
    redis.call('SADD', counting, hash)
  end
end
"""
)

# KEYS: the bucket's count, its counting set, log, register. A bucket nothing was ever written to
# starts counting at 0 (a message writes its log line: no log, no register, no record opted out)
START = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 1 end
if redis.call('EXISTS', KEYS[3]) == 0 and redis.call('EXISTS', KEYS[4]) == 0 then
  redis.call('HSET', KEYS[1], 'pairs', 0, 'numbers', 0)
  redis.call('DEL', KEYS[2])
  return 1
end
return 0
"""

# KEYS: the bucket's count, its counting set, then number hashes (every one that existed when the
# counting set was made, and every member of that set). Refused ('again') when the set names one
# not given; 'done' when another run counted first.
RECOUNT = (
    LUA_OPTED
    + """
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DEL', KEYS[2]); return 'done' end
local given = {}
for i = 3, #KEYS do given[KEYS[i]] = true end
for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if member ~= '' and not given[member] then return 'again' end
end
local pairs_opted, numbers = 0, 0
for i = 3, #KEYS do
  local n = 0
  for _ in pairs(opted_aliases(KEYS[i])) do n = n + 1 end
  pairs_opted = pairs_opted + n
  if n > 0 then numbers = numbers + 1 end
end
redis.call('HSET', KEYS[1], 'pairs', pairs_opted, 'numbers', numbers)
redis.call('DEL', KEYS[2])
return 'counted'
"""
)
MAX_RECOUNTS = 20  # a bucket recounted again while new numbers keep changing under it


@dataclass(frozen=True)
class Standing:
    """The count now: numbers opted out in any scope, (number, scope) pairs opted out, and how
    many of the 64 buckets are counted (fewer: the figures are not shown, a backfill is due)."""

    numbers: int
    pairs: int
    counted: int

    @property
    def complete(self) -> bool:
        """Every bucket counted: the figures are exact."""
        return self.counted == BUCKETS


class OptedOutCounts:
    """The per-bucket counts: read, started on a fresh store, backfilled on an old one."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix
        self._start = client.register_script(START)
        self._recount = client.register_script(RECOUNT)

    def keys(self, bucket: int) -> list[str]:
        """The bucket's count and counting set."""
        return [key_for(self.prefix, "opted-out", bucket=bucket), key_for(self.prefix, "counting", bucket=bucket)]

    @translated
    def standing(self) -> Standing:
        """The sum over buckets (one pipelined read of 64 small hashes); buckets never written
        to are started first, so a fresh store reads 0 before its first message."""
        found = self._read()
        if not found.complete:
            self.start()
            found = self._read()
        return found

    def _read(self) -> Standing:
        """The counted buckets summed."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.hmget(self.keys(bucket)[0], "numbers", "pairs")
        rows = [row for row in pipe.execute() if row[0] is not None]
        return Standing(sum(int(r[0]) for r in rows), sum(int(r[1] or 0) for r in rows), len(rows))

    def start(self) -> int:
        """Buckets counted once every never-written one starts at 0 (each process, on first use):
        one round trip on one server (EVAL: a pipeline cannot load a script the server lacks); a
        Cluster's pipeline runs no scripts, so there a call per bucket."""
        keys = [[*self.keys(b), *(key_for(self.prefix, kind, bucket=b) for kind in ("log", "register"))] for b in range(BUCKETS)]
        if hasattr(self.client, "get_node_from_key"):
            return sum(int(self._start(keys=k)) for k in keys)
        pipe = self.client.pipeline(transaction=False)
        for k in keys:
            pipe.eval(START, len(k), *k)
        return sum(int(n) for n in pipe.execute())

    @translated
    def backfill(self) -> Standing:
        """Count every bucket not counted yet from its records; safe to run again, or alongside
        writes and other runs (`flask count-opt-outs`, `flask migrate-store`)."""
        self.start()
        missing = [b for b in range(BUCKETS) if not self.client.exists(self.keys(b)[0])]
        for bucket in missing:  # from here on, a change in the bucket is noted
            self.client.sadd(self.keys(bucket)[1], "")
        numbers = self._numbers() if missing else {}
        for bucket in missing:
            self._count(bucket, numbers.get(bucket, []))
        return self._read()

    def recount(self) -> Standing:
        """Every bucket counted again from its records (after a migration wrote records directly)."""
        self.client.delete(*(self.keys(b)[0] for b in range(BUCKETS)))
        return self.backfill()

    def _numbers(self) -> dict[int, list[str]]:
        """Every number hash, by bucket (one SCAN of the keyspace, every node of a Cluster)."""
        found: dict[int, list[str]] = defaultdict(list)
        for key in self.client.scan_iter(f"{self.prefix}:number:*", count=1000):
            name = key.decode()
            found[int(name.split("{", 1)[1].split("}", 1)[0])].append(name)
        return found

    def _count(self, bucket: int, numbers: list[str]) -> None:
        """One bucket's recount, with the numbers that changed meanwhile."""
        for _ in range(MAX_RECOUNTS):
            changed = [m.decode() for m in self.client.smembers(self.keys(bucket)[1]) if m]
            keys = [*self.keys(bucket), *dict.fromkeys([*numbers, *changed])]
            if self._recount(keys=keys) != b"again":
                return
        raise RuntimeError(f"bucket {bucket} kept changing while it was counted: run it again")
