"""Opaque references to phone numbers for ops URLs: a number never appears in a link, a
bookmark or an access log; a link carries a random token that Redis maps to the number."""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from store.refs import RefStore

REF_SECONDS = 8 * 3600  # as long as an ops session can last


class ExpiredRef(ValueError):
    """A reference that is unknown or past its time."""


class NumberRefs:
    """token -> number, kept REF_SECONDS."""

    def __init__(self, store: RefStore) -> None:
        self.store = store

    def ref_for(self, number: str) -> str:
        token = secrets.token_urlsafe(12)
        self.store.put(token, number, REF_SECONDS)
        return token

    def number_of(self, token: str) -> str:
        if not token or not token.replace("-", "").replace("_", "").isalnum() or len(token) > 32:
            raise ExpiredRef("not a number reference this console gave out")
        number = self.store.number_of(token)
        if number is None:
            raise ExpiredRef("this number reference has expired: search for the number again")
        return number

    def resolved(self, args: Mapping[str, str]) -> dict[str, str]:
        """Query arguments with `who` (a reference) turned back into `number`."""
        plain = {k: v for k, v in args.items() if k not in ("who", "number")}
        if args.get("who"):
            plain["number"] = self.number_of(args["who"])
        return plain
