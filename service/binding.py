"""Handing the service to the edge: the app factory passes a provider (the service is built
on first use, in the process that uses it) and adapters bind their views and commands to it."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from service.optout import OptOutService

ServiceProvider = Callable[[], OptOutService]
T = TypeVar("T")


def bound(view: Callable[..., T], service: ServiceProvider) -> Callable[..., T]:
    """`view(service, *args)` as a function of `*args` alone (a Flask view, a command callback)."""

    @functools.wraps(view)
    def call(*args: Any, **kwargs: Any) -> T:
        return view(service(), *args, **kwargs)

    del call.__wrapped__  # inspect must not see the service parameter
    return call


def bound_command(command: click.Command, service: ServiceProvider) -> click.Command:
    """A copy of `command` whose callback gets the service first (the original stays unbound,
    so every app made in one process has its own)."""
    if command.callback is None:
        raise TypeError(f"command {command.name!r} has no callback to bind")
    copied = copy.copy(command)
    copied.callback = bound(command.callback, service)
    return copied
