"""A registry of dialogue handlers by name; registering a name twice fails loudly."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Handler = Callable[..., Any]  # (Turn) -> Outcome; typed loosely here to keep this module below handlers
F = TypeVar("F", bound=Handler)
HANDLERS: dict[str, Handler] = {}


class DuplicateHandler(RuntimeError):
    """Two functions claimed the same handler name."""


def handler(name: str) -> Callable[[F], F]:
    """Register a plain function as the handler called `name`."""
    def register(function: F) -> F:
        if name in HANDLERS:
            raise DuplicateHandler(f"handler {name!r} is already {HANDLERS[name].__qualname__}")
        HANDLERS[name] = function
        return function
    return register


def get_handler(name: str) -> Handler:
    """Look a handler up, failing with the known names when it is missing."""
    try:
        return HANDLERS[name]
    except KeyError:
        raise KeyError(f"no handler {name!r}; known: {sorted(HANDLERS)}") from None
