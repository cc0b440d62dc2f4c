"""How many people (distinct numbers) opted out, or back in, over recent UTC days: each bucket
keeps a HyperLogLog a day and event, added to by the same atomic write as the change. A number
lives in one bucket, so the buckets' counts add up; within a bucket PFCOUNT unites the days.

Why not a set of numbers a day: at a million opt-outs a month a set costs tens of MB, a
HyperLogLog at most 12 KB whatever the count (0.81 % standard error; small counts are exact
in practice, which the headline's tests rely on)."""

from __future__ import annotations

import time

from .commit import PEOPLE_EVENTS, day_of
from .connection import Client
from .keys import BUCKETS, key_for
from .outage import translated

# one bucket's windows in one call (redis-py's Cluster pipeline refuses PFCOUNT): KEYS are each
# event's days, newest first, ARGV the two windows' lengths; the answer: each event's counts
COUNT = """
local short, long = tonumber(ARGV[1]), tonumber(ARGV[2])
local answer = {}
for offset = 0, #KEYS - long, long do
  local days = {}
  for d = 1, long do days[d] = KEYS[offset + d] end
  table.insert(answer, redis.call('PFCOUNT', unpack(days, 1, short)))
  table.insert(answer, redis.call('PFCOUNT', unpack(days)))
end
return answer
"""


class PeopleCounts:
    """Distinct numbers per consent change over a short and a long window of days."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.client = client
        self.prefix = prefix
        self._count = client.register_script(COUNT)

    @translated
    def recent(self, short: int, long: int, now: float | None = None) -> dict[str, tuple[int, int]]:
        """{event: (numbers in the last `short` UTC days, in the last `long`)}, today included:
        one script call a bucket (a slot each)."""
        now = time.time() if now is None else now
        days = [day_of(now - d * 86400) for d in range(long)]  # the days the write uses
        totals = {event: [0, 0] for event in PEOPLE_EVENTS}
        for bucket in range(BUCKETS):
            keys = [key_for(self.prefix, "people", bucket=bucket, day=f"{day}-{e}") for e in PEOPLE_EVENTS for day in days]
            counts = self._count(keys=keys, args=[short, long])
            for i, event in enumerate(PEOPLE_EVENTS):
                totals[event][0] += int(counts[2 * i])
                totals[event][1] += int(counts[2 * i + 1])
        return {str(event): (week, month) for event, (week, month) in totals.items()}
