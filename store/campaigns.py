"""Campaign records in Redis: each number's last campaign message (a field of its hash, under
the scope's alias) and each campaign's counts in its bucket's hash ('<prefix>:campaigns:{b}',
fields '<name>|sent', …): a send, a status or an opt-out is one single-slot write."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from domain.campaigns import CampaignTotals, LastSend
from domain.records import LAST_SEND_FIELD

from .connection import Client
from .keys import BUCKETS, key_for
from .outage import translated

# KEYS: the number's hash, its bucket's campaigns. ARGV: scope, last-send value, name, the
# record's field for it, seconds.
# The scope's alias is the one the hash declares, or the lowest free one (as commit.alias_of
# chooses: a consent write that chose the same alias for another scope is refused and retried)
RECORD_SEND = """
local fields, used, alias = redis.call('HGETALL', KEYS[1]), {}, nil
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 1) == '@' then
    used[string.sub(fields[i], 2)] = true
    if fields[i + 1] == ARGV[1] then alias = string.sub(fields[i], 2) end
  end
end
if not alias then
  local n = 0
  while used[tostring(n)] do n = n + 1 end
  alias = tostring(n)
  redis.call('HSET', KEYS[1], '@' .. alias, ARGV[1])
end
redis.call('HSET', KEYS[1], alias .. '|' .. ARGV[4], ARGV[2])
local name, at = ARGV[3], tonumber(ARGV[5])
redis.call('HINCRBY', KEYS[2], name .. '|sent', 1)
local first = tonumber(redis.call('HGET', KEYS[2], name .. '|first') or at)
redis.call('HSET', KEYS[2], name .. '|first', math.min(first, at))
local last = tonumber(redis.call('HGET', KEYS[2], name .. '|last') or at)
redis.call('HSET', KEYS[2], name .. '|last', math.max(last, at))
"""
COUNTS = ("sent", "delivered", "failed", "opted_out")


@dataclass
class _Sums:
    """One campaign's fields summed over the buckets read so far."""

    counts: Counter[str] = field(default_factory=Counter)  # COUNTS
    reasons: Counter[str] = field(default_factory=Counter)  # category -> n
    times: dict[str, list[float]] = field(default_factory=lambda: {"first": [], "last": []})  # each bucket's


class CampaignStore:
    """What was sent under which campaign, and how each campaign fared."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client, self.prefix = client, prefix
        self._record_send = client.register_script(RECORD_SEND)

    @translated
    def record_send(self, scope: str, number: str, sent: LastSend) -> None:
        """A campaign message went out: the number's last send, and one more sent for the campaign."""
        keys = [key_for(self.prefix, "number", number), key_for(self.prefix, "campaigns", number)]
        args = [scope, sent.to_field(), sent.campaign, LAST_SEND_FIELD, int(sent.at)]
        self._record_send(keys=keys, args=args)

    @translated
    def record_status(self, number: str, campaign: str, status: str) -> None:
        """Twilio's final status of one campaign message ('delivered' or 'failed')."""
        self.client.hincrby(key_for(self.prefix, "campaigns", number), f"{campaign}|{status}", 1)

    @translated
    def totals(self) -> list[CampaignTotals]:
        """Every campaign, the counts of its 64 buckets summed; the latest send first."""
        pipe = self.client.pipeline(transaction=False)
        for bucket in range(BUCKETS):
            pipe.hgetall(key_for(self.prefix, "campaigns", bucket=bucket))
        merged: defaultdict[str, _Sums] = defaultdict(_Sums)
        for raw in pipe.execute():
            for key, value in raw.items():
                _merge(merged, key.decode(), value.decode())
        found = [_totals(name, data) for name, data in merged.items()]
        return sorted(found, key=lambda c: (-(c.last_sent or 0), c.name))

    def one(self, name: str) -> CampaignTotals | None:
        """One campaign by name, or None when nothing was ever sent or counted under it."""
        return next((c for c in self.totals() if c.name == name), None)


def _merge(merged: defaultdict[str, _Sums], name_and_what: str, value: str) -> None:
    """Add one bucket's field ('<name>|sent', '<name>|reason:price', '<name>|first') to the sum."""
    name, _, what = name_and_what.rpartition("|")
    sums = merged[name]
    if what.startswith("reason:"):
        sums.reasons[what.removeprefix("reason:")] += int(value)
    elif what in COUNTS:
        sums.counts[what] += int(value)
    elif what in sums.times:
        sums.times[what].append(float(value))


def _totals(name: str, sums: _Sums) -> CampaignTotals:
    counts = {what: sums.counts[what] for what in COUNTS}
    reasons = dict(sorted(sums.reasons.items(), key=lambda kv: (-kv[1], kv[0])))
    first, last = min(sums.times["first"], default=None), max(sums.times["last"], default=None)
    return CampaignTotals(name, **counts, reasons=reasons, first_sent=first, last_sent=last)
