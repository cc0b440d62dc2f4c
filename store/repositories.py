"""The store's small repositories on one client and prefix: what the console, the links and the
probes use, so that no code outside store/ holds a client or names a key."""

from __future__ import annotations

import time

from .audit import AuditLog
from .campaigns import CampaignStore
from .connection import Client
from .feed import FeedStore
from .links import LinkStore
from .lockouts import Lockouts
from .number_index import NumberIndex
from .outage import translated
from .people import PeopleCounts
from .refs import RefStore
from .reviews import ReviewStore
from .sessions import SessionStore
from .standing import OptedOutCounts


class Health:
    """The store answering at all, and how fast."""

    def __init__(self, client: Client) -> None:
        self.client = client

    @translated
    def ping(self) -> float:
        """The round trip of one PING in seconds (StoreOutage when it gets no answer)."""
        started = time.perf_counter()
        self.client.ping()
        return time.perf_counter() - started


class Repositories:
    """Every repository of one store (made once, with the store)."""

    def __init__(self, client: Client, prefix: str) -> None:
        self.sessions = SessionStore(client, prefix)
        self.lockouts = Lockouts(client, prefix)
        self.links = LinkStore(client, prefix)
        self.refs = RefStore(client, prefix)
        self.audit = AuditLog(client, prefix)
        self.reviews = ReviewStore(client, prefix)
        self.campaigns = CampaignStore(client, prefix)
        self.feed = FeedStore(client, prefix)
        self.opted_out = OptedOutCounts(client, prefix)  # numbers opted out now, per bucket
        self.number_index = NumberIndex(client, prefix)  # a number's own log (ops search)
        self.people = PeopleCounts(client, prefix)  # distinct numbers opting out (or in) lately
        self.health = Health(client)
