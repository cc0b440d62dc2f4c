"""The service for the edge, through Flask's app context: `create_app` keeps a provider on the
app (the service is built on first use, in the process that uses it: gunicorn forks before any
connection exists), and a view or command gets the service of the app it runs in, so two apps
in one process never share one (the tests build hundreds)."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from service.optout import OptOutService

ServiceProvider = Callable[[], OptOutService]
EXTENSION = "optout.service"
T = TypeVar("T")


def init_app(app: Flask, provider: ServiceProvider) -> None:
    """Keep the app's service provider where its views and commands find it."""
    app.extensions[EXTENSION] = provider


def service_of(app: Flask) -> OptOutService:
    """The app's service (outside a request too: a worker's feed thread)."""
    provider: ServiceProvider = app.extensions[EXTENSION]
    return provider()


def current_service() -> OptOutService:
    """The service of the app handling this request or command."""
    return service_of(current_app)


def bound(view: Callable[..., T]) -> Callable[..., T]:
    """`view(service, *args)` as a function of `*args` alone (a Flask view, a command callback),
    given the current app's service at each call."""

    @functools.wraps(view)
    def call(*args: Any, **kwargs: Any) -> T:
        return view(current_service(), *args, **kwargs)

    del call.__wrapped__  # inspect must not see the service parameter
    return call


def bound_command(command: click.Command) -> click.Command:
    """A copy of `command` whose callback runs in its app's context and gets that app's service
    first (the original stays as written: its callback is the plain function)."""
    if command.callback is None:
        raise TypeError(f"command {command.name!r} has no callback to bind")
    copied = copy.copy(command)
    copied.callback = with_appcontext(bound(command.callback))
    return copied
