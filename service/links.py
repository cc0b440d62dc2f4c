"""Short signed, expiring unsubscribe links: a random id in Redis, signed with SECRET_KEY."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner

from store.links import LinkStore

SALT = "unsubscribe-link"


class LinkProblem(Exception):
    """A link that cannot be used; `kind` is tampered, expired or unconfigured."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Link:
    """What a link stands for."""

    link_id: str
    number: str
    scope: str
    used: bool
    reason_given: bool


class Links:
    """Creates and resolves unsubscribe links."""

    def __init__(self, store: LinkStore, secret: str, days: int) -> None:
        if not secret:
            raise LinkProblem("unconfigured")
        self.store = store
        self.signer = TimestampSigner(secret, salt=SALT)
        self.max_age = days * 86400

    def create(self, number: str, scope: str) -> str:
        """A token such as 'k3J9x2mQpA.ZlY2aQ.…' (≈45 characters), valid for the configured days."""
        link_id = secrets.token_urlsafe(8)
        self.store.create(link_id, {"number": number, "scope": scope, "created": str(time.time())}, self.max_age)
        return self.signer.sign(link_id).decode()

    def resolve(self, token: str) -> Link:
        """The link behind a token, or LinkProblem('tampered'|'expired')."""
        try:
            link_id = self.signer.unsign(token, max_age=self.max_age).decode()
        except SignatureExpired:
            raise LinkProblem("expired") from None
        except BadSignature:
            raise LinkProblem("tampered") from None
        data = self.store.read(link_id)
        if not data:
            raise LinkProblem("expired")
        return Link(link_id, data["number"], data["scope"], "used" in data, "reason" in data)

    def mark_used(self, link: Link) -> None:
        """Say the link was used (after the opt-out is recorded); the first time is kept."""
        self.store.mark(link.link_id, "used", str(time.time()))

    def mark_reason(self, link: Link) -> None:
        """Say a reason was given through this link (after it is recorded)."""
        self.store.mark(link.link_id, "reason", str(time.time()))
