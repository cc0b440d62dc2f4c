"""Errors of the domain itself; the edge (web/errors.py) maps them to HTTP answers."""

from __future__ import annotations


class BadInbound(ValueError):
    """Input that is not a message, number or scope we can work with (HTTP 400 at the edge)."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(SystemExit):
    """A setting has a value the service cannot work with: one line on stderr, exit status 1.

    A SystemExit so that `flask …` and gunicorn print the sentence, not a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(f"configuration error: {message}")
        self.message = message

    def __str__(self) -> str:
        return self.message


class StoreOutage(Exception):
    """The store cannot be reached, or cannot take writes now: try again shortly (not a command it
    refused). The store's repositories raise it in place of their client's own errors, so no caller
    outside store/ knows the client (store.OUTAGES holds it too; the edge answers 503)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
