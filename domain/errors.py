"""Errors of the domain itself; the edge (errors.py) maps them to HTTP answers."""
from __future__ import annotations


class BadInbound(ValueError):
    """Input that is not a message, number or scope we can work with (HTTP 400 at the edge)."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
