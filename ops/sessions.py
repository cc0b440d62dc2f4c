"""Server-side ops sessions: the cookie holds only an id; Redis holds (and can revoke) the rest."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from store.sessions import SessionStore

IDLE_SECONDS = 30 * 60  # signed out after half an hour without a request
ABSOLUTE_SECONDS = 8 * 3600  # and after eight hours whatever happens


def fingerprint(secret_key: str, password: str) -> str:
    """Changes when OPS_PASSWORD changes (and not on a restart): old sessions stop working."""
    return hmac.new(secret_key.encode(), b"ops-password:" + password.encode(), hashlib.sha256).hexdigest()[:32]


class OpsSessions:
    """Create, check, revoke one session, or every session at once."""

    def __init__(self, store: SessionStore, password_fingerprint: str) -> None:
        self.store, self.fingerprint = store, password_fingerprint

    def create(self) -> str:
        """A new session id, valid for IDLE_SECONDS from its last use."""
        sid = secrets.token_urlsafe(32)
        self.store.create(
            sid, {"created": str(time.time()), "password": self.fingerprint, "generation": self.store.generation()}, IDLE_SECONDS
        )
        return sid

    def valid(self, sid: str | None) -> bool:
        """True for a live session of the current password and generation (and keeps it alive)."""
        if not sid or not isinstance(sid, str):
            return False
        data = self.store.read(sid)
        if (
            not data
            or data.get("password") != self.fingerprint
            or data.get("generation") != self.store.generation()
            or time.time() - float(data["created"]) > ABSOLUTE_SECONDS
        ):
            self.revoke(sid)
            return False
        self.store.touch(sid, IDLE_SECONDS)
        return True

    def revoke(self, sid: str | None) -> None:
        if sid and isinstance(sid, str):
            self.store.delete(sid)

    def revoke_all(self) -> None:
        """Sign out everywhere: every session made before now stops working."""
        self.store.next_generation()
