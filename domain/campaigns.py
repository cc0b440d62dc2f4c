"""Campaigns: the last message a number was sent (one small record), a campaign's name and its
totals, so that an opt-out can say which message made the person leave."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from .errors import BadInbound

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,31}$")
SID = re.compile(r"^SM[0-9a-f]{32}$")
WINDOW_DAYS = 7  # ATTRIBUTION_WINDOW_DAYS' default


def campaign_name(raw: str) -> str:
    """A campaign name as stored: 1-32 letters, digits, space, '.', '_' or '-' (a short name keeps
    each number's record in Redis' compact encoding); BadInbound with one line otherwise."""
    name = raw.strip()
    if not NAME.match(name):
        raise BadInbound("a campaign name is 1-32 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit")
    return name


@dataclass(frozen=True)
class LastSend:
    """The last campaign message sent to a number in one scope: what an opt-out is attributed to."""

    campaign: str
    at: float
    sid: str = ""

    def to_field(self) -> str:
        """One hash value under 64 bytes: base-36 seconds, the MessageSid's 16 bytes, the name."""
        return f"{_b36(int(self.at))} {_short_sid(self.sid)} {self.campaign}"

    @classmethod
    def from_field(cls, value: str) -> LastSend | None:
        """The record back, or None for an empty or unreadable value (never raises on old data)."""
        parts = value.split(" ", 2)
        if len(parts) != 3:
            return None
        try:
            return cls(parts[2], float(int(parts[0], 36)), _long_sid(parts[1]))
        except ValueError:
            return None

    def covers(self, now: float, window_seconds: float) -> bool:
        """Is an opt-out at `now` within the attribution window of this send?"""
        return 0 <= now - self.at <= window_seconds


@dataclass(frozen=True)
class CampaignTotals:
    """One campaign's counts over every bucket, as the API, the CLI and the dashboard show them."""

    name: str
    sent: int = 0
    delivered: int = 0
    failed: int = 0
    opted_out: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    first_sent: float | None = None
    last_sent: float | None = None

    @property
    def opt_out_rate(self) -> float:
        """Opt-outs per message sent (0-1; 0 before anything was sent)."""
        return round(min(self.opted_out / self.sent, 1.0), 4) if self.sent else 0.0


def _b36(n: int) -> str:
    digits, text = "0123456789abcdefghijklmnopqrstuvwxyz", ""
    while True:
        n, r = divmod(n, 36)
        text = digits[r] + text
        if n == 0:
            return text


def _short_sid(sid: str) -> str:
    """Twilio's 'SM' + 32 hex as 22 base-64 characters; anything else kept as it is ('-' if none)."""
    if SID.match(sid):
        return "~" + base64.urlsafe_b64encode(bytes.fromhex(sid[2:])).decode().rstrip("=")
    return sid.replace(" ", "") or "-"


def _long_sid(short: str) -> str:
    if short.startswith("~"):
        return "SM" + base64.urlsafe_b64decode(short[1:] + "==").hex()
    return "" if short == "-" else short
